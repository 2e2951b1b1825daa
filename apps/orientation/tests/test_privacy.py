import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from apps.orientation import personal_data
from apps.orientation.models import ContactAccessLog, Referral, ReferralContact

pytestmark = pytest.mark.django_db


def _age(referral, *, sent_days_ago=0, closed_days_ago=None):
    now = timezone.now()
    Referral.objects.filter(pk=referral.pk).update(
        sent_at=now - datetime.timedelta(days=sent_days_ago),
        closed_at=None if closed_days_ago is None else now - datetime.timedelta(days=closed_days_ago),
        state="closed" if closed_days_ago is not None else "accepted",
        outcome="helped" if closed_days_ago is not None else "",
    )


def test_purge_erases_contact_past_retention_and_keeps_the_anonymous_facts(make_referral, vocabularies):
    closed_long_ago = make_referral(age_band="16_25", need="Reprendre une formation")
    closed_recently = make_referral()
    open_too_long = make_referral()
    open_recent = make_referral()
    _age(closed_long_ago, sent_days_ago=120, closed_days_ago=91)
    _age(closed_recently, sent_days_ago=30, closed_days_ago=10)
    _age(open_too_long, sent_days_ago=366)
    _age(open_recent, sent_days_ago=20)

    assert personal_data.purge_expired() == 2
    remaining = set(ReferralContact.objects.values_list("referral_id", flat=True))
    assert remaining == {closed_recently.pk, open_recent.pk}
    kept = Referral.objects.get(pk=closed_long_ago.pk)
    assert kept.age_band == "16_25" and kept.outcome == "helped" and kept.events.exists()
    assert ContactAccessLog.objects.filter(action="erased").count() == 2


def test_purge_command_prints_the_count(make_referral, capsys):
    referral = make_referral()
    _age(referral, sent_days_ago=400)
    call_command("purge_personal_data")
    assert "1 fiche" in capsys.readouterr().out
    assert not ReferralContact.objects.exists()
