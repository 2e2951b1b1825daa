"""A person's data on a referral: contact details and free text (need, step notes).

One definition of what identifies a person on a fiche navette, how it is read (a deliberate action,
logged), erased (at the end of its retention, or on the person's request) and how long the log of those
reads and erasures is kept. The anonymous facts (situation, age band, steps, outcome) always stay.
"""

import re
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from .models import ContactAccessLog, Referral, ReferralContact, ReferralEvent

Log = ContactAccessLog
# A French phone number (0X or +33 X then 8 digits, spaced or not) or an e-mail address.
CONTACT_IN_TEXT = re.compile(r"(?:\+33|\b0)\s*[1-9](?:[\s.-]*\d{2}){4}\b|[\w.+-]+@[\w-]+\.[\w.-]+")


def no_contact_details(label: str):
    """Validator of a free-text field: contact details belong in their own fields, which consent covers."""

    def validate(text: str) -> None:
        if CONTACT_IN_TEXT.search(text or ""):
            raise ValidationError(
                f"{label} : n'y écrivez ni numéro de téléphone ni adresse e-mail ; "
                "les coordonnées ont leurs propres champs."
            )

    return validate


@dataclass
class Revealed:
    """What a deliberate "show" shows: the contact details and the free text, each possibly absent."""

    contact: ReferralContact | None = None
    need: str = ""
    notes: dict[int, str] = field(default_factory=dict)  # event pk → note


def _events_with_note():
    return ReferralEvent.objects.filter(referral=OuterRef("pk")).exclude(note="")


def with_personal_data(qs: QuerySet | None = None) -> QuerySet:
    """Referrals that still hold something about the person: contact details, a need or a step note."""
    qs = Referral.objects.all() if qs is None else qs
    has_contact = Exists(ReferralContact.objects.filter(referral=OuterRef("pk")))
    return qs.filter(has_contact | ~Q(need="") | Exists(_events_with_note()))


def has_free_text(referral: Referral) -> bool:
    return bool(referral.need) or referral.events.exclude(note="").exists()


def read_contact(referral: Referral, user, channel: str = Log.Channel.WEB) -> ReferralContact | None:
    """Return the contact details and log the read (who, when). Callers check permissions first."""
    contact = ReferralContact.objects.filter(referral=referral).first()
    if contact is not None:
        Log.objects.create(referral=referral, user=user, action=Log.Action.READ, channel=channel)
    return contact


def read_free_text(referral: Referral, user, channel: str = Log.Channel.WEB) -> Revealed:
    """Return the need and the step notes and log the read. Callers check permissions first."""
    notes = dict(referral.events.exclude(note="").values_list("pk", "note"))
    revealed = Revealed(need=referral.need, notes=notes)
    if revealed.need or notes:
        Log.objects.create(referral=referral, user=user, action=Log.Action.READ_TEXT, channel=channel)
    return revealed


def reveal(referral: Referral, user, channel: str = Log.Channel.WEB) -> Revealed:
    """The page's "Afficher les données de la personne": contact and free text, each read logged."""
    revealed = read_free_text(referral, user, channel)
    revealed.contact = read_contact(referral, user, channel)
    return revealed


@transaction.atomic
def erase(referral_ids, *, channel: str, user=None, now=None) -> int:
    """Erase contact details, need and notes of these referrals; log one erasure per referral."""
    referral_ids = list(referral_ids)
    now = now or timezone.now()
    ReferralContact.objects.filter(referral_id__in=referral_ids).delete()
    ReferralEvent.objects.filter(referral_id__in=referral_ids).exclude(note="").update(note="")
    Referral.objects.filter(pk__in=referral_ids).update(need="", personal_data_erased_at=now)
    Log.objects.bulk_create(
        [Log(referral_id=pk, user=user, action=Log.Action.ERASED, channel=channel) for pk in referral_ids]
    )
    return len(referral_ids)


def due_for_purge(now=None) -> QuerySet:
    """Past retention: closed for SPRO_CONTACT_RETENTION_DAYS, or sent SPRO_CONTACT_MAX_DAYS ago."""
    now = now or timezone.now()
    closed_limit = now - timedelta(days=settings.SPRO_CONTACT_RETENTION_DAYS)
    absolute_limit = now - timedelta(days=settings.SPRO_CONTACT_MAX_DAYS)
    expired = Referral.objects.filter(Q(closed_at__lte=closed_limit) | Q(sent_at__lte=absolute_limit))
    return with_personal_data(expired)


def purge_expired(now=None) -> int:
    """The scheduled purge of the person's data on referrals past retention."""
    return erase(due_for_purge(now).values_list("pk", flat=True), channel=Log.Channel.PURGE, now=now)


def prune_access_log(now=None) -> int:
    """Delete the entries of the access log older than SPRO_ACCESS_LOG_RETENTION_DAYS."""
    now = now or timezone.now()
    limit = now - timedelta(days=settings.SPRO_ACCESS_LOG_RETENTION_DAYS)
    deleted, _ = Log.objects.filter(at__lt=limit).delete()
    return deleted


def linked_referrals(referral: Referral) -> list[int]:
    """The referral and every referral linked to it by a redirection: the same person's path."""
    seen, frontier = set(), {referral.pk}
    while frontier:
        seen |= frontier
        links = Referral.objects.filter(Q(pk__in=frontier) | Q(redirected_from__in=frontier))
        pairs = links.values_list("pk", "redirected_from_id")
        frontier = {pk for pair in pairs for pk in pair if pk is not None} - seen
    return sorted(seen)


def erase_on_request(referral: Referral, user) -> int:
    """A person's erasure request, handled by the Region: their whole path of referrals, logged."""
    return erase(linked_referrals(referral), channel=Log.Channel.REQUEST, user=user)
