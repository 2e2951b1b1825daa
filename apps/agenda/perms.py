"""Who enters the public events (django-rules predicates, composed from the role predicates).

- the region admin and the support team (GIP) enter and edit events everywhere;
- a coordinator enters and edits the events of the territories they coordinate, and no other;
- everyone, signed in or not, reads the published agenda.
"""

import rules

from apps.accounts.perms import is_region_admin, is_support_team
from apps.geo.models import Territory
from apps.network.perms import coordinates, is_any_coordinator
from apps.network.selectors import coordinated_territory_ids

manages_everywhere = is_region_admin | is_support_team

rules.add_perm("agenda.manage_events", manages_everywhere | is_any_coordinator)
rules.add_perm("agenda.manage_all_events", manages_everywhere)
rules.add_perm("agenda.change_event", manages_everywhere | coordinates)  # object: an event or a territory


def editable_territories(user):
    """The territories in which the user may enter an event."""
    territories = Territory.objects.exclude(kind=Territory.Kind.REGION).order_by("name")
    if user.has_perm("agenda.manage_all_events"):
        return territories
    return territories.filter(pk__in=coordinated_territory_ids(user))
