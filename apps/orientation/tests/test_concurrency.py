"""Concurrent updates must not lose a transition (row lock on PostgreSQL, write lock on SQLite)."""

import threading

import pytest
from django.db import connection

from apps.orientation import services
from apps.orientation.models import Referral, ReferralEvent
from tests.concurrency import run_at_once

pytestmark = pytest.mark.django_db(transaction=True)


def test_twenty_concurrent_state_changes_lose_none(make_referral, ml_counsellor):
    referrals = [make_referral(with_contact=False) for _ in range(10)]
    calls = []
    for referral in referrals:  # two different steps per referral, racing: accept, and then "contacted"
        calls.append(lambda pk=referral.pk: services.apply_transition(pk, "accept", ml_counsellor))
        calls.append(lambda pk=referral.pk: _contacted_after_accept(pk, ml_counsellor))
    results, errors = run_at_once(calls)
    assert not errors, errors
    assert len(results) == 20
    for referral in referrals:
        referral.refresh_from_db()
        assert referral.state == "contacted"
        assert list(referral.events.values_list("to_state", flat=True)) == ["sent", "accepted", "contacted"]
    assert ReferralEvent.objects.count() == 30


def _contacted_after_accept(pk, user):
    """Retry until the racing accept has landed: the second step must see the first, never overwrite it."""
    for _ in range(200):
        try:
            return services.apply_transition(pk, "contacted", user)
        except services.TransitionError:
            threading.Event().wait(0.01)
    raise AssertionError("the accept never became visible")


def test_twenty_members_racing_to_accept_one_referral_accept_it_once(make_referral, ml_counsellor):
    referral = make_referral(with_contact=False)
    calls = [lambda: services.apply_transition(referral.pk, "accept", ml_counsellor) for _ in range(20)]
    results, errors = run_at_once(calls)
    assert len(results) == 1 and len(errors) == 19
    assert all(isinstance(e, services.TransitionError) for e in errors)
    assert Referral.objects.get(pk=referral.pk).events.filter(to_state="accepted").count() == 1
    assert connection.vendor in {"postgresql", "sqlite"}
