"""The follow-up of a person after a fiche navette: consent, sending, one reminder, anonymous answer, purge.

- consent: given at the first door (the pre-interview grid's question), on the call-back request or on
  the fiche navette, and only when the fiche carries an e-mail address;
- sent SPRO_FOLLOW_UP_DELAY_DAYS after the fiche ends (closed, or declined without re-addressing),
  through the e-mail queue, with a single-use signed link; one reminder SPRO_FOLLOW_UP_REMINDER_DAYS
  later; deleted SPRO_FOLLOW_UP_ANSWER_DAYS after sending if unanswered;
- answered: a FollowUpAnswer keeps the territory, the network and the month; the follow-up (the only
  row linked to the fiche, holding the link's secret) and the queued copies of its e-mails (the address)
  are deleted in the same transaction.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from apps.orientation.models import Referral, ReferralContact

from .models import FollowUp, FollowUpAnswer, FollowUpTally

SALT = "feedback.follow-up"
ENDED = (Referral.State.CLOSED, Referral.State.DECLINED)
CONSENT_TEXT = (
    "J'accepte de recevoir par e-mail, quelques semaines après ma demande, 4 questions sur ce qu'elle a "
    "donné (réponse anonyme, sans compte, une seule relance)."
)
SUBJECTS = ("Votre demande d'orientation : 4 questions", "Rappel : 4 questions sur votre demande")
SATISFACTION_QUESTION = "questionnaire de satisfaction"  # the words of the pre-interview grid's question


class FollowUpError(ValidationError):
    """The link is unknown, already used or past its time."""


def referral_email(referral) -> str:
    return ReferralContact.objects.filter(referral=referral).values_list("email", flat=True).first() or ""


def grid_consent(reception) -> bool:
    """The person said yes to the grid's satisfaction question at the first door."""
    if reception is None or not reception.grid_answers:
        return False
    from apps.orientation.models import PreInterviewQuestion

    ids = PreInterviewQuestion.objects.filter(text__icontains=SATISFACTION_QUESTION).values_list("pk", flat=True)
    return any(reception.grid_answers.get(str(pk)) == "Oui" for pk in ids)


def record_consent(referral, source: str, now=None) -> FollowUp | None:
    """Keep the person's yes; without an e-mail address on the fiche there is nothing to send (None)."""
    if not referral_email(referral):
        return None
    follow_up, _ = FollowUp.objects.get_or_create(
        referral=referral, defaults={"source": source, "consent_at": now or timezone.now()}
    )
    return follow_up


# --- The link ---------------------------------------------------------------------------------------------------


def link_token(follow_up: FollowUp) -> str:
    return signing.Signer(salt=SALT).sign_object([follow_up.pk, follow_up.nonce])


def link_url(follow_up: FollowUp) -> str:
    return settings.SPRO_SITE_URL + reverse("feedback:follow_up", args=[link_token(follow_up)])


def follow_up_for_token(token: str) -> FollowUp | None:
    """The sent follow-up the link names, or None (forged, answered, expired: all look the same)."""
    try:
        pk, nonce = signing.Signer(salt=SALT).unsign_object(token)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    follow_up = FollowUp.objects.filter(pk=pk, state=FollowUp.State.SENT).first()
    if follow_up is None or not nonce or not constant_time_compare(follow_up.nonce, str(nonce)):
        return None
    return follow_up


# --- Sending, reminding, expiring (the scheduled job) ------------------------------------------------------------


def _month(day) -> "timezone.datetime.date":
    return day.replace(day=1)


def _cell(referral) -> dict:
    structure = referral.receiver_structure
    return {"territory_id": structure.territory_id, "network_id": structure.network_id}


def _count_sent(referral, month) -> None:
    count_sent(_cell(referral), month)


def count_sent(cell: dict, month, sent: int = 1) -> None:
    """Add `sent` questionnaires to the tally of a territory, network and month (the response rate's base)."""
    cell = cell | {"month": month}
    if not FollowUpTally.objects.filter(**cell).update(sent=F("sent") + sent):
        try:
            with transaction.atomic():
                FollowUpTally.objects.create(**cell, sent=sent)
        except IntegrityError:  # created meanwhile by another run
            FollowUpTally.objects.filter(**cell).update(sent=F("sent") + sent)


def _mail(follow_up: FollowUp, email: str, reminder: bool) -> None:
    context = {
        "link": link_url(follow_up),
        "reminder": reminder,
        "answer_days": settings.SPRO_FOLLOW_UP_ANSWER_DAYS,
        "site_url": settings.SPRO_SITE_URL,
    }
    subject = SUBJECTS[1] if reminder else SUBJECTS[0]
    body = render_to_string("feedback/email/follow_up.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email], fail_silently=False)


def _readdress_after_decline(now) -> None:
    """A declined fiche re-addressed elsewhere: the follow-up waits for the new fiche instead."""
    waiting = FollowUp.objects.filter(state=FollowUp.State.WAITING, referral__state=Referral.State.DECLINED)
    for follow_up in waiting.filter(referral__redirections__isnull=False).distinct():
        newest = Referral.objects.filter(redirected_from=follow_up.referral_id).order_by("-sent_at", "-pk").first()
        if newest is not None and not FollowUp.objects.filter(referral=newest).exists() and referral_email(newest):
            FollowUp.objects.filter(pk=follow_up.pk).update(referral=newest)


def due_to_send(now=None):
    now = now or timezone.now()
    limit = now - timedelta(days=settings.SPRO_FOLLOW_UP_DELAY_DAYS)
    return FollowUp.objects.filter(
        state=FollowUp.State.WAITING, referral__state__in=ENDED, referral__closed_at__lte=limit
    ).filter(Q(referral__state=Referral.State.CLOSED) | Q(referral__redirections__isnull=True))


def send_due(now=None) -> dict:
    """Send the due follow-ups, the one reminder, and delete the unanswered past their time."""
    now = now or timezone.now()
    counts = {"sent": 0, "reminded": 0, "dropped": purge(now)}
    _readdress_after_decline(now)
    for pk in list(due_to_send(now).values_list("pk", flat=True)):
        with transaction.atomic():
            follow_up = (
                FollowUp.objects.select_for_update()
                .select_related("referral__receiver_structure")
                .filter(pk=pk, state=FollowUp.State.WAITING)
                .first()
            )
            if follow_up is None:
                continue
            email = referral_email(follow_up.referral)
            if not email:  # the person's data was erased meanwhile: nothing may be sent
                follow_up.delete()
                counts["dropped"] += 1
                continue
            follow_up.state, follow_up.sent_at, follow_up.nonce = FollowUp.State.SENT, now, secrets.token_urlsafe(24)
            follow_up.save(update_fields=["state", "sent_at", "nonce"])
            _count_sent(follow_up.referral, _month(timezone.localdate(now)))
            _mail(follow_up, email, reminder=False)
            counts["sent"] += 1
    reminder_limit = now - timedelta(days=settings.SPRO_FOLLOW_UP_REMINDER_DAYS)
    to_remind = FollowUp.objects.filter(
        state=FollowUp.State.SENT, reminded_at__isnull=True, sent_at__lte=reminder_limit
    )
    for pk in list(to_remind.values_list("pk", flat=True)):
        with transaction.atomic():
            follow_up = FollowUp.objects.select_for_update().filter(pk=pk, reminded_at__isnull=True).first()
            if follow_up is None:
                continue
            follow_up.reminded_at = now
            follow_up.save(update_fields=["reminded_at"])
            email = referral_email(follow_up.referral)
            if email:
                _mail(follow_up, email, reminder=True)
                counts["reminded"] += 1
    return counts


def purge(now=None) -> int:
    """Delete the follow-ups that can no longer be sent or answered (the retention of this data).

    Unanswered SPRO_FOLLOW_UP_ANSWER_DAYS after sending; waiting on a cancelled fiche; waiting while the
    fiche lost its e-mail address (erased on request or at the end of its retention).
    """
    now = now or timezone.now()
    expired = FollowUp.objects.filter(
        state=FollowUp.State.SENT, sent_at__lte=now - timedelta(days=settings.SPRO_FOLLOW_UP_ANSWER_DAYS)
    )
    cancelled = FollowUp.objects.filter(state=FollowUp.State.WAITING, referral__state=Referral.State.CANCELLED)
    with_email = ReferralContact.objects.exclude(email="").values("referral_id")
    orphan = FollowUp.objects.filter(state=FollowUp.State.WAITING).exclude(referral_id__in=with_email)
    return expired.delete()[0] + cancelled.delete()[0] + orphan.delete()[0]


# --- The answer -------------------------------------------------------------------------------------------------


def submit_answer(token: str, answers: dict) -> FollowUpAnswer:
    """Store the anonymous answer and delete the follow-up (its link to the fiche and its secret) at once."""
    with transaction.atomic():
        found = follow_up_for_token(token)
        follow_up = (
            FollowUp.objects.select_for_update()
            .select_related("referral__receiver_structure")
            .filter(pk=getattr(found, "pk", None), state=FollowUp.State.SENT)
        ).first()
        if follow_up is None:
            raise FollowUpError("Ce lien n'est plus valable : le questionnaire a déjà reçu une réponse ou a expiré.")
        email = referral_email(follow_up.referral)
        answer = store_answer(_cell(follow_up.referral), _month(timezone.localdate(follow_up.sent_at)), answers)
        follow_up.delete()
        erase_messages(email)
    return answer


def store_answer(cell: dict, month, answers: dict) -> FollowUpAnswer:
    """The one way an anonymous answer is written (the person's link, the demo): checked, then stored."""
    answer = FollowUpAnswer(**cell, month=_month(month), **answers)
    answer.full_clean(exclude=["territory", "network"])
    answer.save()
    return answer


def erase_messages(email: str) -> int:
    """Delete the queued copies of the follow-up e-mails sent to this address (recipient, subject, link).

    The e-mail queue keeps a recipient 30 days for the Région's delivery checks; an answered follow-up must
    keep no trace of the person, so its messages go at once (a pending reminder is not sent).
    """
    if not email:
        return 0
    from apps.emails.models import OutgoingEmail

    return OutgoingEmail.objects.filter(recipients=email, subject__in=SUBJECTS).delete()[0]
