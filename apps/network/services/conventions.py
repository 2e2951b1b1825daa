"""Writes on conventions: signatories, the status workflow, signatures, amendments, reminders."""

from datetime import date

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from .. import notifications
from ..models import Amendment, AmendmentChange, AmendmentSignature, Convention, Signatory
from .common import GovernanceError, delete_as, save_as
from .coordination import amendment_applied
from .grants import generate_advance_payments

Status = Convention.Status


@transaction.atomic
def create_convention(territory, year: int, by=None, start_date=None, end_date=None, notes: str = "") -> Convention:
    """A draft convention for one civil year (1 January to 31 December unless told otherwise)."""
    if Convention.objects.filter(territory=territory, year=year).exists():
        raise GovernanceError(f"Le territoire {territory} a déjà une convention pour {year}.")
    convention = Convention(
        territory=territory,
        year=year,
        start_date=start_date or date(year, 1, 1),
        end_date=end_date or date(year, 12, 31),
        notes=notes,
    )
    return save_as(convention, by)


@transaction.atomic
def add_signatories(convention: Convention, structures, role: str, by=None) -> list[Signatory]:
    """Add parties to a draft convention; once sent, partners join through an amendment."""
    if convention.status != Status.DRAFT:
        raise GovernanceError("La convention est envoyée pour signature : ajoutez un partenaire par un avenant.")
    existing = set(convention.signatories.values_list("structure_id", flat=True))
    added = []
    for structure in structures:
        if structure.pk in existing:
            continue
        added.append(save_as(Signatory(convention=convention, structure=structure, role=role), by))
    return added


@transaction.atomic
def remove_signatory(signatory: Signatory, by=None) -> None:
    if signatory.convention.status != Status.DRAFT:
        raise GovernanceError("La convention est envoyée pour signature : retirez un partenaire par un avenant.")
    delete_as(signatory, by)


@transaction.atomic
def send_for_signature(convention: Convention, by=None, on: date | None = None) -> Convention:
    if convention.status != Status.DRAFT:
        raise GovernanceError("Seule une convention en brouillon peut être envoyée pour signature.")
    if not convention.signatories.exists():
        raise GovernanceError("Ajoutez au moins une structure signataire avant l'envoi.")
    convention.status = Status.SENT
    convention.sent_on = on or timezone.localdate()
    return save_as(convention, by)


@transaction.atomic
def record_signatures(convention: Convention, dates: dict[int, date], by=None, today: date | None = None) -> int:
    """Record signature dates ({signatory id: date}); the last one makes the convention signed by all.

    On that receipt the advances of the grant are generated (100 % lump sum, 50 % envelope).
    Returns the number of signatures recorded.
    """
    if convention.status != Status.SENT:
        raise GovernanceError("Les signatures s'enregistrent sur une convention envoyée pour signature.")
    today = today or timezone.localdate()
    recorded = 0
    for signatory in convention.signatories.filter(pk__in=dates.keys(), removed_on__isnull=True):
        when = dates[signatory.pk]
        if when is None or signatory.signed_on == when:
            continue
        if when > today:
            raise GovernanceError("Une date de signature ne peut pas être dans le futur.")
        signatory.signed_on = when
        save_as(signatory, by)
        recorded += 1
    _complete_if_all_signed(convention, by, today)
    return recorded


def _complete_if_all_signed(convention: Convention, by, today: date) -> None:
    active = convention.signatories.filter(removed_on__isnull=True)
    if not active.exists() or active.filter(signed_on__isnull=True).exists():
        return
    convention.status = Status.SIGNED
    convention.signed_on = active.aggregate(last=Max("signed_on"))["last"]
    save_as(convention, by)
    grant = getattr(convention, "grant", None)
    if grant is not None:
        generate_advance_payments(grant, by=by)
    refresh_status(convention, today, by)


def refresh_status(convention: Convention, today: date | None = None, by=None) -> Convention:
    """Time moves a signed convention into force on its start date, and out of it after its end date."""
    today = today or timezone.localdate()
    new_status = convention.status
    if convention.status == Status.SIGNED and convention.start_date <= today:
        new_status = Status.IN_FORCE
    if convention.status in {Status.SIGNED, Status.IN_FORCE} and convention.end_date < today:
        new_status = Status.EXPIRED
    if new_status != convention.status:
        convention.status = new_status
        save_as(convention, by)
    return convention


def refresh_all_statuses(today: date | None = None) -> int:
    changed = 0
    for convention in Convention.objects.filter(status__in=[Status.SIGNED, Status.IN_FORCE]):
        before = convention.status
        if refresh_status(convention, today).status != before:
            changed += 1
    return changed


def attach_signed_document(convention: Convention, upload, by=None) -> Convention:
    convention.signed_document = upload
    return save_as(convention, by)


@transaction.atomic
def send_amendment(amendment: Amendment, by=None, on: date | None = None) -> Amendment:
    """Every current party and every partner joining signs the amendment."""
    if amendment.status != Amendment.Status.DRAFT:
        raise GovernanceError("Cet avenant a déjà été envoyé pour signature.")
    parties = list(
        amendment.convention.signatories.filter(removed_on__isnull=True).values_list("structure_id", flat=True)
    )
    joining = list(amendment.changes.filter(action="add").values_list("structure_id", flat=True))
    for structure_id in dict.fromkeys(parties + joining):
        save_as(AmendmentSignature(amendment=amendment, structure_id=structure_id), by)
    amendment.status = Amendment.Status.SENT
    amendment.sent_on = on or timezone.localdate()
    return save_as(amendment, by)


@transaction.atomic
def record_amendment_signatures(
    amendment: Amendment, dates: dict[int, date], by=None, today: date | None = None
) -> int:
    """Record signatures ({amendment signature id: date}); the last one applies the amendment."""
    if amendment.status != Amendment.Status.SENT:
        raise GovernanceError("Les signatures s'enregistrent sur un avenant envoyé pour signature.")
    today = today or timezone.localdate()
    recorded = 0
    for signature in amendment.signatures.filter(pk__in=dates.keys()):
        when = dates[signature.pk]
        if when is None or signature.signed_on == when:
            continue
        if when > today:
            raise GovernanceError("Une date de signature ne peut pas être dans le futur.")
        signature.signed_on = when
        save_as(signature, by)
        recorded += 1
    if not amendment.signatures.filter(signed_on__isnull=True).exists():
        _apply_amendment(amendment, by, today)
    return recorded


def _apply_amendment(amendment: Amendment, by, today: date) -> None:
    convention = amendment.convention
    signed = dict(amendment.signatures.values_list("structure_id", "signed_on"))
    amendment.status = Amendment.Status.SIGNED
    amendment.signed_on = max(signed.values())
    save_as(amendment, by)
    for change in amendment.changes.select_related("structure"):
        if change.action == AmendmentChange.Action.ADD:
            signatory = Signatory.objects.filter(convention=convention, structure=change.structure).first()
            signatory = signatory or Signatory(convention=convention, structure=change.structure)
            signatory.role = change.role
            signatory.signed_on = signed.get(change.structure_id)
            signatory.added_by = amendment
            signatory.removed_on = signatory.removed_by = None
        else:
            signatory = convention.signatories.get(structure=change.structure)
            signatory.removed_on = amendment.signed_on
            signatory.removed_by = amendment
        save_as(signatory, by)
    if amendment.new_start_date or amendment.new_end_date:
        convention.start_date = amendment.new_start_date or convention.start_date
        convention.end_date = amendment.new_end_date or convention.end_date
        save_as(convention, by)
    if convention.status == Status.SENT:
        _complete_if_all_signed(convention, by, today)
    else:
        refresh_status(convention, today, by)

    amendment_applied(amendment, by)


def send_signature_reminders(document, now=None) -> int:
    """E-mail the structures that have not signed a convention or an amendment yet; returns their number."""
    now = now or timezone.now()
    if isinstance(document, Convention):
        if document.status != Status.SENT:
            raise GovernanceError("Seule une convention envoyée pour signature peut faire l'objet d'une relance.")
        waiting = document.signatories.filter(signed_on__isnull=True, removed_on__isnull=True)
    else:
        if document.status != Amendment.Status.SENT:
            raise GovernanceError("Seul un avenant envoyé pour signature peut faire l'objet d'une relance.")
        waiting = document.signatures.filter(signed_on__isnull=True)
    rows = list(waiting.select_related("structure"))
    for row in rows:
        notifications.signature_reminder(document, row.structure)
    # a reminder does not change the document: a plain update, so no history entry
    waiting.model.objects.filter(pk__in=[row.pk for row in rows]).update(last_reminder_at=now)
    return len(rows)
