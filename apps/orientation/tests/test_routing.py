"""The routing engine on small hand-built rules (not the defaults): what matches, in which order, where."""

import math

import pytest

from apps.directory.models import Status, Theme
from apps.orientation.models import RoutingRule
from apps.orientation.routing import MAX_DOORS, Situation, matching_rules, nearest_places, orient, routed_networks
from tests.factories import CommuneFactory, DepartementFactory, NetworkFactory, PlaceFactory, StructureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def vocab(db):
    statuses = {code: Status.objects.create(code=code, label=code) for code in ("lyceen", "salarie", "jeune")}
    themes = {code: Theme.objects.create(code=code, label=code) for code in ("orientation", "reconversion")}
    return statuses, themes


@pytest.fixture
def networks(db):
    return {code: NetworkFactory(code=code, label=code.upper()) for code in ("cio", "ml", "cep", "ij", "ft", "apec")}


def rule(network, name=None, *, statuses=(), themes=(), weight=50, **fields) -> RoutingRule:
    fields.setdefault("why", f"Pourquoi {network.code}")
    created = RoutingRule.objects.create(
        name=name or f"Règle {network.code} {weight}", network=network, weight=weight, **fields
    )
    created.statuses.set(statuses)
    created.themes.set(themes)
    return created


def names(situation: Situation) -> list[str]:
    return [r.name for r in matching_rules(situation)]


def test_a_rule_without_conditions_accepts_every_situation(networks):
    rule(networks["ij"], "Tout public")
    assert names(Situation()) == ["Tout public"]
    assert names(Situation(age=67, status="inconnu", theme="autre", handicap=True)) == ["Tout public"]


def test_age_bounds_are_inclusive_and_need_a_known_age(networks):
    rule(networks["ml"], "16-25", age_min=16, age_max=25)
    assert names(Situation(age=15)) == []
    assert names(Situation(age=16)) == ["16-25"]
    assert names(Situation(age=25)) == ["16-25"]
    assert names(Situation(age=26)) == []
    assert names(Situation(age=None)) == []


def test_open_ended_age_bounds(networks):
    rule(networks["cep"], "26 et plus", age_min=26)
    rule(networks["ij"], "jusqu'à 30", age_max=30)
    assert names(Situation(age=20)) == ["jusqu'à 30"]
    assert set(names(Situation(age=28))) == {"26 et plus", "jusqu'à 30"}
    assert names(Situation(age=80)) == ["26 et plus"]


def test_statuses_and_themes_accept_any_of_their_values(networks, vocab):
    statuses, themes = vocab
    rule(networks["cio"], "Élève", statuses=[statuses["lyceen"], statuses["jeune"]])
    rule(networks["cep"], "Reconversion", themes=[themes["reconversion"]])
    assert names(Situation(status="lyceen")) == ["Élève"]
    assert names(Situation(status="jeune", theme="orientation")) == ["Élève"]
    assert names(Situation(status="salarie", theme="reconversion")) == ["Reconversion"]
    assert names(Situation(status="salarie")) == []


def test_handicap_condition(networks):
    rule(networks["ft"], "Indifférent", handicap=None)
    rule(networks["cep"], "Handicap", handicap=True)
    rule(networks["apec"], "Sans handicap", handicap=False)
    assert set(names(Situation(handicap=True))) == {"Indifférent", "Handicap"}
    assert set(names(Situation(handicap=False))) == {"Indifférent", "Sans handicap"}


def test_weight_first_then_specificity_then_name(networks, vocab):
    statuses, themes = vocab
    rule(networks["ij"], "B général", weight=100)
    rule(networks["ml"], "A général", weight=100)
    rule(networks["cio"], "Spécifique", weight=100, statuses=[statuses["lyceen"]], themes=[themes["orientation"]])
    rule(networks["cep"], "Un peu spécifique", weight=100, statuses=[statuses["lyceen"]])
    rule(networks["ft"], "Lourd", weight=150)
    rule(networks["apec"], "Léger et très spécifique", weight=10, statuses=[statuses["lyceen"]], handicap=False)
    assert names(Situation(status="lyceen", theme="orientation")) == [
        "Lourd",
        "Spécifique",
        "Un peu spécifique",
        "A général",
        "B général",
        "Léger et très spécifique",
    ]


def test_one_door_per_network_with_its_best_rule(networks):
    rule(networks["ml"], "ML forte", weight=120, why="La bonne raison")
    rule(networks["ml"], "ML faible", weight=60, why="Une autre raison")
    rule(networks["ij"], "IJ", weight=80)
    doors = orient(Situation()).doors
    assert [d.network.code for d in doors] == ["ml", "ij"]
    assert doors[0].rule.name == "ML forte" and doors[0].why == "La bonne raison"


def test_at_most_four_doors(networks):
    for weight, network in enumerate(networks.values(), start=1):
        rule(network, weight=weight * 10)
    assert len(networks) > MAX_DOORS
    doors = orient(Situation()).doors
    assert len(doors) == MAX_DOORS
    assert [d.rule.weight for d in doors] == sorted((d.rule.weight for d in doors), reverse=True)


def test_inactive_rules_and_inactive_networks_are_ignored(networks):
    rule(networks["ml"], "Désactivée", is_active=False)
    rule(networks["ij"], "Réseau fermé")
    networks["ij"].is_active = False
    networks["ij"].save()
    assert names(Situation()) == []
    assert orient(Situation()).doors == []


def test_places_of_a_door_are_the_nearest_first(networks):
    loir_et_cher = DepartementFactory()
    blois = CommuneFactory()
    vendome = CommuneFactory(
        code="41269", name="Vendôme", postal_codes="41100", departement=loir_et_cher, latitude=47.7929, longitude=1.0656
    )
    romorantin = CommuneFactory(
        code="41194",
        name="Romorantin-Lanthenay",
        postal_codes="41200",
        departement=loir_et_cher,
        latitude=47.3597,
        longitude=1.7422,
    )
    structure = StructureFactory(network=networks["ml"])
    far = PlaceFactory(structure=structure, commune=romorantin, name="Loin")
    near = PlaceFactory(structure=structure, commune=vendome, name="Près")
    here = PlaceFactory(structure=structure, commune=blois, name="Ici")
    PlaceFactory(structure=StructureFactory(network=networks["ij"]), commune=blois, name="Autre réseau")
    PlaceFactory(structure=structure, commune=blois, name="Fermé", is_active=False)

    places = nearest_places(networks["ml"], blois, limit=3)

    assert [dp.place for dp in places] == [here, near, far]
    assert places[0].distance_km == 0.0
    assert 0 < places[1].distance_km < places[2].distance_km
    assert [dp.place for dp in nearest_places(networks["ml"], blois, limit=2)] == [here, near]


def test_a_place_past_the_near_box_still_wins_over_a_farther_one_in_its_corner(networks):
    """The first read looks within NEAR_KM through a box; a box corner is farther than its sides."""
    blois = CommuneFactory()
    vendome = CommuneFactory(code="41269", name="Vendôme", postal_codes="41100", latitude=47.79, longitude=1.07)
    structure = StructureFactory(network=networks["ml"])

    def place(name, north_km, east_km):
        lat = blois.latitude + north_km / 111.2
        lon = blois.longitude + east_km / (111.2 * math.cos(math.radians(blois.latitude)))
        return PlaceFactory(structure=structure, commune=vendome, name=name, latitude=lat, longitude=lon)

    at_30 = place("À 30 km", 30, 0)
    in_corner = place("Dans le coin, à 49 km", 35, 35)
    outside = place("Hors de la boîte, à 45 km", 0, 45)

    nearest = nearest_places(networks["ml"], blois, limit=2)

    assert [dp.place for dp in nearest] == [at_30, outside]
    assert in_corner not in [dp.place for dp in nearest]
    assert nearest[1].distance_km == pytest.approx(45, abs=0.5)


def test_without_a_commune_places_have_no_distance(networks):
    PlaceFactory(structure=StructureFactory(network=networks["ml"]))
    rule(networks["ml"])
    door = orient(Situation(age=20)).doors[0]
    assert door.places and door.places[0].distance_km is None


def test_the_search_networks_need_a_status_and_a_theme_and_ignore_age(networks, vocab):
    statuses, themes = vocab
    rule(networks["ml"], "Jeunes", statuses=[statuses["salarie"]], age_min=16, age_max=25, weight=120)
    rule(networks["cep"], "Actifs", statuses=[statuses["salarie"]], weight=100)
    rule(networks["apec"], "Handicap", statuses=[statuses["salarie"]], handicap=True, weight=150)
    assert routed_networks("salarie", "reconversion") == ["ml", "cep"]
    assert routed_networks("salarie", "") == [] and routed_networks("", "reconversion") == []
    assert routed_networks("lyceen", "reconversion") == []


@pytest.mark.parametrize("change", ["weight", "deactivate", "delete", "new_rule", "untag"])
def test_the_search_networks_follow_every_change_of_the_rules(networks, vocab, change):
    statuses, themes = vocab
    young = rule(networks["ml"], "Jeunes", statuses=[statuses["salarie"]], weight=120)
    rule(networks["cep"], "Actifs", statuses=[statuses["salarie"]], weight=100)
    assert routed_networks("salarie", "reconversion") == ["ml", "cep"]  # now in the cache
    if change == "weight":
        young.weight = 60
        young.save()
        expected = ["cep", "ml"]
    elif change == "deactivate":
        young.is_active = False
        young.save()
        expected = ["cep"]
    elif change == "delete":
        young.delete()
        expected = ["cep"]
    elif change == "new_rule":
        rule(networks["ij"], "Tous", weight=200)
        expected = ["ij", "ml", "cep"]
    else:
        young.statuses.set([statuses["lyceen"]])
        expected = ["cep"]
    assert routed_networks("salarie", "reconversion") == expected
