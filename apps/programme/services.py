"""Writes on sessions and registrations: capacity, waiting list, attendance, reminders.

Capacity holds under concurrency: every write that changes who holds a seat locks the session row
(``select_for_update`` inside ``transaction.atomic``) before counting. On SQLite the settings open
every transaction with BEGIN IMMEDIATE, so writers are serialised the same way.
E-mails are sent after the transaction has committed.
"""

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from apps.directory.models import Structure
from apps.network.coordination import employing_structure_ids

from . import notifications
from .models import Registration, Session, Survey

Status = Registration.Status


class RegistrationError(ValidationError):
    """A registration that the rules refuse (closed session, not a member of the structure…)."""


@dataclass
class RegistrationResult:
    registration: Registration
    created: bool  # False when the person was already registered (nothing changed)


def _locked_session(session_id: int) -> Session:
    return Session.objects.select_for_update().get(pk=session_id)


def _confirmed_count(session: Session) -> int:
    return session.registrations.filter(status=Status.CONFIRMED).count()


def seats_left(session: Session) -> int:
    return max(session.capacity - _confirmed_count(session), 0)


def registration_structures(user):
    """The structures a person registers on behalf of: those they are a member of, and the structure that
    employs them in a coordination designation in force (a coordinator is not given the structure's
    membership, which opens its referrals: only the right to register through it).
    """
    if not getattr(user, "is_authenticated", False):
        return Structure.objects.none()
    employing = employing_structure_ids(user)
    return Structure.objects.filter(Q(memberships__user=user) | Q(pk__in=employing)).distinct().order_by("name")


def register(session: Session, user, structure: Structure, travel_expenses: bool = False) -> RegistrationResult:
    """Register a member for a session: confirmed while seats are left, else on the waiting list."""
    if not registration_structures(user).filter(pk=structure.pk).exists():
        raise RegistrationError(
            "Vous ne pouvez vous inscrire qu'au titre d'une structure dont vous êtes membre "
            "ou qui vous emploie comme coordinateur·rice du SPRO."
        )
    with transaction.atomic():
        session = _locked_session(session.pk)
        if not session.is_open_for_registration:
            raise RegistrationError("Les inscriptions à cette session sont closes.")
        registration = Registration.objects.filter(session=session, user=user).first()
        if registration is not None and registration.status != Status.CANCELLED:
            return RegistrationResult(registration, created=False)
        status = Status.CONFIRMED if _confirmed_count(session) < session.capacity else Status.WAITLISTED
        fields = {
            "structure": structure,
            "status": status,
            "queued_at": timezone.now(),
            "travel_expenses_requested": travel_expenses and session.travel_expenses,
            "cancelled_at": None,
            "promoted_at": None,
            "attended": None,
        }
        if registration is None:
            registration = Registration.objects.create(session=session, user=user, **fields)
        else:  # re-registration after a cancellation: back at the end of the queue
            for name, value in fields.items():
                setattr(registration, name, value)
            registration.save()
    notifications.registration_received(registration)
    return RegistrationResult(registration, created=True)


def cancel_registration(registration: Registration, by_user=None) -> Registration | None:
    """Cancel a registration; a freed seat goes to the first person on the waiting list, who is e-mailed.

    Returns the promoted registration, if any.
    """
    with transaction.atomic():
        session = _locked_session(registration.session_id)
        registration = Registration.objects.select_related("user", "structure").get(pk=registration.pk)
        if registration.status == Status.CANCELLED:
            return None
        registration.status = Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        promoted = _fill_seats(session) if session.is_upcoming else []
    notifications.registration_cancelled(registration)
    for promoted_registration in promoted:
        notifications.registration_promoted(promoted_registration)
    return promoted[0] if promoted else None


def _fill_seats(session: Session) -> list[Registration]:
    """Promote the waiting list, oldest first, into the free seats. The session row must be locked."""
    free = session.capacity - _confirmed_count(session)
    if free <= 0:
        return []
    waiting = list(
        session.registrations.filter(status=Status.WAITLISTED)
        .select_related("user", "structure", "session")
        .order_by("queued_at", "pk")[:free]
    )
    now = timezone.now()
    for registration in waiting:
        registration.status = Status.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
    return waiting


def waitlist_position(registration: Registration) -> int | None:
    if registration.status != Status.WAITLISTED:
        return None
    earlier = Q(queued_at__lt=registration.queued_at) | Q(queued_at=registration.queued_at, pk__lt=registration.pk)
    return registration.session.registrations.filter(earlier, status=Status.WAITLISTED).count() + 1


def save_session(session: Session, user=None) -> list[Registration]:
    """Create or update a session; a larger capacity promotes the waiting list. Returns the promoted."""
    if session.action_id and not session.axis_id:
        session.axis_id = session.action.axis_id
    if session.pk is None:
        session.created_by = user
        session.save()
        return []
    with transaction.atomic():
        _locked_session(session.pk)
        session.save()
        promoted = _fill_seats(session) if session.is_upcoming and session.status == Session.Status.PUBLISHED else []
    for registration in promoted:
        notifications.registration_promoted(registration)
    return promoted


def cancel_session(session: Session) -> int:
    """Cancel a whole session and tell everyone who was registered or waiting."""
    with transaction.atomic():
        session = _locked_session(session.pk)
        if session.status == Session.Status.CANCELLED:
            return 0
        session.status = Session.Status.CANCELLED
        session.save(update_fields=["status", "updated_at"])
        to_tell = list(
            session.registrations.exclude(status=Status.CANCELLED).select_related("user", "structure", "session")
        )
    for registration in to_tell:
        notifications.session_cancelled(registration)
    return len(to_tell)


def record_attendance(session: Session, present_ids: set[int]) -> int:
    """Tick who was there among the confirmed registrations; the others are marked absent."""
    with transaction.atomic():
        confirmed = session.registrations.filter(status=Status.CONFIRMED)
        confirmed.filter(pk__in=present_ids).update(attended=True)
        confirmed.exclude(pk__in=present_ids).update(attended=False)
        return confirmed.filter(attended=True).count()


def send_reminders(now=None) -> int:
    """E-mail confirmed participants of tomorrow's sessions (the day-before reminder), once per session."""
    now = now or timezone.now()
    tomorrow = timezone.localtime(now).date() + timedelta(days=1)
    sent = 0
    sessions = Session.objects.filter(
        status=Session.Status.PUBLISHED, reminder_sent_at__isnull=True, starts_at__date=tomorrow
    )
    for session in sessions:
        with transaction.atomic():
            claimed = Session.objects.filter(pk=session.pk, reminder_sent_at__isnull=True).update(reminder_sent_at=now)
        if not claimed:  # another run took it
            continue
        for registration in session.registrations.filter(status=Status.CONFIRMED).select_related(
            "user", "structure", "session"
        ):
            sent += notifications.session_reminder(registration)
    return sent


def survey_recipients(session: Session):
    """Who receives the survey: those ticked present, or every confirmed participant if no attendance was taken."""
    confirmed = session.registrations.filter(status=Status.CONFIRMED)
    if confirmed.filter(attended__isnull=False).exists():
        return confirmed.filter(attended=True)
    return confirmed


def send_survey(session: Session, now=None) -> int:
    """Give each participant a one-time survey link and e-mail it (participants already invited are skipped)."""
    if session.survey_id is None:
        return 0
    now = now or timezone.now()
    invited = []
    with transaction.atomic():
        _locked_session(session.pk)
        for registration in survey_recipients(session).filter(survey_token__isnull=True):
            registration.survey_token = secrets.token_urlsafe(32)
            registration.save(update_fields=["survey_token"])
            invited.append(registration)
        Session.objects.filter(pk=session.pk).update(survey_sent_at=now)
    for registration in Registration.objects.filter(pk__in=[r.pk for r in invited]).select_related(
        "user", "structure", "session"
    ):
        notifications.survey_invitation(registration)
    return len(invited)


SURVEY_SENDING_WINDOW = timedelta(days=14)


def send_due_surveys(now=None) -> int:
    """After each session has ended (in the last two weeks), send its survey once (the scheduled job)."""
    now = now or timezone.now()
    due = Session.objects.filter(
        status=Session.Status.PUBLISHED,
        survey__isnull=False,
        survey_sent_at__isnull=True,
        ends_at__lte=now,
        ends_at__gte=now - SURVEY_SENDING_WINDOW,
    )
    return sum(send_survey(session, now) for session in due)


def default_survey_for(kind: str) -> Survey | None:
    """Every forum gets the regional forum questionnaire by default."""
    if kind != Session.Kind.FORUM:
        return None
    from .reference import forum_questionnaire

    return forum_questionnaire()
