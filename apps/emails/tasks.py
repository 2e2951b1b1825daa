"""Tasks of the django-tasks queue (database backend; worker: run_scheduled_jobs, db_worker or make run):
sending each e-mail through the real backend, with retries."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from .models import OutgoingEmail

logger = logging.getLogger(__name__)


@task()
def deliver_email(email_id: int) -> str:
    return deliver(email_id)


def deliver(email_id: int) -> str:
    """Send one queued message through the real backend; on failure, schedule the next attempt."""
    now = timezone.now()
    claimed = OutgoingEmail.objects.filter(pk=email_id, status=OutgoingEmail.Status.PENDING).update(
        status=OutgoingEmail.Status.SENDING, attempts=F("attempts") + 1, updated_at=now
    )
    if not claimed:  # already sent, or taken by another worker: never send twice
        return "ignoré"
    email = OutgoingEmail.objects.get(pk=email_id)
    try:
        connection = get_connection(settings.SPRO_EMAIL_DELIVERY_BACKEND, fail_silently=False)
        email.to_message(connection).send()
    except Exception as error:  # any failure of the mail server: retried later, never lost
        return _after_failure(email, error)
    # The content (links, reset tokens) is not kept once delivered.
    email.status, email.sent_at, email.payload, email.last_error = OutgoingEmail.Status.SENT, now, {}, ""
    email.next_attempt_at = None
    email.save(update_fields=["status", "sent_at", "payload", "last_error", "next_attempt_at", "updated_at"])
    return "envoyé"


def _after_failure(email: OutgoingEmail, error: Exception) -> str:
    delays = settings.SPRO_EMAIL_RETRY_DELAYS
    email.last_error = f"{type(error).__name__} : {error}"[:255]
    if email.attempts <= len(delays):
        email.status = OutgoingEmail.Status.PENDING
        email.next_attempt_at = timezone.now() + timedelta(seconds=delays[email.attempts - 1])
        email.save(update_fields=["status", "next_attempt_at", "last_error", "updated_at"])
        deliver_email.using(run_after=email.next_attempt_at).enqueue(email.pk)
        logger.warning(
            "E-mail %s not sent (attempt %s), retried at %s", email.pk, email.attempts, email.next_attempt_at
        )
        return "à réessayer"
    email.status, email.next_attempt_at = OutgoingEmail.Status.FAILED, None
    email.save(update_fields=["status", "next_attempt_at", "last_error", "updated_at"])
    logger.error("E-mail %s not sent after %s attempts: %s", email.pk, email.attempts, email.last_error)
    return "en échec"
