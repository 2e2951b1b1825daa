"""Public reads: structures, places, services, communes, vocabularies."""

import pytest

from tests.factories import NetworkFactory, PlaceFactory, ServiceFactory, StructureFactory

pytestmark = pytest.mark.django_db


def test_structures_list_detail_and_filters(api, structure_a):
    network = NetworkFactory(code="reseau-de-test", label="Réseau de test")
    StructureFactory(slug="cio-ajaccio", name="CIO d'Ajaccio", network=network)
    StructureFactory(slug="fermee", network=network, is_active=False)
    body = api.get("/api/v1/structures/", {"network": "reseau-de-test"}).json()
    assert body["count"] == 1 and [s["slug"] for s in body["results"]] == ["cio-ajaccio"]
    everything = api.get("/api/v1/structures/", {"limit": 1000}).json()
    assert {"structure-a", "cio-ajaccio"} <= {s["slug"] for s in everything["results"]}
    detail = api.get("/api/v1/structures/cio-ajaccio/").json()
    assert detail["name"] == "CIO d'Ajaccio" and detail["network"] == "reseau-de-test"
    assert detail["url"].endswith("/structures/cio-ajaccio/")
    assert api.get("/api/v1/structures/fermee/").status_code == 404


def test_places_filters(api, place_a, place_b, bastia):
    PlaceFactory(structure=place_a.structure, commune=bastia, name="Antenne de Bastia")
    by_commune = api.get("/api/v1/places/", {"commune": "2B033"}).json()
    assert [p["name"] for p in by_commune["results"]] == ["Antenne de Bastia"]
    by_structure = api.get("/api/v1/places/", {"structure": "structure-b"}).json()
    assert [p["id"] for p in by_structure["results"]] == [place_b.pk]
    detail = api.get(f"/api/v1/places/{place_a.pk}/").json()
    assert detail["commune"] == "2A004" and detail["structure"] == "structure-a"


def test_services_filters(api, service_a, place_b):
    ServiceFactory(structure=place_b.structure, name="Conseil B", at=[place_b])
    by_structure = api.get("/api/v1/services/", {"structure": "structure-b"}).json()
    assert [s["name"] for s in by_structure["results"]] == ["Conseil B"]
    by_status = api.get("/api/v1/services/", {"status": "demandeur-emploi", "structure": "structure-a"}).json()
    assert [s["id"] for s in by_status["results"]] == [service_a.pk]
    assert api.get("/api/v1/services/", {"status": "demandeur-emploi", "structure": "structure-b"}).json()["count"] == 0
    by_theme = api.get("/api/v1/services/", {"theme": "trouver-emploi", "structure": "structure-a"}).json()
    assert [s["name"] for s in by_theme["results"]] == ["Conseil A"]
    detail = api.get(f"/api/v1/services/{service_a.pk}/").json()
    assert detail["statuses"] == ["demandeur-emploi"] and detail["places"] == [service_a.places.get().pk]


def test_inactive_service_is_not_public(api, service_a):
    service_a.is_active = False
    service_a.save()
    assert api.get(f"/api/v1/services/{service_a.pk}/").status_code == 404


def test_communes_suggestions_and_detail(api, ajaccio, bastia):
    assert [c["name"] for c in api.get("/api/v1/communes/", {"q": "ajac"}).json()] == ["Ajaccio"]
    assert [c["code"] for c in api.get("/api/v1/communes/", {"q": "202"}).json()] == ["2B033"]
    assert api.get("/api/v1/communes/", {"q": "a"}).json() == []
    detail = api.get("/api/v1/communes/2A004/").json()
    assert detail["postal_codes"] == ["20000", "20090"] and detail["departement"] == "2A"
    assert api.get("/api/v1/communes/99999/").status_code == 404


def test_vocabularies(api, vocabularies):
    statuses = api.get("/api/v1/vocabularies/statuses/").json()
    assert statuses[0] == {"code": "collegien", "label": "Collégien·ne", "position": 0}
    assert "trouver-emploi" in [t["code"] for t in api.get("/api/v1/vocabularies/themes/").json()]
    assert "telephone" in [t["code"] for t in api.get("/api/v1/vocabularies/info-types/").json()]
    networks = api.get("/api/v1/vocabularies/networks/").json()
    assert networks[0]["code"] == "mission-locale" and networks[0]["cep_operator"] is True


def test_schema_and_docs_are_served(api):
    assert api.get("/api/v1/schema/").status_code == 200
    assert api.get("/api/v1/docs/").status_code == 200
