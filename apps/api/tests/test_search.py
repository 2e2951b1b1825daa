"""GET /api/v1/services/search: same selector as the public page, validated parameters."""

import pytest

from apps.directory.models import Service
from apps.directory.selectors import SearchCriteria, search_services
from apps.geo.models import Commune
from apps.orientation.routing import routed_networks
from tests.factories import PlaceFactory, ServiceFactory

SEARCH = "/api/v1/services/search"
SEATS = {
    "18033": "Bourges",
    "28085": "Chartres",
    "28134": "Dreux",
    "28088": "Châteaudun",
    "36044": "Châteauroux",
    "36088": "Issoudun",
    "36018": "Le Blanc",
    "37261": "Tours",
    "41018": "Blois",
    "45234": "Orléans",
    "45208": "Montargis",
    "45252": "Pithiviers",
}


@pytest.mark.django_db
def test_demo_region_search(api, demo_region):
    """One test for the whole demo (loading it is the slow part): Blois, then every territory seat."""
    response = api.get(SEARCH, {"commune": "41018", "status": "demandeur-emploi", "theme": "trouver-emploi"})
    assert response.status_code == 200
    body = response.json()
    distances = [r["distance_km"] for r in body["results"]]
    assert body["count"] >= 5 and all(0 <= d <= 30 for d in distances)
    # The order is the search page's (fit, then distance: apps/directory/tests/test_search.py).
    criteria = SearchCriteria(
        commune=Commune.objects.get(code="41018"),
        status="demandeur-emploi",
        theme="trouver-emploi",
        networks=tuple(routed_networks("demandeur-emploi", "trouver-emploi")),
    )
    expected = [(hit.service.pk, hit.place.pk) for hit in search_services(criteria).hits]
    assert [(r["service_id"], r["place_id"]) for r in body["results"]] == expected
    assert body["commune"]["name"] == "Blois" and body["radius_km"] == 30
    first = body["results"][0]
    assert first["url"].endswith(f"/lieux/{first['place_id']}/")
    assert set(first) >= {"service_id", "structure_slug", "network", "access_modes", "cep_level", "latitude"}
    counts = {}
    for code, name in SEATS.items():
        params = {"commune": code, "status": "demandeur-emploi", "theme": "trouver-emploi", "radius_km": 30}
        seat = api.get(SEARCH, params).json()
        assert all(r["distance_km"] <= 30 for r in seat["results"])
        counts[name] = seat["count"]
    assert {name: n for name, n in counts.items() if n < 5} == {}


@pytest.mark.django_db
def test_pagination_and_remote_services(api, service_a, place_a):
    for n in range(3):
        ServiceFactory(structure=place_a.structure, name=f"Atelier {n}", at=[place_a])
    ServiceFactory(
        structure=place_a.structure,
        name="Ligne téléphonique de Corse",
        remote_modes=["phone"],
        phone="02 61 91 00 00",
        reach=Service.Reach.DEPARTEMENT,
        reach_code="2A",
    )
    body = api.get(SEARCH, {"commune": "2A004", "limit": 2}).json()
    assert body["count"] == 4 and len(body["results"]) == 2
    assert "offset=2" in body["next"] and body["previous"] is None
    remote = [r for r in body["remote"] if r["service_name"] == "Ligne téléphonique de Corse"]
    assert remote and remote[0]["place_id"] is None and remote[0]["distance_km"] is None
    assert remote[0]["phone"] == "02 61 91 00 00" and remote[0]["url"].endswith(f"/services/{remote[0]['service_id']}/")
    last = api.get(SEARCH, {"commune": "2A004", "limit": 2, "offset": 2}).json()
    assert last["next"] is None and "offset" not in last["previous"]


@pytest.mark.django_db
def test_radius_limits_results(api, place_a, service_a, bastia):
    far = PlaceFactory(structure=place_a.structure, commune=bastia)
    ServiceFactory(structure=place_a.structure, name="Service de Bastia", at=[far])
    near = api.get(SEARCH, {"commune": "2A004", "radius_km": 30}).json()
    assert [r["service_name"] for r in near["results"]] == ["Conseil A"]
    assert near["results"][0]["distance_km"] == 0
    wide = api.get(SEARCH, {"commune": "2A004", "radius_km": 150}).json()
    assert wide["count"] == 2 and wide["results"][1]["distance_km"] > 30


@pytest.mark.django_db
def test_criteria_and_text_filter(api, service_a, place_a):
    ServiceFactory(structure=place_a.structure, name="Atelier créer son entreprise", at=[place_a])
    by_text = api.get(SEARCH, {"commune": "2A004", "q": "entreprise"}).json()
    assert [r["service_name"] for r in by_text["results"]] == ["Atelier créer son entreprise"]
    by_theme = api.get(SEARCH, {"commune": "2A004", "theme": "creer-entreprise"}).json()
    # Conseil A is tagged with another theme; the untagged workshop is accepted by default.
    assert [r["service_name"] for r in by_theme["results"]] == ["Atelier créer son entreprise"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params, field, message",
    [
        ({"commune": "99999"}, "commune", "Aucune commune ne porte le code INSEE « 99999 »."),
        ({"status": "astronaute"}, "status", "Aucun statut ne porte le code « astronaute »."),
        ({"theme": "zz"}, "theme", "Aucun thème ne porte le code « zz »."),
        ({"info_type": "zz"}, "info_type", "Aucun type d'information ne porte le code « zz »."),
        ({"radius_km": "0"}, "radius_km", None),
        ({"radius_km": "201"}, "radius_km", None),
        ({"radius_km": "loin"}, "radius_km", None),
        ({"limit": "1000"}, "limit", None),
    ],
)
def test_bad_parameters_give_400_in_french(api, vocabularies, params, field, message):
    response = api.get(SEARCH, params)
    assert response.status_code == 400
    errors = response.json()
    assert list(errors) == [field]
    if message:
        assert errors[field] == [message]
    else:
        assert any(word in errors[field][0] for word in ("Assurez-vous", "entier", "valide"))


@pytest.mark.django_db
def test_a_repeated_search_is_served_from_the_cache_until_the_directory_changes(
    api, service_a, place_a, django_assert_max_num_queries
):
    params = {"commune": "2A004", "status": "demandeur-emploi"}
    first = api.get(SEARCH, params).json()
    with django_assert_max_num_queries(1):  # the index's version only
        assert api.get(SEARCH, params).json() == first
    service_a.name = "Conseil A, renommé"
    service_a.save()
    renamed = api.get(SEARCH, params).json()
    assert [r["service_name"] for r in renamed["results"]] == ["Conseil A, renommé"]
    place_a.is_active = False
    place_a.save()
    assert api.get(SEARCH, params).json()["count"] == 0


@pytest.mark.django_db
def test_bad_parameters_are_never_cached(api, service_a):
    assert api.get(SEARCH, {"commune": "99999"}).status_code == 400
    assert api.get(SEARCH, {"commune": "99999"}).status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["limit", "offset", "radius_km"])
def test_an_empty_integer_parameter_is_an_error_not_the_default(api, vocabularies, name):
    response = api.get(SEARCH, {name: ""})
    assert response.status_code == 400
    assert name in response.json()


@pytest.mark.django_db
@pytest.mark.parametrize("url", [SEARCH + "?commune=41018&offset=", "/api/v1/services/?offset="])
def test_a_huge_offset_is_a_400_naming_it(api, demo_region, url):
    """Beyond 64 bits the database refused the OFFSET: a 500 for anyone (review L1)."""
    response = api.get(url + "99999999999999999999")
    assert response.status_code == 400 and "offset" in response.json()
    assert api.get(url + "100000").status_code == 200
