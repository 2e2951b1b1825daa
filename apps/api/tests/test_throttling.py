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


@pytest.mark.django_db
def test_a_forged_forwarded_for_does_not_reset_the_anonymous_rate(api, rates, vocabularies):
    """Without a trusted proxy, X-Forwarded-For is the client's own writing (review M2)."""
    answers = [api.get(URL, HTTP_X_FORWARDED_FOR=f"10.0.0.{i}").status_code for i in range(4)]
    assert answers == [200, 200, 200, 429]


@pytest.mark.django_db
def test_behind_a_trusted_proxy_each_client_has_its_own_count(api, rates, vocabularies, settings):
    settings.SPRO_TRUSTED_PROXIES = 1
    first = [api.get(URL, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code for _ in range(4)]
    other = api.get(URL, HTTP_X_FORWARDED_FOR="198.51.100.2").status_code
    forged = api.get(URL, HTTP_X_FORWARDED_FOR="9.9.9.9, 198.51.100.1").status_code
    assert (first, other, forged) == ([200, 200, 200, 429], 200, 429)
