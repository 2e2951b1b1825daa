"""Edges of the search ranking that examples on commune centroids cannot see."""

import pytest

from apps.directory.selectors import SearchCriteria, search_services
from tests.factories import CommuneFactory, PlaceFactory, ServiceFactory, StructureFactory


@pytest.fixture
def blois(db):
    return CommuneFactory()


@pytest.fixture
def vineuil(db):
    return CommuneFactory(code="41295", name="Vineuil", postal_codes="41350", latitude=47.5833, longitude=1.3764)


def test_a_place_in_the_persons_commune_comes_first_even_far_from_its_centre(blois, vineuil):
    # 11 km north of Blois' centroid, but in Blois: the person's "where" is a commune, so 0 km.
    in_blois = PlaceFactory(commune=blois, latitude=blois.latitude + 0.1, longitude=blois.longitude)
    next_door = PlaceFactory(commune=vineuil)  # 3 km from Blois' centroid
    ServiceFactory(structure=next_door.structure, at=[next_door])
    ServiceFactory(structure=in_blois.structure, at=[in_blois])
    hits = search_services(SearchCriteria(commune=blois)).hits
    assert [(hit.place, hit.distance_km) for hit in hits] == [(in_blois, 0.0), (next_door, 3.1)]


def test_the_services_of_one_place_stay_together_whatever_their_creation_order(blois):
    structure = StructureFactory()
    first, second = PlaceFactory(structure=structure, commune=blois), PlaceFactory(structure=structure, commune=blois)
    # Locations created alternately: ordering by location alone would interleave the two places.
    for name in ["A", "B", "C", "D"]:
        ServiceFactory(structure=structure, name=name, at=[first if name in "AC" else second])
    groups = search_services(SearchCriteria(commune=blois)).by_place()
    assert [(group.place, sorted(s.name for s in group.services)) for group in groups] == [
        (first, ["A", "C"]),
        (second, ["B", "D"]),
    ]
