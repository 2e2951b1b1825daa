"""The role predicates (django-rules), in one module: every app composes its rules from these.

The regional roles themselves are `User.is_region_admin` and `User.is_support_team` (accounts/models.py);
nothing else compares role strings.
"""

import rules

from .models import Membership


@rules.predicate
def is_region_admin(user):
    return bool(getattr(user, "is_region_admin", False))


@rules.predicate
def is_support_team(user):
    return bool(getattr(user, "is_support_team", False))


@rules.predicate
def is_member_of_structure(user, structure):
    if structure is None or not user.is_authenticated:
        return False
    return user.memberships.filter(structure=structure).exists()


@rules.predicate
def is_admin_of_structure(user, structure):
    if structure is None or not user.is_authenticated:
        return False
    return user.memberships.filter(structure=structure, role=Membership.Role.ADMIN).exists()


can_edit_structure_offer = is_region_admin | is_member_of_structure
can_manage_structure = is_region_admin | is_admin_of_structure

rules.add_perm("directory.edit_offer", can_edit_structure_offer)
rules.add_perm("directory.manage_structure", can_manage_structure)
rules.add_perm("directory.manage_vocabularies", is_region_admin)
