"""Who may read and change the governance of a territory (django-rules predicates).

- the region admin reads and changes everything;
- a coordinator reads and changes their own territory only (conventions while the Region has not
  sent them for signature, committee, meetings, action plan, annual report, balance request);
- a member of a structure reads the conventions their structure is party to, the grant their
  structure receives, the meetings of its committee and its territory's action plan;
- the support team (GIP) reads every meeting and animates the regional coordinators' meetings;
- the COTECH SPRO is run by the Region; every coordinator reads it, and raises their territory's needs.
"""

import rules

from apps.accounts.perms import is_region_admin, is_support_team
from apps.geo.models import Territory

from . import selectors
from .models import Committee, Convention


def _territory_id(obj):
    """The territory of any governance object (convention, grant, meeting, plan, report...)."""
    for path in ("territory_id", "convention.territory_id", "committee.territory_id", "plan.territory_id"):
        target = obj
        for part in path.split("."):
            target = getattr(target, part, None)
            if target is None:
                break
        if target is not None:
            return target
    return None


@rules.predicate
def is_any_coordinator(user):
    return bool(user.is_authenticated and selectors.coordinated_territory_ids(user))


@rules.predicate
def coordinates(user, obj):
    """The user is a current coordinator of the object's territory (or of the territory itself)."""
    if obj is None or not user.is_authenticated:
        return False
    territory_id = obj.pk if isinstance(obj, Territory) else _territory_id(obj)
    return territory_id is not None and territory_id in selectors.coordinated_territory_ids(user)


@rules.predicate
def is_signatory_member(user, convention):
    if convention is None or not user.is_authenticated:
        return False
    return convention.signatories.filter(structure__memberships__user=user).exists()


@rules.predicate
def is_beneficiary_member(user, grant):
    if grant is None or not user.is_authenticated:
        return False
    return user.memberships.filter(structure_id=grant.beneficiary_id).exists()


@rules.predicate
def is_draft_convention(user, convention):
    return convention is not None and convention.status == Convention.Status.DRAFT


@rules.predicate
def is_draft_report(user, report):
    return report is not None and report.is_draft


@rules.predicate
def is_regional_committee(user, obj):
    committee = obj if isinstance(obj, Committee) else getattr(obj, "committee", None)
    return committee is not None and committee.kind == Committee.Kind.REGIONAL


@rules.predicate
def sits_on_committee(user, obj):
    """Member of a structure of the committee, or of a structure of its territory."""
    committee = obj if isinstance(obj, Committee) else getattr(obj, "committee", None)
    if committee is None or not user.is_authenticated:
        return False
    structures = user.memberships.values("structure_id")
    if committee.members.filter(structure_id__in=structures).exists():
        return True
    return (
        committee.territory_id is not None
        and user.memberships.filter(structure__territory_id=committee.territory_id).exists()
    )


@rules.predicate
def works_in_territory(user, obj):
    territory_id = obj.pk if isinstance(obj, Territory) else _territory_id(obj)
    if territory_id is None or not user.is_authenticated:
        return False
    return user.memberships.filter(structure__territory_id=territory_id).exists()


can_view_convention = is_region_admin | coordinates | is_signatory_member
can_change_convention = is_region_admin | (coordinates & is_draft_convention)
can_view_grant = is_region_admin | coordinates | is_beneficiary_member


@rules.predicate
def is_cotech(user, obj):
    committee = obj if isinstance(obj, Committee) else getattr(obj, "committee", None)
    return committee is not None and committee.kind == Committee.Kind.COTECH


can_view_meeting = (
    is_region_admin
    | is_support_team
    | (~is_regional_committee & (coordinates | sits_on_committee))
    | ((is_regional_committee | is_cotech) & is_any_coordinator)
)
can_change_meeting = (
    is_region_admin | (~is_regional_committee & coordinates) | (is_regional_committee & is_support_team)
)

rules.add_perm("network.view_convention", can_view_convention)
rules.add_perm("network.change_convention", can_change_convention)
rules.add_perm("network.manage_conventions", is_region_admin)  # create, send, signatures, grants, payments
rules.add_perm("network.remind_signatories", is_region_admin | coordinates)
rules.add_perm("network.view_grant", can_view_grant)
rules.add_perm("network.request_balance", is_region_admin | coordinates)
rules.add_perm("network.view_meeting", can_view_meeting)
rules.add_perm("network.change_meeting", can_change_meeting)
rules.add_perm("network.view_plan", is_region_admin | is_support_team | coordinates | works_in_territory)
rules.add_perm("network.change_plan", is_region_admin | coordinates)
rules.add_perm("network.view_report", is_region_admin | coordinates)
rules.add_perm("network.change_report", (is_region_admin | coordinates) & is_draft_report)
rules.add_perm("network.reopen_report", is_region_admin)
rules.add_perm("network.designate_coordinators", is_region_admin)
rules.add_perm("network.view_governance", is_region_admin | is_support_team | coordinates)

# Coordination teams, candidate structures and the needs raised to the COTECH SPRO (coordination.py)
rules.add_perm("network.view_coordination", is_region_admin | is_support_team | is_any_coordinator)
rules.add_perm("network.view_candidates", is_region_admin | is_support_team | coordinates)
rules.add_perm("network.act_on_candidates", is_region_admin | coordinates)  # propose, contact, decide
rules.add_perm("network.view_needs", is_region_admin | is_support_team | coordinates)
rules.add_perm("network.raise_need", is_region_admin | coordinates)
rules.add_perm("network.manage_cotech", is_region_admin)  # agenda, answers, members and meetings
# Consumption, signing in the platform and the regional synthesis (issue 16, items 4 to 6).
rules.add_perm("network.declare_spending", is_region_admin | coordinates)
rules.add_perm("network.view_consumption_table", is_region_admin)
rules.add_perm("network.view_synthesis", is_region_admin)
