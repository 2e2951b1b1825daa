"""A coordinator designated with a new account receives an invitation and can then log in."""

import re

import pytest
from django.urls import reverse

from apps.directory.models import Structure
from apps.network.models import Meeting
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "un-mot-de-passe-solide-2026"


def designate(client, email):
    plenary = Meeting.objects.get(title="Réunion plénière de rentrée 2026")
    data = {
        "email": email,
        "role": "local",
        "designation_meeting": plenary.pk,
        "structure": Structure.objects.get(slug="ml-blaisois").pk,
        "first_name": "Lina",
        "last_name": "Fictive",
        "school_year": 2026,
        "designated_on": "2026-09-20",
        "job_title": "Conseillère",
    }
    return client.post(reverse("network:coordinator_create", args=["loir-et-cher"]), data)


def test_a_new_coordinator_is_invited_and_logs_in(
    client, region_admin, plenary_41, ml_blaisois, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(region_admin)
    with django_capture_on_commit_callbacks(execute=True):
        assert designate(client, "nouvelle.coordination@test.spro.example").status_code == 302
    [invitation] = mailoutbox
    assert invitation.to == ["nouvelle.coordination@test.spro.example"]
    assert "coordination du territoire" in invitation.body and "&#x27;" not in invitation.body
    link = re.search(r"http://\S+/compte/invitation/\S+/", invitation.body).group(0)

    client.logout()
    response = client.post("/" + link.split("/", 3)[3], {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert response.status_code == 302 and response.url == reverse("workspace:dashboard")
    client.logout()
    login = client.post(
        reverse("accounts:login"), {"username": "nouvelle.coordination@test.spro.example", "password": PASSWORD}
    )
    assert login.status_code == 302


def test_an_account_that_already_logs_in_is_not_invited(
    client, region_admin, plenary_41, ml_blaisois, mailoutbox, django_capture_on_commit_callbacks
):
    existing = UserFactory(email="deja.membre@test.spro.example")
    client.force_login(region_admin)
    with django_capture_on_commit_callbacks(execute=True):
        assert designate(client, existing.email).status_code == 302
    assert plenary_41.committee.territory.coordinators.filter(user=existing).exists() and mailoutbox == []
