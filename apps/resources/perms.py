"""Who may open a resource of the mallette, and who maintains it: one rule, enforced on every download.

Public: anyone; network members: any professional of the network (accounts attached to a structure,
coordinators, Région, support team); coordinators: current coordinators, the Région and the support team.
A resource taken offline is seen by those who maintain the mallette only.
"""

import rules

from apps.accounts.perms import is_region_admin, is_support_team
from apps.network.perms import is_any_coordinator
from apps.skills.perms import is_network_professional

from .models import Audience

can_manage_resources = is_region_admin | is_support_team


def visible_audiences(user) -> list[str]:
    """The audiences whose resources the user may list and open (the rule itself)."""
    audiences = [Audience.PUBLIC]
    if is_network_professional(user):
        audiences.append(Audience.MEMBERS)
    if is_any_coordinator(user) or can_manage_resources(user):
        audiences.append(Audience.COORDINATORS)
    return audiences


@rules.predicate
def may_open(user, resource):
    if resource is None:
        return False
    if not resource.is_active and not can_manage_resources(user):
        return False
    return resource.audience in visible_audiences(user)


rules.add_perm("resources.open", may_open)
rules.add_perm("resources.manage", can_manage_resources)
rules.add_perm("resources.read_tools", is_network_professional)
