"""One definition of "public": a withdrawn structure leaves every public channel at once.

Each channel (search, free-text search, API, public pages, call-back, routing, data·inclusion
export) says whether it shows the offer; the table is checked before and after a withdrawal made
the admin's way (`structure.save()`, no view involved).
"""

import pytest

from apps.directory import exchange
from apps.directory.models import Place, Service, Structure
from apps.directory.selectors import SearchCriteria, search_services
from apps.orientation.routing import nearest_places
from tests.factories import CommuneFactory, PlaceFactory, ServiceFactory


@pytest.fixture
def offer(db):
    blois = CommuneFactory()
    place = PlaceFactory(commune=blois)
    service = ServiceFactory(structure=place.structure, name="Conseil emploi", at=[place], remote_modes=[])
    return {"place": place, "service": service, "structure": place.structure, "blois": blois}


def _searched(offer, q=""):
    page = search_services(SearchCriteria(commune=offer["blois"], q=q))
    return offer["service"] in [hit.service for hit in page.hits]


def _ok(client, url):
    return client.get(url).status_code == 200


def _api_search(client, offer):
    data = client.get("/api/v1/services/search", {"commune": "41018"}).json()
    return offer["service"].pk in [hit["service_id"] for hit in data["results"]]


def _api_list(client, kind, pk_key, pk):
    return pk in [row[pk_key] for row in client.get(f"/api/v1/{kind}/").json()["results"]]


CHANNELS = {
    "search": lambda client, o: _searched(o),
    "free_text_search": lambda client, o: _searched(o, q="conseil"),
    "api_search": _api_search,
    "place_page": lambda client, o: _ok(client, f"/lieux/{o['place'].pk}/"),
    "service_page": lambda client, o: _ok(client, f"/services/{o['service'].pk}/"),
    "structure_page": lambda client, o: _ok(client, f"/structures/{o['structure'].slug}/"),
    "callback_page": lambda client, o: _ok(client, f"/etre-rappele/{o['place'].pk}/"),
    "api_place": lambda client, o: _ok(client, f"/api/v1/places/{o['place'].pk}/"),
    "api_service": lambda client, o: _ok(client, f"/api/v1/services/{o['service'].pk}/"),
    "api_structure": lambda client, o: _ok(client, f"/api/v1/structures/{o['structure'].slug}/"),
    "api_place_list": lambda client, o: _api_list(client, "places", "id", o["place"].pk),
    "api_service_list": lambda client, o: _api_list(client, "services", "id", o["service"].pk),
    "api_structure_list": lambda client, o: _api_list(client, "structures", "slug", o["structure"].slug),
    "routing": lambda client, o: o["place"] in [d.place for d in nearest_places(o["structure"].network, o["blois"], 5)],
    "export_services": lambda client, o: o["service"].name in {r["nom"] for r in exchange.export_services()},
    "export_structures": lambda client, o: (
        exchange.structure_record_id(o["structure"]) in {r["id"] for r in exchange.export_structures()}
    ),
}


@pytest.mark.parametrize("channel", CHANNELS)
def test_a_withdrawn_structure_disappears_from_every_public_channel(client, offer, channel):
    see = CHANNELS[channel]
    assert see(client, offer), "the offer must be public before the withdrawal"
    structure = offer["structure"]
    structure.is_active = False
    structure.save()  # the admin's path: no view, no service function
    assert not see(client, offer)


@pytest.mark.parametrize(
    ("withdrawn", "public_places", "public_services"),
    [("nothing", 1, 1), ("structure", 0, 0), ("place", 0, 1), ("service", 1, 0)],
)
def test_public_querysets_follow_one_definition(offer, withdrawn, public_places, public_services):
    if withdrawn != "nothing":
        obj = offer[withdrawn]
        obj.is_active = False
        obj.save()
    assert Structure.objects.public().count() == (0 if withdrawn == "structure" else 1)
    assert Place.objects.public().count() == public_places
    assert Service.objects.public().count() == public_services
