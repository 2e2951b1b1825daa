"""The order of the search results on the demo region with the default routing rules (page and API)."""

import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def default_rules(demo_region, django_db_blocker):
    from apps.orientation.routing import load_default_rules

    with django_db_blocker.unblock():
        assert load_default_rules(replace=True) > 0


def api_networks(client, **params) -> list[str]:
    response = client.get("/api/v1/services/search", params)
    assert response.status_code == 200
    return [hit["network"] for hit in response.json()["results"]]


def test_an_employee_in_orleans_who_wants_to_change_job_finds_the_cep_first_in_the_api(client):
    """UX review, persona 2 (Karim): the CEP for employed people was 9th, behind every structure
    that merely lists the theme."""
    found = api_networks(client, commune="45234", status="salarie", theme="changer-metier", radius_km=30)
    assert found[0] == "cep-actifs-occupes"
    # The routing's second door comes next, before Cap emploi (disability) or the APEC (executives).
    assert found.index("transitions-pro") < min(found.index(n) for n in ("cap-emploi", "apec") if n in found)


def test_the_results_page_lists_the_cep_first_and_explains_the_order(client):
    response = client.get("/recherche/", {"lieu": "Orléans", "statut": "salarie", "theme": "changer-metier"})
    html = response.content.decode()
    first_card = html.split('<li class="card">', 1)[1]
    assert "Groupement évolution" in first_card.split("</li>", 1)[0]
    assert re.search(r"À \d+(\.\d)? km|Dans votre commune", first_card)  # the distance is still shown
    assert "réseaux conseillés pour votre situation et votre question" in html
    assert "du plus proche au plus éloigné" in html


def test_a_search_without_a_commune_does_not_claim_a_distance_order(client):
    """UX review: a keyword-only search ("VAE") said "du plus proche au plus éloigné"."""
    html = client.get("/recherche/", {"q": "VAE"}).content.decode()
    assert "par commune" in html
    assert "du plus proche au plus éloigné" not in html
