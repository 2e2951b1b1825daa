"""One write path for the search data: whatever renames a structure, a network or a service, the
free-text search finds the new name and no longer the old one, and the index equals a rebuild."""

import pytest

from apps.directory import exchange, search_index
from apps.directory.models import SearchEntry
from apps.directory.selectors import SearchCriteria, search_services
from tests.factories import CommuneFactory, PlaceFactory, ServiceFactory, StructureFactory, UserFactory


@pytest.fixture
def offer(db):
    blois = CommuneFactory()
    structure = StructureFactory(slug="ancien", name="Ancien nom")
    place = PlaceFactory(structure=structure, commune=blois)
    service = ServiceFactory(structure=structure, name="Permanence", at=[place])
    return {"structure": structure, "service": service, "blois": blois}


def _found(offer, words: str) -> bool:
    page = search_services(SearchCriteria(commune=offer["blois"], q=words))
    return offer["service"] in [hit.service for hit in page.hits]


def _admin_rename(client, structure, name):
    client.force_login(UserFactory(email="super@test.spro.example", is_staff=True, is_superuser=True))
    data = {
        "slug": structure.slug,
        "name": name,
        "network": structure.network_id,
        "is_active": "on",
        "places-TOTAL_FORMS": "0",
        "places-INITIAL_FORMS": "0",
        "places-MIN_NUM_FORMS": "0",
        "places-MAX_NUM_FORMS": "1000",
    }
    response = client.post(f"/admin/directory/structure/{structure.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]


def _orm_rename(client, structure, name):
    structure.name = name
    structure.save()


def _import_rename(client, structure, name):
    record = {"source": "spro-cvl", "id": f"spro-cvl--{structure.slug}", "nom": name, "date_maj": "2026-01-15"}
    exchange.import_data_inclusion([record], [])


def _member_view_rename(client, structure, name):
    from apps.accounts.models import Membership

    user = UserFactory(email="membre@test.spro.example")
    Membership.objects.create(user=user, structure=structure)
    client.force_login(user)
    response = client.post(f"/espace/structures/{structure.slug}/modifier/", {"name": name})
    assert response.status_code == 302, response.content.decode()[:2000]


RENAMES = {"orm": _orm_rename, "admin": _admin_rename, "import": _import_rename, "member_view": _member_view_rename}


@pytest.mark.parametrize("how", RENAMES)
def test_a_renamed_structure_is_found_by_its_new_name_only(client, offer, how):
    assert _found(offer, "ancien nom")
    RENAMES[how](client, offer["structure"], "Maison de l'orientation")
    assert _found(offer, "maison orientation") and not _found(offer, "ancien")
    _assert_index_is_fresh()


def test_a_renamed_network_is_found_by_its_new_label_only(offer):
    network = offer["structure"].network
    network.label = "Réseau renommé"
    network.save()
    assert _found(offer, "reseau renomme") and not _found(offer, network.code.replace("-", " "))
    _assert_index_is_fresh()


def test_a_renamed_service_is_found_by_its_new_name_only(offer):
    service = offer["service"]
    service.name, service.description = "Conseil en évolution", "Bilan de compétences"
    service.save()
    assert _found(offer, "evolution bilan") and not _found(offer, "permanence")
    _assert_index_is_fresh()


def test_the_free_text_lives_in_the_search_index_only(offer):
    """No second store: the service table has no search column left to drift."""
    assert "search_text" not in {f.name for f in offer["service"]._meta.get_fields()}
    assert SearchEntry.objects.get(service=offer["service"]).text == "permanence " + (
        "un service d information et de conseil pour les tests ancien nom mission locale"
    )


def _assert_index_is_fresh():
    fields = [f.attname for f in SearchEntry._meta.concrete_fields if f.name != "id"]
    kept = sorted(SearchEntry.objects.values_list(*fields), key=repr)
    search_index.refresh()
    assert kept == sorted(SearchEntry.objects.values_list(*fields), key=repr)
