"""Login lockout by account and by address; a throttled password reset (review M6, L2)."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
LOGIN = reverse("accounts:login")
PASSWORD = "mot-de-passe-de-test"


@pytest.fixture
def lockout(settings):
    settings.AXES_ENABLED = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SPRO_LOGIN_ADDRESS_FAILURE_LIMIT = 12


def _fail(client, email, times, **meta):
    for _ in range(times):
        client.post(LOGIN, {"username": email, "password": "mauvais-mot-de-passe"}, **meta)


def _login(client, email, **meta):
    return client.post(LOGIN, {"username": email, "password": PASSWORD}, **meta).status_code


def test_spraying_passwords_over_accounts_locks_the_address(client, lockout):
    users = [UserFactory(email=f"cible{i}@test.spro.example", password=PASSWORD) for i in range(4)]
    for user in users:
        _fail(client, user.email, 3)  # under the per-account limit each time: 12 failures in all
    assert [_login(client, user.email) for user in users] == [429] * 4


def test_the_address_limit_counts_only_that_address(client, lockout):
    users = [UserFactory(email=f"cible{i}@test.spro.example", password=PASSWORD) for i in range(4)]
    for user in users:
        _fail(client, user.email, 3, REMOTE_ADDR="203.0.113.66")
    assert [_login(client, user.email, REMOTE_ADDR="203.0.113.7") for user in users] == [302] * 4


def test_a_success_does_not_reset_the_address_count(client, lockout):
    mine = UserFactory(email="moi@test.spro.example", password=PASSWORD)
    targets = [UserFactory(email=f"cible{i}@test.spro.example", password=PASSWORD) for i in range(3)]
    _fail(client, targets[0].email, 4)
    _fail(client, targets[1].email, 4)
    assert _login(client, mine.email) == 302
    client.logout()
    _fail(client, targets[2].email, 4)
    assert _login(client, targets[2].email) == 429


def test_behind_the_proxy_nobody_locks_another_persons_account(client, lockout, settings):
    """Every request comes from the proxy's address: the lockout must use the person's (review M6.3)."""
    settings.SPRO_TRUSTED_PROXIES = 1
    victim = UserFactory(email="victime@test.spro.example", password=PASSWORD)
    _fail(client, victim.email, 6, HTTP_X_FORWARDED_FOR="198.51.100.66")
    assert _login(client, victim.email, HTTP_X_FORWARDED_FOR="198.51.100.66") == 429
    assert _login(client, victim.email, HTTP_X_FORWARDED_FOR="198.51.100.7") == 302


RESET = reverse("accounts:password_reset")


def test_password_reset_e_mails_are_limited_per_account(client, settings, mailoutbox):
    settings.SPRO_PASSWORD_RESET_LIMIT_PER_HOUR = 2
    user = UserFactory(email="oubli@test.spro.example", password=PASSWORD)
    answers = [client.post(RESET, {"email": user.email}).status_code for _ in range(4)]
    assert answers == [302] * 4  # the same answer: the limit tells nothing about the account
    assert len(mailoutbox) == 2


def test_password_reset_requests_are_limited_per_address(client, settings):
    settings.SPRO_PASSWORD_RESET_ADDRESS_LIMIT_PER_HOUR = 3
    answers = [client.post(RESET, {"email": f"x{i}@test.spro.example"}).status_code for i in range(4)]
    assert answers == [302, 302, 302, 429]
    other = client.post(RESET, {"email": "y@test.spro.example"}, REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 302
