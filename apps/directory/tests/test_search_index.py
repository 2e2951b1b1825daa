"""The search index follows every kind of write: after each one it equals a rebuild from scratch."""

import pytest
from django.core.management import call_command

from apps.directory import search_index
from apps.directory.models import Network, SearchEntry, Service, Status, Theme
from apps.directory.selectors import SearchCriteria, search_services
from apps.directory.services import save_service
from apps.directory.signals import fill_empty_index
from apps.geo.models import Territory
from tests.factories import CommuneFactory, PlaceFactory, ServiceFactory, StructureFactory

FIELDS = ["service_id", "location_id", "place_id", "latitude", "longitude", "commune_code", "is_remote"]
FIELDS += ["reach", "reach_code", "territory_id", "cep_level", "network", "name", "statuses", "themes", "info_types"]
FIELDS += ["text"]


def snapshot() -> list[tuple]:
    return sorted(SearchEntry.objects.values_list(*FIELDS), key=repr)


def assert_index_is_fresh():
    kept = snapshot()
    search_index.refresh()
    assert kept == snapshot()


@pytest.fixture
def offer(vocabularies):
    blois = CommuneFactory()
    place = PlaceFactory(commune=blois)
    service = ServiceFactory(structure=place.structure, name="Conseil emploi", at=[place])
    service.statuses.set([Status.objects.get(code="demandeur-emploi")])
    return {"place": place, "service": service, "blois": blois}


def test_a_service_at_a_place_has_one_entry_with_its_tags(offer):
    entry = SearchEntry.objects.get()
    assert (entry.service_id, entry.place_id, entry.is_remote) == (offer["service"].pk, offer["place"].pk, False)
    assert entry.statuses == "|demandeur-emploi|"
    assert entry.themes == ""
    assert entry.network == offer["place"].structure.network.code
    assert_index_is_fresh()


@pytest.mark.parametrize(
    "change",
    [
        "retag",
        "untag",
        "rename_service",
        "deactivate_service",
        "deactivate_place",
        "move_place",
        "second_place",
        "delete_place_leaves_remote",
        "delete_service",
        "rename_term_code",
        "delete_term",
        "territory",
        "save_service_places",
        "change_network",
        "rename_network_code",
    ],
)
def test_each_kind_of_write_keeps_the_index_fresh(offer, change):
    service, place = offer["service"], offer["place"]
    status = Status.objects.get(code="demandeur-emploi")
    if change == "retag":
        service.themes.add(Theme.objects.get(code="trouver-emploi"))
    elif change == "untag":
        service.statuses.remove(status)
        assert SearchEntry.objects.get().statuses == ""
    elif change == "rename_service":
        service.name = "Conseil en évolution"
        service.save()
    elif change == "deactivate_service":
        service.is_active = False
        service.save()
    elif change == "deactivate_place":
        place.is_active = False
        place.save()
    elif change == "move_place":
        place.latitude += 0.5
        place.save()
    elif change == "second_place":
        service.places.add(PlaceFactory(structure=place.structure, commune=offer["blois"]))
    elif change == "delete_place_leaves_remote":
        service.remote_modes = ["phone"]
        service.save()
        place.delete()
        assert SearchEntry.objects.get(service=service).is_remote
    elif change == "delete_service":
        service.delete()
        assert not SearchEntry.objects.exists()
    elif change == "rename_term_code":
        status.code = "en-recherche-emploi"
        status.save()
        assert SearchEntry.objects.get().statuses == "|en-recherche-emploi|"
    elif change == "delete_term":
        status.delete()
        assert SearchEntry.objects.get().statuses == ""
    elif change == "territory":
        service.remote_modes = ["online"]
        service.reach = Service.Reach.TERRITORY
        service.save()
        service.places.clear()
        structure = service.structure
        structure.territory = Territory.objects.create(code="t-test", name="Territoire de test")
        structure.save()
        assert SearchEntry.objects.get().territory_id == structure.territory_id
    elif change == "save_service_places":
        other = PlaceFactory(structure=place.structure, commune=offer["blois"])
        save_service(service, place_ids=[other.pk])
        assert SearchEntry.objects.get().place_id == other.pk
    elif change == "change_network":
        structure = service.structure
        structure.network = Network.objects.create(code="cio-test", label="CIO")
        structure.save()
        assert SearchEntry.objects.get().network == "cio-test"
    elif change == "rename_network_code":
        network = service.structure.network
        network.code = "ml-renomme"
        network.save()
        assert SearchEntry.objects.get().network == "ml-renomme"
    assert_index_is_fresh()


def test_a_deferred_block_refreshes_once_at_its_end(offer, django_assert_max_num_queries):
    service = offer["service"]
    with search_index.deferred():
        service.name = "Conseil renommé"
        service.save()
        assert SearchEntry.objects.get().name == "Conseil emploi"  # not yet
    assert SearchEntry.objects.get().name == "Conseil renommé"


def test_an_empty_index_is_filled_after_migrate(offer):
    SearchEntry.objects.all().delete()
    assert search_services(SearchCriteria(commune=offer["blois"])).count == 0
    fill_empty_index(sender=None)
    assert search_services(SearchCriteria(commune=offer["blois"])).count == 1


def test_the_rebuild_command_rebuilds_the_whole_index(offer, capsys):
    SearchEntry.objects.all().delete()
    call_command("rebuild_search_index")
    assert "1 entrée" in capsys.readouterr().out
    assert SearchEntry.objects.count() == 1


def test_a_radius_keeps_only_places_within_it(offer, vocabularies):
    tours = CommuneFactory(code="37261", name="Tours", postal_codes="37000", latitude=47.3936, longitude=0.6892)
    far = ServiceFactory(structure=StructureFactory(), at=[PlaceFactory(commune=tours)])
    near_radius = search_services(SearchCriteria(commune=offer["blois"], radius_km=30))
    wide_radius = search_services(SearchCriteria(commune=offer["blois"], radius_km=60))
    assert [h.service for h in near_radius.hits] == [offer["service"]]
    assert [h.service for h in wide_radius.hits] == [offer["service"], far]
    assert wide_radius.hits[1].distance_km == pytest.approx(53.2, abs=0.1)


def test_ids_read_as_a_list_or_as_a_range_give_the_same_entries(offer):
    other = ServiceFactory(structure=offer["place"].structure, remote_modes=["phone"])
    ids = sorted([offer["service"].pk, other.pk])
    rows = {}
    for by_range in (False, True):
        SearchEntry.objects.all().delete()
        assert search_index._write(ids, by_range) == 2
        rows[by_range] = snapshot()
    assert rows[False] == rows[True]


def test_deleting_a_remote_capable_service_with_places_leaves_no_entry(offer):
    service = offer["service"]
    service.remote_modes = ["phone"]
    service.save()
    service.delete()
    assert not SearchEntry.objects.exists()


def test_deleting_a_structure_deletes_the_entries_of_its_services(offer):
    offer["service"].remote_modes = ["online"]
    offer["service"].save()
    offer["place"].structure.delete()
    assert not SearchEntry.objects.exists()
