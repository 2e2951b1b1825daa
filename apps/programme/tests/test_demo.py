"""The demo loads the seed-001 programme, upcoming sessions and the support-team account, fast."""

import time

import pytest
from django.utils import timezone

from apps.accounts.models import User
from apps.directory.services import DEMO_PASSWORD
from apps.programme import demo
from apps.programme.models import Session, SupportAction, SupportAxis, Survey

pytestmark = pytest.mark.django_db


def test_demo_loads_in_under_three_seconds(demo_region):
    started = time.monotonic()
    demo.load()
    assert time.monotonic() - started < 3
    assert SupportAxis.objects.count() == 6 and SupportAction.objects.count() == 8
    upcoming = Session.objects.filter(starts_at__gt=timezone.now())
    assert upcoming.filter(kind="forum", territory__code__in=["indre-et-loire", "cher", "orleans"]).count() == 3
    assert Survey.objects.filter(code="questionnaire-forums").exists()
    support = User.objects.get(email=demo.SUPPORT_EMAIL)
    assert support.check_password(DEMO_PASSWORD) and support.role == "support_team"
    assert demo.load() == 0  # a second run does nothing
