"""Contact details are kept while the exchange lives: 90 days after it ends, 12 months at most.

A table over open and finished referrals of various ages, and the scheduled job that applies it.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from apps.orientation.models import Referral, ReferralContact
from apps.orientation.personal_data import purge_expired

NOW = datetime(2026, 6, 15, 12, 0, tzinfo=ZoneInfo("Europe/Paris"))
S = Referral.State


def _aged(make_referral, state, sent_days_ago, closed_days_ago, now):
    referral = make_referral()
    closed_at = now - timedelta(days=closed_days_ago) if closed_days_ago is not None else None
    Referral.objects.filter(pk=referral.pk).update(
        state=state, sent_at=now - timedelta(days=sent_days_ago), closed_at=closed_at
    )
    return referral


@pytest.mark.parametrize(
    ("state", "sent_days_ago", "closed_days_ago", "kept"),
    [
        (S.SENT, 100, None, True),  # open for 100 days: the exchange goes on
        (S.ACCEPTED, 364, None, True),
        (S.CONTACTED, 366, None, False),  # 12 months at most, even open
        (S.CLOSED, 200, 89, True),
        (S.CLOSED, 200, 91, False),  # 90 days after the end
        (S.DECLINED, 95, 91, False),
        (S.CANCELLED, 30, 10, True),
    ],
)
def test_purge_table(make_referral, settings, state, sent_days_ago, closed_days_ago, kept):
    settings.SPRO_CONTACT_RETENTION_DAYS, settings.SPRO_CONTACT_MAX_DAYS = 90, 365
    referral = _aged(make_referral, state, sent_days_ago, closed_days_ago, NOW)
    purge_expired(now=NOW)
    assert ReferralContact.objects.filter(referral=referral).exists() is kept


def test_the_scheduled_jobs_run_the_purge(make_referral):
    now = timezone.now()
    expired = _aged(make_referral, S.CLOSED, 200, 120, now)
    live = _aged(make_referral, S.ACCEPTED, 100, None, now)
    call_command("run_scheduled_jobs", "--once")
    assert not ReferralContact.objects.filter(referral=expired).exists()
    assert ReferralContact.objects.filter(referral=live).exists()
