"""GET /api/v1/orientation: the seed situations of the SPRO, on the demo region with the default rules."""

import pytest
from django.urls import reverse

from apps.geo.models import Commune

pytestmark = pytest.mark.django_db

URL = "/api/v1/orientation"


@pytest.fixture(scope="module", autouse=True)
def default_rules(demo_region, django_db_blocker):
    """The default routing rules, on top of the module's demo region (rolled back with it)."""
    from apps.orientation.routing import load_default_rules

    with django_db_blocker.unblock():
        assert load_default_rules(replace=True) > 0


def get(client, **params):
    return client.get(URL, {k: str(v).lower() if isinstance(v, bool) else v for k, v in params.items()})


def networks(response) -> list[str]:
    return [door["network"] for door in response.json()["doors"]]


def test_route_name_and_path():
    assert reverse("orientation_api:orientation") == URL


def test_early_school_leaver_in_blois_goes_to_the_mission_locale(client):
    """Seed situation 1: a young man who left school over a year ago (the BIJ was his first door)."""
    response = get(client, age=19, status="jeune-sans-solution", theme="reprendre-formation", commune="41018")
    assert response.status_code == 200
    doors = response.json()["doors"]
    assert doors[0]["network"] == "mission-locale"
    assert doors[0]["network_label"] == "Mission locale"
    assert doors[0]["cep_level"] in (1, 2, 3) and doors[0]["why"]
    places = doors[0]["places"]
    assert places[0]["commune_code"] == "41018" and places[0]["distance_km"] == 0
    assert all(p["distance_km"] < 30 for p in places)  # in or near Blois
    assert places[0]["url"].endswith(f"/lieux/{places[0]['place_id']}/")
    assert set(places[0]) == {
        "name",
        "structure_name",
        "commune_code",
        "commune_name",
        "distance_km",
        "place_id",
        "url",
    }
    assert "information-jeunesse" in networks(response)  # the BIJ stays a possible first door


@pytest.mark.parametrize("theme", ["changer-metier", "evoluer-emploi"])
def test_young_employee_on_a_fixed_term_contract_in_tours(client, theme):
    """Seed situation 2: under 26, CDD ending; the CEP for employed people, and Transitions Pro (ex Fongecif)."""
    response = get(client, age=24, status="salarie", theme=theme, commune="37261")
    assert response.status_code == 200
    found = networks(response)
    assert found[0] in ("cep-actifs-occupes", "transitions-pro")
    assert {"cep-actifs-occupes", "transitions-pro"} <= set(found)
    assert response.json()["doors"][0]["places"][0]["commune_name"] == "Tours"


def test_high_school_student_in_orleans_goes_to_the_cio(client):
    """Seed situation 3: a 16-year-old in première wondering about further studies."""
    response = get(client, age=16, status="lyceen", theme="choisir-orientation", commune="45234")
    assert response.status_code == 200
    assert networks(response)[0] == "cio"
    assert response.json()["doors"][0]["places"][0]["commune_code"] == "45234"


def test_job_seeker_with_a_disability_goes_to_cap_emploi_first(client):
    with_handicap = get(
        client, age=35, status="demandeur-emploi", theme="trouver-emploi", handicap=True, commune="18033"
    )
    assert networks(with_handicap)[0] == "cap-emploi"
    assert "france-travail" in networks(with_handicap)
    without = get(client, age=35, status="demandeur-emploi", theme="trouver-emploi", handicap=False, commune="18033")
    assert "cap-emploi" not in networks(without)
    assert networks(without)[0] == "france-travail"


def test_places_are_sorted_by_distance(client):
    response = get(client, age=35, status="demandeur-emploi", commune="41269")  # Vendôme
    for door in response.json()["doors"]:
        distances = [p["distance_km"] for p in door["places"]]
        assert distances == sorted(distances)
    assert Commune.objects.filter(code="41269").exists()


def test_remote_doors_include_the_etoile_phone_line(client):
    response = get(client, age=19, status="jeune-sans-solution", commune="41018")
    remote = response.json()["remote"]
    assert any(r["phone"] == "0 800 222 100" for r in remote)
    assert set(remote[0]) == {"service_name", "structure_name", "phone", "website"}


def test_no_parameter_is_accepted_and_returns_the_remote_doors(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert response.json()["remote"]


@pytest.mark.parametrize(
    ("params", "parameter", "words"),
    [
        ({"status": "astronaute"}, "status", "code inconnu « astronaute »"),
        ({"theme": "peche"}, "theme", "code inconnu « peche »"),
        ({"commune": "99999"}, "commune", "aucune commune"),
        ({"commune": "Blois"}, "commune", "code INSEE"),
        ({"age": "dix-neuf"}, "age", "nombre entier"),
        ({"age": "-3"}, "age", "supérieur ou égal"),
        ({"age": "300"}, "age", "inférieur ou égal"),
        ({"handicap": "peut-etre"}, "handicap", "true ou false"),
    ],
)
def test_bad_parameters_give_a_400_naming_the_parameter(client, params, parameter, words):
    response = client.get(URL, params)
    assert response.status_code == 400
    messages = response.json()[parameter]
    assert f"« {parameter} »" in messages[0] and words in messages[0]


def test_the_api_is_public_and_read_only(client):
    assert client.post(URL, {}).status_code == 405
