"""The demo loads the seed-001 programme, upcoming sessions and the support-team account, fast."""

import pytest
from django.utils import timezone

from apps.accounts.models import User
from apps.directory.services import DEMO_PASSWORD
from apps.programme import demo
from apps.programme.models import Session, SupportAction, SupportAxis, Survey

pytestmark = pytest.mark.django_db


def test_demo_loads_both_programmes(demo_region):
    demo.load()  # its speed is a benchmark's business, never a test's
    assert SupportAxis.objects.filter(period="2015-2016").count() == 6  # seed 001, kept as history
    assert SupportAction.objects.filter(axis__period="2015-2016").count() == 8
    assert SupportAxis.objects.filter(period="2026-2027").count() == 5  # the roadmap of seed 003, this year
    assert SupportAction.objects.filter(axis__period="2026-2027").count() == 13
    this_year = Session.objects.filter(axis__period="2026-2027")
    assert this_year.filter(ends_at__lt=timezone.now()).exists() and this_year.filter(starts_at__gt=timezone.now())
    assert not Session.objects.exclude(axis__period__in=["2015-2016", "2026-2027"]).exists()
    upcoming = Session.objects.filter(starts_at__gt=timezone.now())
    assert upcoming.filter(kind="forum", territory__code__in=["indre-et-loire", "cher", "orleans"]).count() == 3
    assert Survey.objects.filter(code="questionnaire-forums").exists()
    support = User.objects.get(email=demo.SUPPORT_EMAIL)
    assert support.check_password(DEMO_PASSWORD) and support.role == "support_team"
    assert demo.load() == 0  # a second run does nothing
