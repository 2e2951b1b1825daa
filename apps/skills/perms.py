"""Who may do what in professionalisation (django-rules predicates, composed from accounts/perms.py).

- every professional of the network (member of a structure, coordinator, support team, Région) keeps
  a talent tree, reads "qui fait quoi" and the territory guides;
- the Région and the support team edit the frameworks and read the network's aggregated view, from
  which the support team (and the Région) create programme sessions; coordinators read that view too;
- endorsing is done by the colleague the link was sent to, never by the person themselves.
"""

import rules

from apps.accounts.perms import is_region_admin, is_support_team
from apps.network.perms import is_any_coordinator
from apps.programme.perms import can_manage_programme, has_a_structure

is_network_professional = has_a_structure | is_any_coordinator | is_region_admin | is_support_team
can_manage_frameworks = is_region_admin | is_support_team
can_see_network_view = is_region_admin | is_support_team | is_any_coordinator
can_create_session_from_skill = can_manage_programme


@rules.predicate
def is_addressee_of(user, endorsement):
    """The logged-in colleague is the one the endorsement was asked to (same e-mail), not its owner."""
    if endorsement is None or not user.is_authenticated:
        return False
    return endorsement.user_id != user.pk and user.email.lower() == endorsement.colleague_email.lower()


can_endorse = is_network_professional & is_addressee_of

rules.add_perm("skills.keep_talent_tree", is_network_professional)
rules.add_perm("skills.read_directory", is_network_professional)
rules.add_perm("skills.manage_frameworks", can_manage_frameworks)
rules.add_perm("skills.see_network_view", can_see_network_view)
rules.add_perm("skills.create_session", can_create_session_from_skill)
rules.add_perm("skills.endorse", can_endorse)
