"""What a professional's home page ("Mon espace") offers: only what their roles allow.

A user may hold several roles at once (member of a structure, coordinator of a territory, support
team, region admin); each block of the page comes from the permission predicates of its domain.
"""

from dataclasses import dataclass, field

from apps.accounts.perms import is_region_admin
from apps.geo.models import Territory
from apps.indicators.access import dashboards_of
from apps.network.selectors import coordinated_territory_ids
from apps.programme.perms import can_manage_programme, can_register
from apps.territories.perms import has_membership


@dataclass
class Home:
    # member of a structure: first receptions, fiches navettes, registrations to sessions
    works_in_a_structure: bool = False
    # members, and coordinators through the structure that employs them (programme.perms.can_register)
    registers_to_sessions: bool = False
    my_structures: list = field(default_factory=list)
    coordinated_territories: list = field(default_factory=list)
    manages_programme: bool = False
    region_admin: bool = False
    has_indicators: bool = False

    @property
    def has_a_role(self) -> bool:
        """False for an account attached to nothing yet: the page then says how to get attached."""
        return bool(
            self.works_in_a_structure or self.coordinated_territories or self.manages_programme or self.region_admin
        )


def home_of(user) -> Home:
    territories = coordinated_territory_ids(user)
    dashboards = dashboards_of(user)
    return Home(
        works_in_a_structure=bool(has_membership(user)),
        registers_to_sessions=bool(can_register(user)),
        my_structures=list(dashboards["structures"]),
        coordinated_territories=list(Territory.objects.filter(pk__in=territories).order_by("name")),
        manages_programme=bool(can_manage_programme(user)),
        region_admin=bool(is_region_admin(user)),
        has_indicators=bool(dashboards["region"] or dashboards["territories"].exists() or dashboards["structures"]),
    )
