"""The history of a convention, its signatures, amendments and grant: who changed what, when, before/after."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone

from .models import Amendment, AmendmentChange, AmendmentSignature, Convention, Grant, GrantPayment, Signatory
from .money import format_euros

ACTIONS = {"+": "Création", "~": "Modification", "-": "Suppression"}
KIND_LABELS = {
    Convention: "Convention",
    Signatory: "Signataire",
    Amendment: "Avenant",
    AmendmentChange: "Modification prévue par un avenant",
    AmendmentSignature: "Signature d'avenant",
    Grant: "Subvention",
    GrantPayment: "Versement",
}


@dataclass
class HistoryEntry:
    when: datetime
    who: object
    action: str
    what: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)


def _display(model, field_name: str, value) -> str:
    if value in (None, ""):
        return "—"
    model_field = model._meta.get_field(field_name)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if field_name.endswith("_cents"):
        return format_euros(int(value))
    if model_field.is_relation:
        related = model_field.related_model.objects.filter(pk=value).first()
        return str(related) if related else f"n° {value}"
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return "oui" if value else "non"
    return str(value)


def _entry(record, model) -> HistoryEntry:
    instance = record.instance
    entry = HistoryEntry(
        when=record.history_date,
        who=record.history_user,
        action=ACTIONS.get(record.history_type, record.history_type),
        what=f"{KIND_LABELS[model]} — {instance}",
    )
    previous = record.prev_record if record.history_type == "~" else None
    if previous is not None:
        for change in record.diff_against(previous).changes:
            label = str(model._meta.get_field(change.field).verbose_name)
            entry.changes.append(
                (label, _display(model, change.field, change.old), _display(model, change.field, change.new))
            )
    return entry


def convention_history(convention: Convention, limit: int | None = None, with_grant: bool = True) -> list[HistoryEntry]:
    """Every recorded change to the convention and what hangs on it, newest first.

    `with_grant=False` leaves out the grant and its payments, for a reader the grant page refuses
    (a signatory that is not the beneficiary): the history must not show what the page hides.
    """
    amendment_ids = list(Amendment.history.filter(convention_id=convention.pk).values_list("id", flat=True).distinct())
    grant_ids = list(Grant.history.filter(convention_id=convention.pk).values_list("id", flat=True).distinct())
    if not with_grant:
        grant_ids = []
    sources = [
        (Convention, Convention.history.filter(id=convention.pk)),
        (Signatory, Signatory.history.filter(convention_id=convention.pk)),
        (Amendment, Amendment.history.filter(id__in=amendment_ids)),
        (AmendmentChange, AmendmentChange.history.filter(amendment_id__in=amendment_ids)),
        (AmendmentSignature, AmendmentSignature.history.filter(amendment_id__in=amendment_ids)),
        (Grant, Grant.history.filter(id__in=grant_ids)),
        (GrantPayment, GrantPayment.history.filter(grant_id__in=grant_ids)),
    ]
    records = []
    for model, queryset in sources:
        records.extend((record, model) for record in queryset.select_related("history_user"))
    records.sort(key=lambda pair: (pair[0].history_date, pair[0].history_id), reverse=True)
    if limit is not None:
        records = records[:limit]
    entries = [_entry(record, model) for record, model in records]
    return [e for e in entries if e.action != "Modification" or e.changes]
