"""One runner of the scheduled jobs at a time, with several servers: a lease in the database.

Each turn of `run_scheduled_jobs` takes (or renews) the lease before working; a runner that cannot take it
waits for its next turn. Taking it is one conditional UPDATE, atomic on SQLite and PostgreSQL alike.
"""

import os
import socket
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import get_random_string

from apps.core.models import JobLease

SCHEDULED_JOBS = "run_scheduled_jobs"
LEASE_SECONDS = 15 * 60  # longer than the longest turn (the hourly jobs); renewed before each job


def runner_id() -> str:
    """Who holds the lease, readable in the admin: host, process, and a random part (two runners in one process)."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{get_random_string(8)}"


def take_lease(holder: str, name: str = SCHEDULED_JOBS, seconds: int = LEASE_SECONDS) -> bool:
    """True when `holder` now holds the lease (free, expired, or already theirs), renewed for `seconds`."""
    now = timezone.now()
    expires_at = now + timedelta(seconds=seconds)
    free_or_mine = Q(expires_at__lte=now) | Q(holder=holder)
    if JobLease.objects.filter(free_or_mine, name=name).update(holder=holder, expires_at=expires_at):
        return True
    try:
        with transaction.atomic():
            JobLease.objects.create(name=name, holder=holder, expires_at=expires_at)
    except IntegrityError:  # another runner holds it, or created it first
        return False
    return True


def release_lease(holder: str, name: str = SCHEDULED_JOBS) -> None:
    """Let another runner take over at once (when a runner stops cleanly)."""
    JobLease.objects.filter(name=name, holder=holder).update(expires_at=timezone.now())
