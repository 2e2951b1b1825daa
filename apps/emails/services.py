"""Queueing, retry on request and pruning of the platform's e-mails (the sending with retries: tasks.py)."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import OutgoingEmail
from .selectors import failed_emails
from .tasks import deliver_email


def queue_messages(messages) -> int:
    """Store the messages and enqueue one task each.

    The task row is written by the database backend in the caller's transaction: a message exists for the
    worker only once the fiche or the call-back that caused it is committed, and never without it.
    """
    queued = 0
    for message in messages:
        if not message.recipients():
            continue
        email = OutgoingEmail.from_message(message)
        email.save()
        deliver_email.enqueue(email.pk)
        queued += 1
    return queued


@transaction.atomic
def retry(email: OutgoingEmail) -> bool:
    """The Région asks for a new try of a failed (or interrupted) message: a fresh series of attempts."""
    if not failed_emails().filter(pk=email.pk).exists():
        return False
    email.status, email.attempts, email.next_attempt_at = OutgoingEmail.Status.PENDING, 0, None
    email.save(update_fields=["status", "attempts", "next_attempt_at", "updated_at"])
    deliver_email.enqueue(email.pk)
    return True


def prune(now=None) -> int:
    """Delete the traces of sent messages and the failed ones after their retention."""
    now = now or timezone.now()
    sent = OutgoingEmail.objects.filter(
        status=OutgoingEmail.Status.SENT, sent_at__lt=now - timedelta(days=settings.SPRO_EMAIL_SENT_RETENTION_DAYS)
    )
    failed = OutgoingEmail.objects.filter(
        status=OutgoingEmail.Status.FAILED,
        updated_at__lt=now - timedelta(days=settings.SPRO_EMAIL_FAILED_RETENTION_DAYS),
    )
    return sent.delete()[0] + failed.delete()[0]
