"""The platform's map component: `{% load maps %}{% map points "Carte des lieux" %}`.

`points` is a list of dicts, one per marker, built by the view or a selector (never in the template):
    {"lat": 47.59, "lon": 1.33, "label": "Mission locale de Blois", "url": "/lieux/12/",
     "detail": "2 km", "colour": "near"}
- lat, lon, label are required; points without coordinates are skipped;
- url and detail are optional (the popup shows the label as a link, then the detail);
- colour is optional: a key of MAP_COLOURS (distance bands for coverage maps, for instance); a point with a colour is
  drawn as a coloured dot, one without as a standard pin. Pass `legend` (a list of (colour key, text)) to explain them.

The map is an enhancement: the page's list or table carries the same information and stays the main content. Without
JavaScript (or when tiles cannot load) nothing is lost: the map box stays hidden until the script draws the markers.
"""

from django import template
from django.conf import settings

register = template.Library()

# Colour keys a page may use, with their fill colour (contrast ≥ 3:1 against the OSM background and white strokes).
MAP_COLOURS = {
    "near": "#1b7a3d",
    "mid": "#b35c00",
    "far": "#b3261e",
    "none": "#5b5b66",
    "accent": "#1d4f91",
}


def _marker(point: dict) -> dict | None:
    try:
        lat, lon = float(point["lat"]), float(point["lon"])
    except (KeyError, TypeError, ValueError):
        return None
    marker = {"lat": round(lat, 6), "lon": round(lon, 6), "label": str(point.get("label", ""))}
    for key in ("url", "detail"):
        if point.get(key):
            marker[key] = str(point[key])
    if point.get("colour") in MAP_COLOURS:
        marker["colour"] = MAP_COLOURS[point["colour"]]
    return marker


@register.inclusion_tag("components/map.html")
def map(points, label, map_id="carte", legend=None):  # noqa: A001 - the tag's name in templates
    markers = [m for m in (_marker(p) for p in points or ()) if m]
    return {
        "map_id": map_id,
        "data_id": f"{map_id}-data",
        "label": label,
        "markers": markers,
        "legend": [(MAP_COLOURS[key], text) for key, text in legend or () if key in MAP_COLOURS],
        "tile_url": settings.SPRO_MAP_TILE_URL,
        "attribution": settings.SPRO_MAP_ATTRIBUTION,
    }
