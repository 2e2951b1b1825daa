"""The rules of coordination in one place: the team's composition, the candidates' state machine, reads.

Seed 004 lists the coordinations of the region: departmental coordinators with bassin référents (Cher),
local coordinators alone or in pairs ("en binôme"), and seed 003 the Indre-et-Loire's "groupement de
coordinateurs locaux". Seed 000: « L'ajout de nouveaux partenaires se fera sous la forme d'avenants ».
"""

from dataclasses import dataclass

from django.db.models import QuerySet

from .models import Candidate, CoordinationRole, Coordinator
from .models.common import current_school_year
from .selectors import active_coordinators

# Per territory and school year, at most this many people in the role (the others are not limited).
ROLE_LIMITS = {CoordinationRole.DEPARTMENTAL: 1, CoordinationRole.PAIR: 2}
ROLES_WITH_AREA = {CoordinationRole.BASSIN}

State = Candidate.Status
CLOSED = [State.JOINED, State.DECLINED]


@dataclass(frozen=True)
class Transition:
    sources: frozenset
    target: str
    label: str
    needs_meeting: bool  # the decision of a meeting of the territory's committee


# Actions a person takes on a candidate; "join" is the platform's, on the amendment signed by all.
TRANSITIONS = {
    "contact": Transition(frozenset({State.PROPOSED}), State.CONTACTED, "Marquer comme contactée", False),
    "accept": Transition(frozenset({State.CONTACTED}), State.AMENDMENT, "Retenir et préparer l'avenant d'entrée", True),
    "decline": Transition(frozenset({State.PROPOSED, State.CONTACTED}), State.DECLINED, "Ne pas retenir", True),
    "reopen": Transition(frozenset({State.DECLINED}), State.PROPOSED, "Proposer à nouveau", False),
}
JOIN = Transition(frozenset({State.AMENDMENT}), State.JOINED, "Entrée par l'avenant signé par tous", False)


def team_problem(coordinator: Coordinator) -> str | None:
    """Why this designation cannot join the team of its territory and school year (None when it can)."""
    if coordinator.structure_id is None:
        return "Indiquez la structure qui emploie la personne désignée."
    if coordinator.designation_meeting_id is None:
        return "Indiquez la réunion du comité dont le compte rendu acte la désignation."
    meeting = coordinator.designation_meeting
    if meeting.committee.territory_id != coordinator.territory_id:
        return "La réunion de désignation doit être une réunion du comité de coordination de ce territoire."
    if coordinator.role in ROLES_WITH_AREA and not coordinator.area.strip():
        return "Indiquez le bassin du ou de la référent·e (par exemple « Bassin de Vierzon »)."
    team = Coordinator.objects.filter(territory_id=coordinator.territory_id, school_year=coordinator.school_year)
    if coordinator.pk:
        team = team.exclude(pk=coordinator.pk)
    if team.filter(user_id=coordinator.user_id).exists():
        return "Cette personne est déjà désignée pour ce territoire et cette année scolaire."
    limit = ROLE_LIMITS.get(coordinator.role)
    if limit is not None and team.filter(role=coordinator.role).count() >= limit:
        label = CoordinationRole(coordinator.role).label.lower()
        return f"Le territoire compte déjà {limit} personne{'s' if limit > 1 else ''} en « {label} » cette année."
    return None


def team(territory, school_year: int | None = None) -> QuerySet:
    """The coordination team of a territory for a school year (the current one by default), by role."""
    school_year = current_school_year() if school_year is None else school_year
    return (
        Coordinator.objects.filter(territory=territory, school_year=school_year)
        .select_related("user", "structure", "designation_meeting")
        .order_by("role", "area", "user__last_name")
    )


def employing_structure_ids(user) -> set[int]:
    """The structures employing the user in a designation in force: they act on their behalf (programme)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    rows = active_coordinators().filter(user=user, structure__isnull=False, structure__is_active=True)
    return set(rows.values_list("structure_id", flat=True))


def available_actions(candidate: Candidate) -> list[tuple[str, Transition]]:
    return [(name, t) for name, t in TRANSITIONS.items() if candidate.status in t.sources]
