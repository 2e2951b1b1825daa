"""Scheduled jobs with several servers: one runner works at a time (a lease in the database)."""

import threading
import time
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from apps.core import jobs
from apps.core.management.commands import run_scheduled_jobs
from apps.core.models import JobLease
from tests.concurrency import run_at_once

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(
    ("held_by", "expires_in", "taken"),
    [
        (None, None, True),  # no lease yet: created
        ("other", -1, True),  # expired: taken over
        ("other", 60, False),  # held by another runner
        ("me", 60, True),  # mine: renewed
    ],
)
def test_who_takes_the_lease(held_by, expires_in, taken):
    if held_by:
        JobLease.objects.create(
            name=jobs.SCHEDULED_JOBS, holder=held_by, expires_at=timezone.now() + timedelta(seconds=expires_in)
        )
    assert jobs.take_lease("me") is taken
    assert JobLease.objects.get().holder == ("me" if taken else held_by)


def test_a_released_lease_is_free_at_once():
    assert jobs.take_lease("first")
    assert not jobs.take_lease("second")
    jobs.release_lease("first")
    assert jobs.take_lease("second")


def test_two_runners_at_once_only_one_works(monkeypatch):
    """Two `run_scheduled_jobs --once` started at the same instant (two servers' cron): the job runs once."""
    runs, lock = [], threading.Lock()

    def slow_job(name, *args, **kwargs):
        with lock:
            runs.append(name)
        time.sleep(0.5)  # the other runner comes while this one works

    monkeypatch.setattr(run_scheduled_jobs, "JOBS", ["purge_personal_data"])
    monkeypatch.setattr(run_scheduled_jobs, "call_command", slow_job)
    monkeypatch.setattr(run_scheduled_jobs, "run_due_tasks", lambda: None)
    outputs = [StringIO(), StringIO()]
    results, errors = run_at_once(
        [lambda out=out: call_command("run_scheduled_jobs", "--once", stdout=out) for out in outputs]
    )
    assert not errors, errors
    assert runs == ["purge_personal_data"]
    waited = [out.getvalue() for out in outputs if "Un autre serveur" in out.getvalue()]
    assert len(waited) == 1
    assert JobLease.objects.get().expires_at <= timezone.now()  # released when the runner stopped


def test_a_runner_whose_lease_was_taken_stops_before_the_next_job(monkeypatch):
    ran = []

    def job(name, *args, **kwargs):
        ran.append(name)
        JobLease.objects.update(holder="another server")  # e.g. this runner was paused past its lease

    monkeypatch.setattr(run_scheduled_jobs, "JOBS", ["purge_personal_data", "send_referral_reminders"])
    monkeypatch.setattr(run_scheduled_jobs, "call_command", job)
    monkeypatch.setattr(run_scheduled_jobs, "run_due_tasks", lambda: None)
    call_command("run_scheduled_jobs", "--once", stdout=StringIO())
    assert ran == ["purge_personal_data"]
