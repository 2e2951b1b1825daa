"""API rate limits: anonymous clients by address, signed-in members by account, each counted once."""

import pytest
from rest_framework.throttling import SimpleRateThrottle

URL = "/api/v1/vocabularies/statuses/"


@pytest.fixture
def rates(monkeypatch):
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/minute", "user": "5/minute"})


@pytest.mark.django_db
def test_an_anonymous_client_is_stopped_at_the_anonymous_rate(api, rates, vocabularies):
    answers = [api.get(URL).status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]


@pytest.mark.django_db
def test_a_member_is_counted_by_account_at_the_member_rate(api, rates, member_a, vocabularies):
    api.force_login(member_a)
    answers = [api.get(URL).status_code for _ in range(6)]
    assert answers == [200] * 5 + [429]
