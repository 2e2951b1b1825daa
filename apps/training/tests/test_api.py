"""The training API: search results[] with count, job endpoints, in the OpenAPI document."""

from datetime import date, timedelta

import pytest
from django.core.cache import cache

from apps.geo.models import Commune
from apps.training import services
from apps.training.models import Training, TrainingProvider, TrainingRome, TrainingSession
from tests.factories import CommuneFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def offer(vocabularies):
    cache.clear()
    services.load_rome()
    services.load_funding_schemes()
    blois = CommuneFactory()
    vendome = CommuneFactory(code="41269", name="Vendôme", postal_codes="41100", latitude=47.793, longitude=1.066)
    provider = TrainingProvider.objects.create(siret="99900000000011", name="Centre fictif")
    for key, commune, days in (("loin", vendome, 3), ("ici", blois, 30)):
        training = Training.objects.create(
            action_id=key, title=f"Aide-soignant {key}", teaching_mode=0, provider=provider,
            search_text=f"aide soignant {key}", certifying=True, financer_codes=["2"],
        )  # fmt: skip
        TrainingRome.objects.create(training=training, code="J1501", version="V4")
        TrainingSession.objects.create(
            training=training, session_id=key, start=date(2026, 11, 26) + timedelta(days=days), commune=commune,
            commune_code=commune.code, town=commune.name, latitude=commune.latitude, longitude=commune.longitude,
        )  # fmt: skip
    services.index_offer()  # the places the search reads (the import writes them itself)
    return Commune.objects.all()


def test_search_answers_results_and_count_nearest_first(client, offer):
    response = client.get(
        "/api/v1/formations/search",
        {"rome": "J1501", "commune": "41018", "radius_km": 50, "status": "demandeur-emploi"},
    )
    body = response.json()
    assert response.status_code == 200 and body["count"] == 2
    first, second = body["results"]
    assert (first["title"], first["commune_code"], first["distance_km"]) == ("Aide-soignant ici", "41018", 0.0)
    assert first["next_session_start"] == "2026-12-26" and first["provider_name"] == "Centre fictif"
    assert "region-demandeurs-emploi" in first["funding"] and "cpf" in first["funding"]
    assert 25 < second["distance_km"] < 40


def test_search_widens_and_says_so(client, offer):
    body = client.get("/api/v1/formations/search", {"q": "loin", "commune": "41018", "radius_km": 10}).json()
    assert (body["count"], body["widened_from"], body["radius_km"]) == (1, 10, 50)


@pytest.mark.parametrize(
    ("params", "field"), [({"commune": "99999"}, "commune"), ({"rome": "Z0000"}, "rome"), ({"status": "x"}, "status")]
)
def test_unknown_codes_are_named(client, offer, params, field):
    response = client.get("/api/v1/formations/search", params)
    assert response.status_code == 400 and field in str(response.json())


def test_job_endpoints(client, offer):
    jobs = client.get("/api/v1/metiers", {"q": "aide soignant"}).json()
    assert jobs[0]["code"] == "J1501" and jobs[0]["sectors"] == ["Activites pour la sante humaine"]
    job = client.get("/api/v1/metiers/j1501").json()
    assert job["links"]["Fiche métier de France Travail"].endswith("/fiche-metier/J1501")
    assert client.get("/api/v1/metiers/Z9999").status_code == 404
    training = Training.objects.get(action_id="ici")
    detail = client.get(f"/api/v1/formations/{training.pk}").json()
    assert detail["rome_codes"] == ["J1501"] and detail["sessions"][0]["town"] == "Blois"


def test_the_endpoints_are_in_the_openapi_document(client):
    paths = client.get("/api/v1/schema/?format=json").json()["paths"]
    for path in ("/api/v1/formations/search", "/api/v1/formations/{id}", "/api/v1/metiers", "/api/v1/metiers/{code}"):
        assert path in paths
    props = paths["/api/v1/formations/search"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert props["$ref"].endswith("TrainingSearchResponse")
