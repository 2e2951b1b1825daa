"""Writes on candidate structures (the state machine of ..coordination) and on the needs raised to the COTECH."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from ..coordination import JOIN, TRANSITIONS
from ..models import Amendment, AmendmentChange, Candidate, Committee, CommitteeMember, Convention, Meeting, Need
from .amendment_drafts import create_amendment
from .common import GovernanceError, save_as

COTECH_NAME = "COTECH SPRO — groupe de travail régional"
OPEN_CONVENTION = [Convention.Status.SENT, Convention.Status.SIGNED, Convention.Status.IN_FORCE]


def cotech_committee() -> Committee:
    committee, _ = Committee.objects.get_or_create(
        kind=Committee.Kind.COTECH, territory=None, defaults={"name": COTECH_NAME}
    )
    return committee


@transaction.atomic
def propose_candidate(territory, by=None, structure=None, proposed_name: str = "", **fields) -> Candidate:
    """A structure proposed to join the territory's SPRO: from the directory, or typed in."""
    proposed_name = " ".join(proposed_name.split())
    if structure is None and not proposed_name:
        raise GovernanceError("Choisissez une structure de l'annuaire ou saisissez son nom.")
    if structure is not None:
        if _open_candidacy(territory, structure).exists():
            raise GovernanceError(f"{structure.name} est déjà candidate sur ce territoire.")
        if _current_convention(territory, structure_party=structure):
            raise GovernanceError(f"{structure.name} est déjà signataire de la convention du territoire.")
    candidate = Candidate(
        territory=territory, structure=structure, proposed_name=proposed_name, proposed_by=by, **fields
    )
    return save_as(candidate, by)


def _open_candidacy(territory, structure):
    closed = [Candidate.Status.JOINED, Candidate.Status.DECLINED]
    return Candidate.objects.filter(territory=territory, structure=structure).exclude(status__in=closed)


def _current_convention(territory, structure_party=None) -> Convention | None:
    """The territory's latest convention that an amendment can change (sent, signed or in force)."""
    conventions = Convention.objects.filter(territory=territory, status__in=OPEN_CONVENTION)
    if structure_party is not None:
        conventions = conventions.filter(signatories__structure=structure_party, signatories__removed_on__isnull=True)
    return conventions.order_by("-year").first()


@transaction.atomic
def act_on_candidate(
    candidate: Candidate, action: str, by=None, meeting: Meeting | None = None, structure=None, note: str = ""
) -> Candidate:
    """Apply one action of the state machine; "accept" prepares the amendment of entry (a draft for the Région)."""
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise GovernanceError("Action inconnue.")
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.status not in transition.sources:
        raise GovernanceError(
            f"« {transition.label} » n'est pas possible : la candidature est « {candidate.get_status_display()} »."
        )
    if transition.needs_meeting:
        _check_meeting(candidate, meeting)
        candidate.decided_at = meeting
    if action == "accept":
        candidate.structure = structure or candidate.structure
        candidate.amendment = _prepare_amendment(candidate, meeting, by)
    if note:
        candidate.note = "\n".join(filter(None, [candidate.note, note.strip()]))[:2000]
    candidate.status = transition.target
    return save_as(candidate, by)


def _check_meeting(candidate: Candidate, meeting: Meeting | None) -> None:
    if meeting is None:
        raise GovernanceError("Indiquez la réunion du comité qui a pris la décision.")
    if meeting.committee.territory_id != candidate.territory_id:
        raise GovernanceError("La décision doit être prise par une réunion du comité de coordination du territoire.")
    if meeting.starts_at.date() > timezone.localdate():
        raise GovernanceError("La réunion qui a décidé doit avoir eu lieu.")


def _prepare_amendment(candidate: Candidate, meeting: Meeting, by) -> Amendment:
    """Add the structure to the draft amendment of entry of the convention, or prepare a new one."""
    structure = candidate.structure
    if structure is None:
        raise GovernanceError("Rattachez la candidature à une structure de l'annuaire pour préparer l'avenant.")
    convention = _current_convention(candidate.territory)
    if convention is None:
        raise GovernanceError(
            "Aucune convention du territoire n'est envoyée, signée ou en vigueur : "
            "la Région ajoute la structure aux signataires de la prochaine convention."
        )
    if convention.signatories.filter(structure=structure, removed_on__isnull=True).exists():
        raise GovernanceError(f"{structure.name} est déjà signataire de la convention {convention.year}.")
    draft = convention.amendments.filter(status=Amendment.Status.DRAFT, candidates__isnull=False).first()
    line = (
        f"Entrée de {structure.name} dans le SPRO {candidate.territory.name} ({candidate.get_role_display().lower()})"
    )
    line += f", décidée par le comité le {meeting.starts_at:%d/%m/%Y}."
    if draft is None:
        return create_amendment(convention, line, adds=[(structure, candidate.role)], by=by)
    if not draft.changes.filter(structure=structure).exists():
        save_as(AmendmentChange(amendment=draft, action="add", structure=structure, role=candidate.role), by)
        draft.subject = f"{draft.subject}\n{line}"[:2000]
        save_as(draft, by)
    return draft


def amendment_applied(amendment: Amendment, by=None) -> int:
    """The amendment is signed by all: its candidates become signatories and sit on the local committee."""
    from .meetings import local_committee

    joined = 0
    for candidate in amendment.candidates.filter(status__in=JOIN.sources).select_related("territory"):
        if not amendment.convention.active_signatories.filter(structure_id=candidate.structure_id).exists():
            continue
        candidate.status = JOIN.target
        save_as(candidate, by)
        CommitteeMember.objects.get_or_create(
            committee=local_committee(candidate.territory), structure_id=candidate.structure_id
        )
        joined += 1
    return joined


def raise_need(territory, theme: str, text: str, by=None, on: date | None = None) -> Need:
    need = Need(territory=territory, theme=theme, text=text.strip(), raised_by=by, raised_on=on or timezone.localdate())
    return save_as(need, by)


@transaction.atomic
def schedule_need(need: Need, meeting: Meeting, by=None) -> Need:
    """Put a need on the agenda of a COTECH meeting (a line added to the meeting's agenda)."""
    if meeting.committee.kind != Committee.Kind.COTECH:
        raise GovernanceError("Un besoin s'inscrit à l'ordre du jour d'une réunion du COTECH SPRO.")
    if need.status == Need.Status.ANSWERED:
        raise GovernanceError("Ce besoin a déjà reçu une réponse.")
    line = need.agenda_line
    if line not in meeting.agenda_items:
        meeting.agenda = f"{meeting.agenda.rstrip()}\n{line}"
        save_as(meeting, by)
    need.meeting, need.status = meeting, Need.Status.SCHEDULED
    return save_as(need, by)


def answer_need(need: Need, answer: str, by=None) -> Need:
    if not answer.strip():
        raise GovernanceError("Saisissez la réponse apportée au territoire.")
    need.answer, need.status = answer.strip(), Need.Status.ANSWERED
    return save_as(need, by)
