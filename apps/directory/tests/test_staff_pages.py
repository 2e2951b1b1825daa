"""Members keep their own offer up to date; nobody edits someone else's (the forbidden paths)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.directory.models import Place, Service
from tests.factories import CommuneFactory, PlaceFactory, ServiceFactory

PASSWORD = "mot-de-passe-de-test"


@pytest.fixture
def place_a(structure_a):
    return PlaceFactory(structure=structure_a, commune=CommuneFactory())


@pytest.fixture
def service_a(structure_a, place_a, vocabularies):
    return ServiceFactory(structure=structure_a, at=[place_a], name="Accueil A")


def _place_post(**overrides):
    data = {
        "name": "Antenne de Blois",
        "address": "3 rue des Exemples",
        "address_complement": "",
        "postal_code": "41000",
        "commune_text": "Blois",
        "phone": "02 61 91 00 01",
        "email": "accueil@structure-a.example",
        "opening_hours": "Mo-Fr 09:00-12:00",
        "step_free": "true",
    }
    return data | overrides


def test_anonymous_is_sent_to_login(client, structure_a):
    response = client.get(reverse("directory:structure", args=[structure_a.slug]))
    assert response.status_code == 302 and reverse("accounts:login") in response.url


def test_member_edits_own_place_and_history_records_who(client, member_a, structure_a, place_a):
    client.force_login(member_a)
    url = reverse("directory:place_edit", args=[structure_a.slug, place_a.pk])
    response = client.post(url, _place_post(opening_hours="Mo-Fr 08:30-12:00"))
    assert response.status_code == 302
    place_a.refresh_from_db()
    assert place_a.opening_hours == "Mo-Fr 08:30-12:00" and place_a.step_free is True
    latest = place_a.history.first()
    assert latest.history_user == member_a and latest.history_type == "~"


def test_member_of_b_cannot_open_or_change_a_place_of_a(client, member_b, structure_a, place_a):
    client.force_login(member_b)
    url = reverse("directory:place_edit", args=[structure_a.slug, place_a.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, _place_post(name="Piraté")).status_code == 403
    place_a.refresh_from_db()
    assert place_a.name != "Piraté"


def test_member_of_b_cannot_reach_a_place_of_a_through_their_own_structure(client, member_b, structure_b, place_a):
    client.force_login(member_b)
    url = reverse("directory:place_edit", args=[structure_b.slug, place_a.pk])
    assert client.post(url, _place_post(name="Piraté")).status_code == 404
    assert Place.objects.get(pk=place_a.pk).name != "Piraté"


def test_member_of_b_cannot_change_or_withdraw_a_service_of_a(client, member_b, structure_a, service_a):
    client.force_login(member_b)
    edit = reverse("directory:service_edit", args=[structure_a.slug, service_a.pk])
    assert client.post(edit, {"name": "Piraté", "description": "x"}).status_code == 403
    toggle = reverse("directory:service_toggle", args=[structure_a.slug, service_a.pk])
    assert client.post(toggle).status_code == 403
    service_a.refresh_from_db()
    assert service_a.name == "Accueil A" and service_a.is_active


def test_postal_code_must_belong_to_the_commune(client, member_a, structure_a):
    CommuneFactory()  # Blois
    client.force_login(member_a)
    response = client.post(reverse("directory:place_create", args=[structure_a.slug]), _place_post(postal_code="45000"))
    assert response.status_code == 200
    assert "45000 n'est pas un code postal de Blois" in response.context["form"].errors["postal_code"][0]
    assert not Place.objects.filter(structure=structure_a).exists()


def test_member_creates_a_service_at_their_place(client, member_a, structure_a, place_a, vocabularies):
    client.force_login(member_a)
    response = client.post(
        reverse("directory:service_create", args=[structure_a.slug]),
        {
            "name": "Atelier CV",
            "description": "Un atelier collectif pour rédiger son CV.",
            "type": "atelier",
            "statuses": [],
            "themes": [],
            "info_types": [],
            "cep_level": "1",
            "access_modes": ["appointment"],
            "remote_modes": [],
            "reach": "departement",
            "conditions": "",
            "fee": "gratuit",
            "fee_details": "",
            "place_ids": [str(place_a.pk)],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    service = Service.objects.get(name="Atelier CV")
    assert list(service.places.all()) == [place_a]
    assert service.last_verified_at == timezone.localdate()
    assert service.reach_code == "41"


def test_service_without_place_nor_remote_mode_is_refused(client, member_a, structure_a, vocabularies):
    client.force_login(member_a)
    response = client.post(
        reverse("directory:service_create", args=[structure_a.slug]),
        {
            "name": "Sans lieu",
            "description": "Rien",
            "type": "information",
            "cep_level": "1",
            "reach": "departement",
            "fee": "gratuit",
        },
    )
    assert "cochez au moins un lieu" in response.content.decode()


def test_to_verify_lists_only_old_services_of_my_structures(client, member_a, structure_a, structure_b, vocabularies):
    old = timezone.localdate() - timedelta(days=200)
    ServiceFactory(structure=structure_a, name="Vieux A", last_verified_at=old)
    ServiceFactory(structure=structure_a, name="Récent A")
    ServiceFactory(structure=structure_b, name="Vieux B", last_verified_at=old)
    client.force_login(member_a)
    content = client.get(reverse("directory:to_verify")).content.decode()
    assert "Vieux A" in content and "Récent A" not in content and "Vieux B" not in content


def test_verify_button_marks_today(client, member_a, structure_a, service_a):
    service_a.last_verified_at = timezone.localdate() - timedelta(days=300)
    service_a.save()
    client.force_login(member_a)
    client.post(reverse("directory:service_verify", args=[structure_a.slug, service_a.pk]))
    service_a.refresh_from_db()
    assert service_a.last_verified_at == timezone.localdate()


def test_verify_never_redirects_off_site(client, member_a, structure_a, service_a):
    client.force_login(member_a)
    url = reverse("directory:service_verify", args=[structure_a.slug, service_a.pk])
    assert client.post(url, {"next": "https://evil.example/"})["Location"] == reverse("directory:to_verify")
    assert client.post(url, {"next": "/espace/"})["Location"] == "/espace/"


def test_withdraw_asks_confirmation_first(client, member_a, structure_a, service_a):
    client.force_login(member_a)
    url = reverse("directory:service_toggle", args=[structure_a.slug, service_a.pk])
    assert "Confirmer" in client.get(url).content.decode()
    service_a.refresh_from_db()
    assert service_a.is_active
    client.post(url)
    service_a.refresh_from_db()
    assert not service_a.is_active


def test_only_region_admin_manages_vocabularies_and_creates_structures(client, member_a, region_admin, vocabularies):
    client.force_login(member_a)
    assert client.get(reverse("directory:vocabularies")).status_code == 403
    assert client.get(reverse("directory:structure_create")).status_code == 403
    client.force_login(region_admin)
    assert client.get(reverse("directory:vocabularies")).status_code == 200
    response = client.post(
        reverse("directory:vocabulary_create", args=["themes"]),
        {"code": "numerique", "label": "Se former au numérique", "position": "20", "is_active": "on"},
    )
    assert response.status_code == 302
    assert client.get(reverse("directory:structures")).status_code == 200


def test_region_admin_edits_any_structure(client, region_admin, structure_a, place_a):
    client.force_login(region_admin)
    url = reverse("directory:place_edit", args=[structure_a.slug, place_a.pk])
    assert client.post(url, _place_post(name="Corrigé par la Région")).status_code == 302
    place_a.refresh_from_db()
    assert place_a.name == "Corrigé par la Région"


def test_login_with_email_and_password_reset_email(client, member_a, mailoutbox):
    response = client.post(reverse("accounts:login"), {"username": member_a.email, "password": PASSWORD})
    assert response.status_code == 302 and response.url == reverse("workspace:dashboard")
    assert "Structure A" in client.get(reverse("workspace:dashboard")).content.decode()
    client.logout()
    bad = client.post(reverse("accounts:login"), {"username": member_a.email, "password": "faux"})
    assert "Adresse e-mail ou mot de passe incorrect" in bad.content.decode()
    client.post(reverse("accounts:password_reset"), {"email": member_a.email})
    assert len(mailoutbox) == 1 and "/compte/mot-de-passe/nouveau/" in mailoutbox[0].body


def test_management_page_shows_the_history_of_places_and_services(client, member_a, structure_a, service_a):
    client.force_login(member_a)
    response = client.get(reverse("directory:structure", args=[structure_a.slug]))
    assert response.status_code == 200
    assert "Service « Accueil A »" in response.content.decode()
