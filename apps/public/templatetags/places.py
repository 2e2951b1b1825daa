"""Links of a public place that every page builds the same way."""

from urllib.parse import urlencode

from django import template

register = template.Library()

# OpenStreetMap's route planner, on foot by default; the person's own position is left for them to give
# (the site never asks for it). A plain link: no third-party script on our pages.
DIRECTIONS_URL = "https://www.openstreetmap.org/directions"


@register.filter
def directions_url(place) -> str:
    """ "Y aller": OpenStreetMap directions to the place's coordinates."""
    destination = f"{place.latitude:.6f},{place.longitude:.6f}"
    return f"{DIRECTIONS_URL}?{urlencode({'engine': 'fossgis_osrm_foot', 'route': ';' + destination})}"
