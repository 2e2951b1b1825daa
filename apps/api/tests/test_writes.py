"""Writes on places and services: only members of the owning structure, or region admins."""

from datetime import date

import pytest
from django.utils import timezone

from apps.directory.models import Place, SearchEntry, Service

pytestmark = pytest.mark.django_db


def _place_payload(**extra):
    return {
        "structure": "structure-a",
        "name": "Antenne nouvelle",
        "address": "3 cours Napoléon",
        "postal_code": "20000",
        "commune": "2A004",
    } | extra


def _service_payload(place, **extra):
    return {
        "structure": "structure-a",
        "name": "Nouveau conseil",
        "description": "Un nouveau service de conseil en évolution professionnelle.",
        "places": [place.pk],
        "statuses": ["salarie"],
        "themes": ["changer-metier"],
        "access_modes": ["appointment"],
    } | extra


def _snapshot():
    return (
        sorted(Place.objects.values_list("pk", "name")),
        sorted(Service.objects.values_list("pk", "name", "last_verified_at")),
    )


@pytest.fixture
def old_service(service_a):
    Service.objects.filter(pk=service_a.pk).update(last_verified_at=date(2020, 1, 1))
    return service_a


@pytest.mark.parametrize("who", ["anonymous", "member_b"])
def test_outsiders_cannot_write_on_structure_a(api, request, who, place_a, old_service):
    if who != "anonymous":
        api.force_login(request.getfixturevalue(who))
    before = _snapshot()
    attempts = [
        api.post("/api/v1/places/", _place_payload(), format="json"),
        api.patch(f"/api/v1/places/{place_a.pk}/", {"name": "Piraté"}, format="json"),
        api.put(f"/api/v1/places/{place_a.pk}/", _place_payload(name="Piraté"), format="json"),
        api.delete(f"/api/v1/places/{place_a.pk}/"),
        api.post("/api/v1/services/", _service_payload(place_a), format="json"),
        api.patch(f"/api/v1/services/{old_service.pk}/", {"name": "Piraté"}, format="json"),
        api.delete(f"/api/v1/services/{old_service.pk}/"),
    ]
    assert [r.status_code for r in attempts] == [403] * len(attempts)
    assert all("detail" in r.json() for r in attempts)
    assert _snapshot() == before


@pytest.mark.parametrize("who", ["member_a", "region_admin"])
def test_member_of_a_and_region_admin_can_write(api, request, who, place_a, old_service):
    api.force_login(request.getfixturevalue(who))
    created = api.post("/api/v1/places/", _place_payload(), format="json")
    assert created.status_code == 201, created.json()
    place = Place.objects.get(pk=created.json()["id"])
    assert place.structure.slug == "structure-a" and place.latitude == pytest.approx(41.9192)
    patched = api.patch(f"/api/v1/places/{place.pk}/", {"name": "Antenne renommée"}, format="json")
    assert patched.status_code == 200 and Place.objects.get(pk=place.pk).name == "Antenne renommée"

    service = api.post("/api/v1/services/", _service_payload(place), format="json")
    assert service.status_code == 201, service.json()
    new = Service.objects.get(pk=service.json()["id"])
    assert new.last_verified_at == timezone.localdate()
    assert list(new.places.all()) == [place] and [s.code for s in new.statuses.all()] == ["salarie"]
    assert new.reach_code == "2A" and "nouveau conseil" in SearchEntry.objects.get(service=new).text

    edited = api.patch(f"/api/v1/services/{old_service.pk}/", {"name": "Conseil A modifié"}, format="json")
    assert edited.status_code == 200, edited.json()
    old_service.refresh_from_db()
    assert old_service.name == "Conseil A modifié" and old_service.last_verified_at == timezone.localdate()

    assert api.delete(f"/api/v1/services/{new.pk}/").status_code == 204
    assert api.delete(f"/api/v1/places/{place.pk}/").status_code == 204
    assert not Service.objects.filter(pk=new.pk).exists() and not Place.objects.filter(pk=place.pk).exists()


def test_member_of_b_cannot_create_under_a_even_with_own_places(api, member_b, place_b, structure_a):
    api.force_login(member_b)
    response = api.post("/api/v1/services/", _service_payload(place_b, places=[]), format="json")
    assert response.status_code in (400, 403)
    assert not Service.objects.filter(name="Nouveau conseil").exists()


def test_places_must_belong_to_the_service_structure(api, member_a, place_a, place_b, vocabularies):
    api.force_login(member_a)
    response = api.post("/api/v1/services/", _service_payload(place_a, places=[place_b.pk]), format="json")
    assert response.status_code == 400
    assert "places" in response.json()


def test_objects_cannot_move_to_another_structure(api, member_a, place_a, structure_b):
    api.force_login(member_a)
    response = api.patch(f"/api/v1/places/{place_a.pk}/", {"structure": "structure-b"}, format="json")
    assert response.status_code == 400 and "structure" in response.json()
    assert Place.objects.get(pk=place_a.pk).structure.slug == "structure-a"


def test_validation_messages_are_french(api, member_a, structure_a, ajaccio):
    api.force_login(member_a)
    response = api.post(
        "/api/v1/places/", _place_payload(postal_code="41000", commune="2A004", phone="12"), format="json"
    )
    assert response.status_code == 400
    body = response.json()
    assert "Saisissez un numéro de téléphone français" in body["phone"][0]
    remote_less = api.post(
        "/api/v1/services/",
        {"structure": "structure-a", "name": "Sans lieu", "description": "Un service sans lieu ni mode à distance."},
        format="json",
    )
    assert remote_less.status_code == 400 and "places" in remote_less.json()
