"""Invitation links (signed, expiring, single use) and the idle timeout of sessions."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from apps.accounts import invitations
from conftest import PASSWORD
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "un-mot-de-passe-solide-2026"
T0 = datetime.datetime(2026, 12, 7, 9, 0, tzinfo=datetime.UTC)
DASHBOARD = reverse("workspace:dashboard")


@pytest.fixture
def invited(db):
    user = UserFactory(email="invitee@test.spro.example")
    user.set_unusable_password()
    user.save()
    return user


def invitation_url(user):
    return reverse("accounts:invitation", args=[invitations.make_token(user)])


def test_the_invitation_sets_the_password_once(client, invited):
    url = invitation_url(invited)
    assert client.get(url).status_code == 200
    response = client.post(url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302 and response.url == DASHBOARD
    invited.refresh_from_db()
    assert invited.check_password(NEW_PASSWORD)
    client.logout()
    again = client.post(url, {"new_password1": "autre-mot-de-passe-2026", "new_password2": "autre-mot-de-passe-2026"})
    assert again.status_code == 404 and "plus valable" in again.content.decode()
    invited.refresh_from_db()
    assert invited.check_password(NEW_PASSWORD)


@pytest.mark.parametrize(("days_later", "valid"), [(6, True), (8, False)])
def test_the_invitation_expires(client, invited, settings, days_later, valid):
    settings.SPRO_INVITATION_DAYS = 7
    with time_machine.travel(T0, tick=False) as clock:
        url = invitation_url(invited)
        clock.shift(datetime.timedelta(days=days_later))
        assert (client.get(url).status_code == 200) is valid


@pytest.mark.parametrize("tamper", ["altered", "inactive", "other_secret"])
def test_an_altered_or_revoked_invitation_is_refused(client, invited, settings, tamper):
    url = invitation_url(invited)
    if tamper == "altered":
        url = url[:-3] + ("A" if url[-3] != "A" else "B") + url[-2:]
    elif tamper == "inactive":
        invited.is_active = False
        invited.save()
    else:
        settings.SECRET_KEY = "une-autre-cle-" + "x" * 40
    assert client.get(url).status_code == 404


def test_a_weak_password_is_refused_with_the_field_named(client, invited):
    response = client.post(invitation_url(invited), {"new_password1": "abc", "new_password2": "abc"})
    assert response.status_code == 200 and 'role="alert"' in response.content.decode()
    invited.refresh_from_db()
    assert not invited.has_usable_password()


def test_the_region_creates_an_account_in_the_admin_and_it_is_invited(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    superuser = UserFactory(email="tech@test.spro.example", is_staff=True, is_superuser=True, role="region_admin")
    client.force_login(superuser)
    data = {"email": "Nouveau@Test.spro.example", "first_name": "Eli", "last_name": "Fictif", "role": ""}
    data |= {"memberships-TOTAL_FORMS": 0, "memberships-INITIAL_FORMS": 0}  # the inline's management form
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:accounts_user_add"), data)
    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [["nouveau@test.spro.example"]]
    assert "/compte/invitation/" in mailoutbox[0].body


@pytest.mark.parametrize(
    ("gaps_minutes", "signed_in"),
    [([10, 10, 10, 10], True), ([29], True), ([31], False), ([20, 31], False)],
)
def test_an_idle_session_ends(client, settings, gaps_minutes, signed_in):
    settings.SPRO_SESSION_IDLE_SECONDS = 30 * 60
    user = UserFactory()
    with time_machine.travel(T0, tick=False) as clock:
        client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})
        for gap in gaps_minutes:
            clock.shift(datetime.timedelta(minutes=gap))
            response = client.get(DASHBOARD)
    assert (response.status_code == 200) is signed_in
    if not signed_in:
        assert response.url.startswith(reverse("accounts:login"))


def test_sessions_last_12_hours_at_most_even_when_active(client, settings):

    import spro.settings

    assert spro.settings.SESSION_COOKIE_AGE == 12 * 3600
    settings.SESSION_COOKIE_AGE = 12 * 3600
    user = UserFactory()
    with time_machine.travel(T0, tick=False) as clock:
        client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})
        for _ in range(12 * 4):  # a request every 15 minutes for 12 hours
            clock.shift(datetime.timedelta(minutes=15))
            assert client.get(DASHBOARD).status_code == 200
        clock.shift(datetime.timedelta(minutes=15))
        assert client.get(DASHBOARD).status_code == 302
