"""The search by service on small hand-built data: criteria, distance, remote doors."""

import pytest

from apps.directory.models import InfoType, Service, Status, Theme
from apps.directory.selectors import SearchCriteria, search_services
from tests.factories import CommuneFactory, DepartementFactory, PlaceFactory, ServiceFactory, StructureFactory


@pytest.fixture
def towns(db):
    loir_et_cher = DepartementFactory(code="41", name="Loir-et-Cher")
    return {
        "blois": CommuneFactory(),
        "vendome": CommuneFactory(
            code="41269",
            name="Vendôme",
            postal_codes="41100",
            departement=loir_et_cher,
            latitude=47.7929,
            longitude=1.0656,
        ),
        "romorantin": CommuneFactory(
            code="41194",
            name="Romorantin-Lanthenay",
            postal_codes="41200",
            departement=loir_et_cher,
            latitude=47.3586,
            longitude=1.7419,
        ),
    }


@pytest.fixture
def offer(towns, vocabularies):
    job_seeker = Status.objects.get(code="demandeur-emploi")
    pupil = Status.objects.get(code="lyceen")
    find_job = Theme.objects.get(code="trouver-emploi")
    services = {}
    for town in ["blois", "vendome", "romorantin"]:
        place = PlaceFactory(commune=towns[town], structure=StructureFactory(name=f"France Travail {town}"))
        service = ServiceFactory(structure=place.structure, name=f"Emploi {town}", at=[place])
        service.statuses.set([job_seeker])
        service.themes.set([find_job])
        services[town] = service
    cio_place = PlaceFactory(commune=towns["blois"], structure=StructureFactory(name="CIO de Blois"))
    services["cio"] = ServiceFactory(structure=cio_place.structure, name="Orientation scolaire", at=[cio_place])
    services["cio"].statuses.set([pupil])
    untagged_place = PlaceFactory(commune=towns["vendome"], structure=StructureFactory(name="Maison de l'emploi"))
    services["all"] = ServiceFactory(
        structure=untagged_place.structure, name="Accueil tout public", at=[untagged_place]
    )
    return services


def _names(page):
    return [hit.service.name for hit in page.hits]


def test_results_are_sorted_nearest_first_with_distances(offer, towns):
    page = search_services(SearchCriteria(commune=towns["blois"], status="demandeur-emploi", radius_km=50))
    # Equal distances keep a stable order (creation order).
    assert _names(page) == ["Emploi blois", "Emploi vendome", "Accueil tout public", "Emploi romorantin"]
    distances = [hit.distance_km for hit in page.hits]
    assert distances[0] == 0.0
    assert distances == sorted(distances)
    assert 29 < distances[1] < 32  # Blois → Vendôme, about 30 km


def test_untagged_services_accept_every_status_but_tagged_ones_must_match(offer, towns):
    page = search_services(SearchCriteria(commune=towns["blois"], status="lyceen", radius_km=50))
    assert _names(page) == ["Orientation scolaire", "Accueil tout public"]


def test_radius_excludes_farther_places(offer, towns):
    page = search_services(SearchCriteria(commune=towns["blois"], status="demandeur-emploi", radius_km=20))
    assert _names(page) == ["Emploi blois"]


def test_free_text_is_accent_insensitive(offer, towns):
    offer["cio"].description = "Choisir ses études après le lycée"
    offer["cio"].save()
    page = search_services(SearchCriteria(commune=towns["blois"], q="ETUDES lycee"))
    assert _names(page) == ["Orientation scolaire"]


def test_info_type_filter(offer, towns):
    workshop = InfoType.objects.get(code="atelier")
    offer["vendome"].info_types.set([workshop])
    offer["blois"].info_types.set([InfoType.objects.get(code="telephone")])
    page = search_services(SearchCriteria(commune=towns["blois"], info_type="atelier", radius_km=50))
    assert "Emploi vendome" in _names(page) and "Emploi blois" not in _names(page)


def test_inactive_services_are_hidden(offer, towns):
    offer["blois"].is_active = False
    offer["blois"].save()
    page = search_services(SearchCriteria(commune=towns["blois"], status="demandeur-emploi"))
    assert "Emploi blois" not in _names(page)


def test_pagination_counts_every_hit(offer, towns):
    page = search_services(SearchCriteria(commune=towns["blois"], radius_km=50), offset=2, limit=2)
    assert page.count == 5 and len(page.hits) == 2


def test_remote_services_cover_their_area_only(offer, towns, vocabularies):
    line = ServiceFactory(
        name="Ligne régionale",
        remote_modes=["phone"],
        reach=Service.Reach.REGION,
        reach_code="24",
        phone="0 800 222 100",
    )
    other_region = ServiceFactory(
        name="Ligne d'une autre région", remote_modes=["phone"], reach="region", reach_code="11"
    )
    page = search_services(SearchCriteria(commune=towns["blois"]))
    assert line in page.remote and other_region not in page.remote
