"""Writes of the orientation domain: receptions, referrals and their transitions (purge: personal_data)."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from apps.core.french import date_fr
from apps.directory.models import Place, Structure

from . import notifications
from .models import Reception, Referral, ReferralContact, ReferralEvent
from .workdays import add_working_days

S = Referral.State
CONSENT_TEXT = (
    "J'accepte que la structure {structure} reçoive mon prénom et mes coordonnées pour me recontacter "
    "au sujet de ma demande. "
    "Ces informations sont effacées au plus tard 3 mois après la fin de l'échange (12 mois au maximum)."
)


@dataclass(frozen=True)
class Transition:
    label: str
    sources: frozenset
    target: str
    side: str  # "receiver" or "sender": which structure may act


TRANSITIONS = {
    "accept": Transition("Accepter", frozenset({S.SENT, S.RECEIVED}), S.ACCEPTED, "receiver"),
    "decline": Transition("Refuser", frozenset({S.SENT, S.RECEIVED}), S.DECLINED, "receiver"),
    "contacted": Transition("Personne contactée", frozenset({S.ACCEPTED, S.NO_SHOW}), S.CONTACTED, "receiver"),
    # Fixing (or moving) the first appointment means the person was reached: the fiche is "contacted".
    "schedule": Transition(
        "Fixer le premier rendez-vous", frozenset({S.ACCEPTED, S.CONTACTED, S.NO_SHOW}), S.CONTACTED, "receiver"
    ),
    "appointment_held": Transition(
        "Premier rendez-vous tenu", frozenset({S.ACCEPTED, S.CONTACTED}), S.APPOINTMENT_HELD, "receiver"
    ),
    "no_show": Transition("Absente au rendez-vous", frozenset({S.ACCEPTED, S.CONTACTED}), S.NO_SHOW, "receiver"),
    "close": Transition(
        "Clôturer", frozenset({S.ACCEPTED, S.CONTACTED, S.APPOINTMENT_HELD, S.NO_SHOW}), S.CLOSED, "receiver"
    ),
    "cancel": Transition("Annuler", frozenset({S.SENT, S.RECEIVED, S.ACCEPTED}), S.CANCELLED, "sender"),
}
FINAL_STATES = Referral.FINAL_STATES
# The author of a first reception may correct it for this long; then it is read-only.
RECEPTION_EDIT_WINDOW = timedelta(hours=24)


class TransitionError(ValidationError):
    pass


def user_structure_ids(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(user.memberships.values_list("structure_id", flat=True))


def acting_structure(user, referral: Referral, side: str, mine: set[int] | None = None) -> Structure | None:
    """The structure on whose behalf `user` acts on that side of the referral, if they belong to it."""
    structure = referral.receiver_structure if side == "receiver" else referral.sender_structure
    mine = user_structure_ids(user) if mine is None else mine
    if structure is not None and structure.pk in mine:
        return structure
    return None


def default_place(structure: Structure) -> Place | None:
    """The structure's main place, where a reception happened unless told otherwise: its first active one."""
    return structure.places.filter(is_active=True).select_related("commune").order_by("pk").first()


def available_actions(user, referral: Referral) -> list[tuple[str, Transition]]:
    """The transitions `user` may apply to the referral in its current state (the buttons shown);
    `apply_transition` enforces the same two conditions: the state and the side."""
    mine = user_structure_ids(user)
    return [
        (name, t)
        for name, t in TRANSITIONS.items()
        if referral.state in t.sources and acting_structure(user, referral, t.side, mine) is not None
    ]


@transaction.atomic
def record_reception(*, structure: Structure, user, data: dict, themes=(), commune=None) -> Reception:
    reception = Reception.objects.create(structure=structure, recorded_by=user, commune=commune, **data)
    reception.themes.set(themes)
    return reception


def can_edit_reception(reception: Reception, user, now=None) -> bool:
    """Only its author, and only within RECEPTION_EDIT_WINDOW of its recording."""
    now = now or timezone.now()
    return (
        user.is_authenticated
        and reception.recorded_by_id == user.pk
        and now - reception.created_at < RECEPTION_EDIT_WINDOW
    )


@transaction.atomic
def correct_reception(reception: Reception, user, *, data: dict, themes=(), commune=None) -> Reception:
    if not can_edit_reception(reception, user):
        raise PermissionDenied("Un premier accueil ne peut être corrigé que par son auteur, dans les 24 heures.")
    for name, value in data.items():
        setattr(reception, name, value)
    reception.commune = commune
    reception.save()
    reception.themes.set(themes)
    return reception


@dataclass
class ContactInput:
    first_name: str
    phone: str
    email: str
    preferred_channel: str
    consent: bool


@transaction.atomic
def send_referral(
    *,
    receiver: Structure,
    sender_structure: Structure | None,
    sender_user,
    transmission_consent: bool,
    contact: ContactInput | None = None,
    origin: str = Referral.Origin.RECEPTION,
    themes=(),
    **facts,
) -> Referral:
    """Create a referral in state "sent", with contact details only if the person consented.

    `themes`: every theme of the request; the first one is the main `theme` unless one is given.
    """
    if not transmission_consent:
        raise ValidationError("La personne doit avoir accepté la transmission de sa demande à la structure.")
    if contact is not None and not contact.consent:
        raise ValidationError(
            "Coordonnées : elles ne peuvent être transmises qu'avec l'accord explicite de la personne."
        )
    now = timezone.now()
    deadline = add_working_days(timezone.localdate(), settings.SPRO_REFERRAL_DEADLINE_WORKING_DAYS)
    themes = list(themes)
    if themes and facts.get("theme") is None:
        facts["theme"] = themes[0]
    referral = Referral.objects.create(
        origin=origin,
        receiver_structure=receiver,
        sender_structure=sender_structure,
        sender_user=sender_user,
        transmission_consent=True,
        deadline=deadline,
        **facts,
    )
    referral.themes.set(themes or ([facts["theme"]] if facts.get("theme") else []))
    reception = facts.get("reception")
    if reception is not None and "referred" not in reception.actions:  # a fiche sent later, from its detail page
        reception.actions = [*reception.actions, "referred"]
        reception.save(update_fields=["actions"])
    if contact is not None:
        ReferralContact.objects.create(
            referral=referral,
            first_name=contact.first_name,
            phone=contact.phone,
            email=contact.email,
            preferred_channel=contact.preferred_channel,
            consent_text=CONSENT_TEXT.format(structure=receiver.name),
            consent_at=now,
        )
    ReferralEvent.objects.create(
        referral=referral, actor=sender_user, actor_structure=sender_structure, from_state="", to_state=S.SENT
    )
    transaction.on_commit(lambda: notifications.referral_sent(referral))
    return referral


def apply_transition(
    referral_id: int,
    action: str,
    user,
    *,
    reason: str = "",
    outcome: str = "",
    note: str = "",
    appointment_at=None,
) -> Referral:
    """Move a referral to its next state; concurrent updates are serialised on the row lock."""
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise TransitionError("Action inconnue.")
    with transaction.atomic():
        referral = Referral.objects.select_for_update().get(pk=referral_id)
        structure = acting_structure(user, referral, transition.side)
        if structure is None:
            raise PermissionDenied("Seule la structure concernée peut faire cette action.")
        if referral.state not in transition.sources:
            raise TransitionError(
                f"Action « {transition.label} » impossible : la fiche navette est à l'état "
                f"« {referral.get_state_display()} »."
            )
        _check_details(action, reason, outcome, note, appointment_at, referral)
        previous = referral.state
        referral.state = transition.target
        referral.decline_reason = reason if action == "decline" else referral.decline_reason
        referral.outcome = outcome if action == "close" else referral.outcome
        if action == "schedule":
            referral.appointment_at = appointment_at
            note = appointment_note(appointment_at)
        if transition.target in FINAL_STATES:
            referral.closed_at = timezone.now()
        referral.save()
        ReferralEvent.objects.create(
            referral=referral,
            actor=user,
            actor_structure=structure,
            from_state=previous,
            to_state=referral.state,
            # Once the person's data was erased (on request), no new free text about them is kept.
            note="" if referral.personal_data_erased_at else note[:300],
        )
        transaction.on_commit(lambda: notifications.referral_changed(referral, action))
    return referral


def _check_details(action: str, reason: str, outcome: str, note: str, appointment_at, referral: Referral) -> None:
    if action == "decline" and reason not in Referral.DeclineReason.values:
        raise TransitionError("Motif de refus : choisissez un motif dans la liste.")
    if action == "close" and outcome not in Referral.Outcome.values:
        raise TransitionError("Issue : choisissez l'issue de l'accompagnement dans la liste.")
    if action == "cancel" and not note.strip():
        raise TransitionError("Motif de l'annulation : indiquez pourquoi la fiche navette est annulée.")
    if action == "schedule":
        if appointment_at is None:
            raise TransitionError("Date et heure du rendez-vous : indiquez quand la personne est attendue.")
        if timezone.localdate(appointment_at) < timezone.localdate(referral.sent_at):
            raise TransitionError("Date du rendez-vous : elle ne peut pas précéder l'envoi de la fiche navette.")


def appointment_note(appointment_at) -> str:
    return f"premier rendez-vous le {date_fr(appointment_at, 'l j F Y à H:i')}"


def mark_received(referral: Referral, user) -> None:
    """Opening a new referral by a member of the receiving structure acknowledges it."""
    if referral.state != S.SENT or acting_structure(user, referral, "receiver") is None:
        return
    with transaction.atomic():
        updated = Referral.objects.filter(pk=referral.pk, state=S.SENT).update(
            state=S.RECEIVED, updated_at=timezone.now()
        )
        if updated:
            # The e-mail must announce the new state: read it before the notification is queued.
            referral.refresh_from_db()
            ReferralEvent.objects.create(
                referral=referral,
                actor=user,
                actor_structure=referral.receiver_structure,
                from_state=S.SENT,
                to_state=S.RECEIVED,
            )
            transaction.on_commit(lambda: notifications.referral_changed(referral, "received"))
    if not updated:
        referral.refresh_from_db()


def send_overdue_reminders(today=None) -> int:
    """Remind the receiving structure of referrals past their deadline, at most every few days."""
    today = today or timezone.localdate()
    every = timedelta(days=settings.SPRO_REFERRAL_REMINDER_EVERY_DAYS)
    overdue = Referral.objects.filter(state__in=[S.SENT, S.RECEIVED], deadline__lt=today).select_related(
        "receiver_structure"
    )
    count = 0
    for referral in overdue:
        if referral.last_reminder_at and referral.last_reminder_at > timezone.now() - every:
            continue
        notifications.referral_overdue(referral)
        Referral.objects.filter(pk=referral.pk).update(last_reminder_at=timezone.now())
        count += 1
    return count
