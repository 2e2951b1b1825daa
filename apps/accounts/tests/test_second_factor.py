"""TOTP second factor: required for region admins (when SPRO_OTP_REQUIRED), offered to everyone, backup codes."""

import re

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.accounts import second_factor
from conftest import PASSWORD
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("workspace:dashboard")
SETUP = reverse("accounts:otp_setup")
VERIFY = reverse("accounts:otp_verify")


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def password_login(client, user):
    response = client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return response


def enrol(client) -> tuple[TOTPDevice, list[str]]:
    client.get(SETUP)
    device = TOTPDevice.objects.get(confirmed=False)
    response = client.post(SETUP, {"code": current_code(device), "next": DASHBOARD})
    assert response.status_code == 200
    codes = re.findall(r"<li><code>(\w+)</code></li>", response.content.decode())
    device.refresh_from_db()
    assert device.confirmed and len(codes) == second_factor.BACKUP_CODE_COUNT
    return device, codes


@pytest.fixture
def required(settings):
    settings.SPRO_OTP_REQUIRED = True
    return settings


@pytest.mark.parametrize(
    ("role", "required_setting", "must_enrol"),
    [
        ("region_admin", True, True),
        ("region_admin", False, False),
        ("", True, False),
        ("support_team", True, False),
    ],
)
def test_who_must_enrol(client, settings, role, required_setting, must_enrol):
    settings.SPRO_OTP_REQUIRED = required_setting
    user = UserFactory(role=role)
    password_login(client, user)
    response = client.get(DASHBOARD)
    if must_enrol:
        assert response.status_code == 302 and response.url.startswith(SETUP)
    else:
        assert response.status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        reverse("directory:vocabularies"),
        reverse("emails:failed"),
        reverse("orientation:rules"),
        reverse("network:home"),
        "/admin/",
    ],
)
def test_a_region_admin_reaches_no_page_before_enrolling_and_verifying(client, required, url):
    admin = UserFactory(role="region_admin", is_staff=True, is_superuser=True)
    password_login(client, admin)
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(SETUP)


def test_the_api_answers_403_before_the_second_factor(client, required):
    admin = UserFactory(role="region_admin")
    password_login(client, admin)
    response = client.get("/api/v1/referrals/")
    assert response.status_code == 403 and "Double authentification" in response.json()["detail"]


def test_enrolment_then_every_login_asks_for_a_code(client, required):
    admin = UserFactory(role="region_admin")
    password_login(client, admin)
    page = client.get(SETUP).content.decode()
    assert 'src="data:image/svg+xml' in page and "clé" in page
    device, codes = enrol(client)
    assert client.get(DASHBOARD).status_code == 200  # verified by the enrolment

    client.post(reverse("accounts:logout"))
    password_login(client, admin)
    response = client.get(DASHBOARD)
    assert response.status_code == 302 and response.url.startswith(VERIFY)
    wrong = client.post(VERIFY, {"code": "000000"})
    assert wrong.status_code == 200 and "Code : ce code n&#x27;est pas valable" in wrong.content.decode()
    assert client.get(DASHBOARD).status_code == 302

    response = client.post(VERIFY, {"code": codes[0], "next": DASHBOARD})  # a backup code
    assert response.status_code == 302 and response.url == DASHBOARD
    assert client.get(DASHBOARD).status_code == 200


def test_a_backup_code_works_once(client, required):
    admin = UserFactory(role="region_admin")
    password_login(client, admin)
    _, codes = enrol(client)
    for expected in (302, 200):
        client.post(reverse("accounts:logout"))
        password_login(client, admin)
        assert client.post(VERIFY, {"code": codes[0]}).status_code == expected


def test_a_member_may_enrol_and_is_then_asked_for_the_code(client):
    member = UserFactory()
    password_login(client, member)
    assert "Activer la double authentification" in client.get(reverse("accounts:security")).content.decode()
    enrol(client)
    client.post(reverse("accounts:logout"))
    password_login(client, member)
    assert client.get(DASHBOARD).url.startswith(VERIFY)


def test_a_wrong_first_code_does_not_enrol(client):
    password_login(client, UserFactory())
    client.get(SETUP)
    response = client.post(SETUP, {"code": "abc"})
    assert "pas valable" in response.content.decode()
    assert not second_factor.is_enrolled(TOTPDevice.objects.get().user)


@pytest.mark.parametrize(("required_setting", "removed"), [(False, True), (True, False)])
def test_only_those_not_required_may_remove_it(client, settings, required_setting, removed):
    settings.SPRO_OTP_REQUIRED = required_setting
    admin = UserFactory(role="region_admin")
    password_login(client, admin)
    enrol(client)
    client.post(reverse("accounts:otp_remove"))
    assert second_factor.is_enrolled(admin) is not removed


def test_the_next_parameter_cannot_leave_the_site(client, required):
    admin = UserFactory(role="region_admin")
    password_login(client, admin)
    _, codes = enrol(client)
    client.post(reverse("accounts:logout"))
    password_login(client, admin)
    response = client.post(VERIFY, {"code": codes[1], "next": "https://evil.example/"})
    assert response.url == DASHBOARD
