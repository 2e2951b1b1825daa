from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from .models import OutgoingEmail

# A message "being sent" for this long was interrupted (worker stopped mid-send): shown as failed.
STALE_SENDING = timedelta(hours=1)


def failed_emails():
    stale = Q(status=OutgoingEmail.Status.SENDING, updated_at__lt=timezone.now() - STALE_SENDING)
    return OutgoingEmail.objects.filter(Q(status=OutgoingEmail.Status.FAILED) | stale).order_by("-updated_at")


def pending_count() -> int:
    return OutgoingEmail.objects.filter(status=OutgoingEmail.Status.PENDING).count()
