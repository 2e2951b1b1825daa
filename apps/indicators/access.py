"""Who sees which dashboard, and whether small numbers are masked for them.

- a member of a structure sees their structure's figures, unmasked;
- a coordinator sees their territory (and its structures), masked;
- the region admin and the support team (GIP) see the Region and every territory, masked;
- only the region admin downloads the CREFOP synthesis.
"""

import rules

from apps.accounts.perms import is_member_of_structure, is_region_admin, is_support_team
from apps.geo.models import Territory
from apps.network.selectors import coordinated_territory_ids


def coordinated_territories(user):
    """The territories the user currently coordinates (designations of the governance app, apps.network)."""
    if not getattr(user, "is_authenticated", False):
        return Territory.objects.none()
    return Territory.objects.filter(pk__in=coordinated_territory_ids(user))


@rules.predicate
def coordinates_territory(user, territory):
    if territory is None or not user.is_authenticated:
        return False
    return coordinated_territories(user).filter(pk=territory.pk).exists()


@rules.predicate
def coordinates_structure_territory(user, structure):
    return structure is not None and coordinates_territory(user, structure.territory)


can_view_region = is_region_admin | is_support_team
can_view_territory = can_view_region | coordinates_territory
can_view_structure = can_view_region | is_member_of_structure | coordinates_structure_territory

rules.add_perm("indicators.view_region", can_view_region)
rules.add_perm("indicators.view_territory", can_view_territory)
rules.add_perm("indicators.view_structure", can_view_structure)
rules.add_perm("indicators.download_synthesis", is_region_admin)
rules.add_perm("indicators.refresh", is_region_admin)


def masks_small_numbers(user, structure=None) -> bool:
    """Counts of 1 to 4 people are masked everywhere except on a structure's own dashboard, for its members."""
    return not (structure is not None and is_member_of_structure(user, structure))


def dashboards_of(user) -> dict:
    """The dashboards a user may open, for the indicators home page."""
    from apps.directory.models import Structure

    if not user.is_authenticated:
        return {"region": False, "territories": Territory.objects.none(), "structures": Structure.objects.none()}
    region = can_view_region(user)
    territories = Territory.objects.all() if region else coordinated_territories(user)
    structures = Structure.objects.filter(memberships__user=user).order_by("name")
    return {"region": region, "territories": territories.order_by("departement_id", "name"), "structures": structures}
