import pytest
from django.urls import reverse

from apps.directory.models import Place, Service, Structure

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name", ["public:home", "public:search", "public:legal", "public:privacy", "public:accessibility"]
)
def test_public_pages_render_in_french(client, demo_region, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    content = response.content.decode()
    assert '<html lang="fr">' in content
    assert 'href="#contenu"' in content  # skip link
    assert "0 800 222 100" in content


def test_search_page_lists_blois_services_in_blois_first(client, demo_region):
    response = client.get(
        reverse("public:search"), {"lieu": "41000", "statut": "demandeur-emploi", "theme": "trouver-emploi"}
    )
    assert response.status_code == 200
    hits = response.context["result"].hits
    assert hits and hits[0].place.commune.code == "41018"
    assert "Dans votre commune" in response.content.decode()
    assert response.context["result"].remote  # the Etoile phone line and site


def test_search_with_htmx_returns_only_the_results_fragment(client, demo_region):
    response = client.get(reverse("public:search"), {"lieu": "Blois"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "<html" not in response.content.decode()
    assert "à moins de 30 km de Blois" in response.content.decode()


def test_unknown_commune_gives_a_clear_error(client, demo_region):
    response = client.get(reverse("public:search"), {"lieu": "Zzyzx"})
    assert "ne correspond à aucune commune" in response.content.decode()


def test_empty_state_offers_a_wider_radius_and_the_phone_line(client, demo_region):
    response = client.get(reverse("public:search"), {"lieu": "41000", "q": "zzzzzz", "rayon": "30"})
    content = response.content.decode()
    assert "Aucun service sur place" in content
    assert "Élargir la recherche à 50 km" in content
    assert "0 800 222 100" in content


def test_results_are_paginated(client, demo_region):
    first = client.get(reverse("public:search"), {"lieu": "Tours", "rayon": "100"})
    assert first.context["page"].paginator.num_pages > 1
    second = client.get(reverse("public:search"), {"lieu": "Tours", "rayon": "100", "page": "2"})
    first_ids = {h.location.pk for h in first.context["result"].hits}
    assert first_ids.isdisjoint({h.location.pk for h in second.context["result"].hits})


def test_commune_suggestions(client, demo_region):
    response = client.get(reverse("public:commune_suggestions"), {"lieu": "chateaur"})
    assert "Châteauroux (36000)" in response.content.decode()


def test_place_service_and_structure_pages(client, demo_region):
    place = Place.objects.filter(commune_id="41018").first()
    response = client.get(place.get_absolute_url())
    assert response.status_code == 200 and place.name in response.content.decode()
    service = Service.objects.filter(is_active=True).first()
    assert client.get(service.get_absolute_url()).status_code == 200
    structure = Structure.objects.first()
    assert client.get(structure.get_absolute_url()).status_code == 200


def test_opening_hours_shown_in_plain_french(client, demo_region):
    place = Place.objects.exclude(opening_hours="").first()
    content = client.get(place.get_absolute_url()).content.decode()
    assert " h" in content and "Horaires non renseignés" not in content


def test_missing_place_is_a_french_404(client, db):
    response = client.get(reverse("public:place", args=[999999]))
    assert response.status_code == 404


@pytest.mark.parametrize("page", ["99999999999999999999", "2", "-3", "abc", "²", ""])
def test_any_page_number_is_answered(client, demo_region, page):
    """A huge page was an OFFSET beyond 64 bits: a 500 for anyone (review L1)."""
    response = client.get(reverse("public:search"), {"lieu": "Blois", "page": page})
    assert response.status_code == 200


def test_le_spro_cest_quoi_explains_the_service_from_the_directory(client, demo_region, settings):
    from apps.directory.models import Network, Service
    from apps.directory.selectors import networks_overview

    response = client.get(reverse("public:about"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "quel que soit votre âge ou votre situation" in content and "gratuit" in content
    for title in Service.CEP_LEVEL_PLAIN.values():  # the three kinds of help, in plain words
        assert title in content
    assert "Niveau 1" not in content and "Niveau 2" not in content
    networks = networks_overview()
    assert len(networks) >= 10
    for network in Network.objects.filter(is_active=True):  # every network with a place, read from the directory
        assert (network.label.replace("'", "&#x27;") in content) == (network in networks)
    assert settings.SPRO_PHONE_LINE in content
    assert reverse("public:assistant") in content and reverse("public:search") in content


def test_le_spro_cest_quoi_is_linked_from_the_home_page_and_every_footer(client, db):
    about = reverse("public:about")
    assert f'href="{about}"' in client.get(reverse("public:home")).content.decode()
    assert f'href="{about}"' in client.get(reverse("public:legal")).content.decode()


def test_le_spro_cest_quoi_reads_the_phone_line_from_the_settings(client, db, settings):
    settings.SPRO_PHONE_LINE = "0 800 999 999"
    assert "0 800 999 999" in client.get(reverse("public:about")).content.decode()
