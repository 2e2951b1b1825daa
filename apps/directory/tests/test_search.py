"""The search by service on small hand-built data: criteria, distance, remote doors."""

import pytest

from apps.directory.models import InfoType, Network, Service, Status, Theme
from apps.directory.selectors import SearchCriteria, ranking_explanation, search_services
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


def test_results_of_equal_fit_are_sorted_nearest_first_with_distances(offer, towns):
    page = search_services(SearchCriteria(commune=towns["blois"], status="demandeur-emploi", radius_km=50))
    # The services for job seekers, nearest first; then the one that accepts everyone (untagged).
    assert _names(page) == ["Emploi blois", "Emploi vendome", "Emploi romorantin", "Accueil tout public"]
    distances = [hit.distance_km for hit in page.hits]
    assert distances[0] == 0.0
    assert distances[:3] == sorted(distances[:3])
    assert 29 < distances[1] < 32  # Blois → Vendôme, about 30 km
    assert page.hits[3].distance_km == distances[1]  # the distance is still shown


def test_without_criteria_every_service_is_sorted_nearest_first(offer, towns):
    page = search_services(SearchCriteria(commune=towns["blois"], radius_km=50))
    distances = [hit.distance_km for hit in page.hits]
    assert distances == sorted(distances) and len(distances) == 5


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


# Two services, `first` and `second`, described by (tags, CEP level, town, network); the search
# must list `first` before `second`. `second` is always created first, so that the creation order
# (the last tie-breaker) can never make a case pass by chance.
TARGETED = {"status": "salarie", "theme": "changer-metier"}
RANKING_CASES = [
    pytest.param(
        {"tags": TARGETED},
        {"tags": {}},
        id="targets the status and the theme before accepting everyone, same distance",
    ),
    pytest.param(
        {"tags": TARGETED},
        {"tags": {"status": "salarie"}},
        id="targets the status and the theme before the status only",
    ),
    pytest.param(
        {"tags": TARGETED, "level": 2},
        {"tags": TARGETED, "level": 1},
        id="personalised counsel before generic information, same targeting",
    ),
    pytest.param(
        {"tags": {}, "level": 2},
        {"tags": {}, "level": 1},
        id="personalised counsel before generic information, both for everyone",
    ),
    pytest.param(
        {"tags": TARGETED, "level": 1},
        {"tags": {}, "level": 2},
        id="targeting the person counts more than the level of counsel",
    ),
    pytest.param(
        {"tags": TARGETED, "town": "vendome"},
        {"tags": {}, "town": "blois"},
        id="a better fit farther away before a generic service in the same commune",
    ),
    pytest.param(
        {"tags": TARGETED, "town": "blois"},
        {"tags": TARGETED, "town": "vendome"},
        id="equal fit: the nearest first",
    ),
    pytest.param(
        {"tags": {}, "level": 1, "network": "cep-actifs-occupes", "town": "vendome"},
        {"tags": TARGETED, "level": 2, "network": "cap-emploi", "town": "blois"},
        id="the routing's network for the situation before any other",
    ),
    pytest.param(
        {"tags": {}, "network": "transitions-pro"},
        {"tags": TARGETED, "level": 2, "network": "maison-emploi"},
        id="the routing's second network before a network it does not give",
    ),
    pytest.param(
        {"tags": {}, "network": "cep-actifs-occupes"},
        {"tags": TARGETED, "level": 2, "network": "transitions-pro"},
        id="the routing's networks in the routing's order",
    ),
]
ROUTED = ("cep-actifs-occupes", "transitions-pro")


def test_the_type_of_help_asked_counts_more_than_the_level_of_counsel(towns, vocabularies):
    _service(towns, "Conseil pour tout le monde", level=2)
    documentation = _service(towns, "Documentation en libre accès", level=1)
    documentation.info_types.set([InfoType.objects.get(code="documentation")])
    criteria = SearchCriteria(commune=towns["blois"], info_type="documentation")
    assert _names(search_services(criteria)) == ["Documentation en libre accès", "Conseil pour tout le monde"]


def _service(towns, name, tags=(), level=1, town="blois", network="maison-emploi"):
    network = Network.objects.get_or_create(code=network, defaults={"label": network})[0]
    place = PlaceFactory(commune=towns[town], structure=StructureFactory(network=network, name=name))
    service = ServiceFactory(structure=place.structure, name=name, cep_level=level, at=[place])
    tags = dict(tags)
    if "status" in tags:
        service.statuses.set([Status.objects.get(code=tags["status"])])
    if "theme" in tags:
        service.themes.set([Theme.objects.get(code=tags["theme"])])
    return service


@pytest.mark.parametrize(("first", "second"), RANKING_CASES)
def test_ranking_by_fit_then_distance(towns, vocabularies, first, second):
    _service(towns, "Second", **second)
    _service(towns, "Premier", **first)
    criteria = SearchCriteria(commune=towns["blois"], radius_km=50, networks=ROUTED, **TARGETED)
    assert _names(search_services(criteria)) == ["Premier", "Second"]


def test_the_routing_networks_count_only_when_given(towns, vocabularies):
    _service(towns, "Réseau conseillé", network="cep-actifs-occupes", town="vendome")
    _service(towns, "Service ciblé", tags=TARGETED, town="blois")
    criteria = SearchCriteria(commune=towns["blois"], radius_km=50, **TARGETED)
    assert _names(search_services(criteria)) == ["Service ciblé", "Réseau conseillé"]


def test_without_a_commune_the_best_fit_comes_first(towns, vocabularies):
    _service(towns, "Pour tout le monde", town="blois")
    _service(towns, "Ciblé", tags=TARGETED, town="vendome")
    assert _names(search_services(SearchCriteria(**TARGETED))) == ["Ciblé", "Pour tout le monde"]


@pytest.mark.parametrize(
    ("located", "networks", "words", "not_words"),
    [
        (True, (), ["pertinence", "du plus proche au plus éloigné"], ["réseaux conseillés"]),
        (True, ROUTED, ["réseaux conseillés pour votre situation", "du plus proche"], []),
        (False, (), ["pertinence", "par commune"], ["du plus proche"]),
    ],
)
def test_one_line_explains_the_order(towns, located, networks, words, not_words):
    line = ranking_explanation(SearchCriteria(commune=towns["blois"] if located else None, networks=networks))
    assert all(word in line for word in words) and not any(word in line for word in not_words)
