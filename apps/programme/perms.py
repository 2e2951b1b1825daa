"""Who may do what in the support programme (django-rules predicates)."""

import rules

from apps.accounts.perms import is_region_admin, is_support_team
from apps.network.coordination import employing_structure_ids


@rules.predicate
def is_member_of_organiser(user, session):
    if session is None or not user.is_authenticated or session.organiser_structure_id is None:
        return False
    return user.memberships.filter(structure_id=session.organiser_structure_id).exists()


@rules.predicate
def has_a_structure(user):
    """A member of a structure, or a coordinator employed by one (see services.registration_structures)."""
    return user.is_authenticated and (user.memberships.exists() or bool(employing_structure_ids(user)))


# The programme (axes, actions, new sessions, questionnaires) is run by the Region and the support team.
can_manage_programme = is_region_admin | is_support_team
# A session is managed by them and by the members of its organiser structure: they are its organisers.
can_manage_session = can_manage_programme | is_member_of_organiser
# Only organisers see participants' e-mails, lists, exports, attendance and free-text answers.
can_see_participants = can_manage_session
# Members of a structure, and coordinators through their employing structure, register themselves.
can_register = has_a_structure

rules.add_perm("programme.manage_programme", can_manage_programme)
rules.add_perm("programme.manage_session", can_manage_session)
rules.add_perm("programme.see_participants", can_see_participants)
rules.add_perm("programme.register", can_register)
