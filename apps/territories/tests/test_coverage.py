"""Coverage: the grid search equals a brute-force scan; the shares come from the communes' populations."""

import random

import pytest

from apps.core.geo_math import haversine_km
from apps.directory.models import Place
from apps.geo.models import Commune, Territory
from apps.territories.coverage import CommuneRow, compute_distances, key_network_places, territory_coverage
from apps.territories.models import CommuneCoverage, TerritoryPanorama
from apps.territories.nearest import NearestIndex, nearest_brute_force
from apps.territories.networks import KEY_NETWORKS, KEYS
from apps.territories.services import refresh_month

pytestmark = pytest.mark.django_db


def test_every_key_network_maps_to_a_network_of_the_directory(demo_region):
    from apps.directory.models import Network

    codes = set(Network.objects.values_list("code", flat=True))
    for network in KEY_NETWORKS:
        assert set(network.network_codes) <= codes, network.key


def test_stored_distances_equal_a_brute_force_computation_on_the_demo(demo_region):
    refresh_month()
    points = key_network_places()
    assert all(points[key] for key in KEYS), "the demo has places of every key network"
    stored = {row.commune_id: row for row in CommuneCoverage.objects.all()}
    communes = Commune.objects.filter(latitude__isnull=False)
    assert len(stored) == communes.count() > 1500
    for commune in communes:
        row = stored[commune.code]
        for key in KEYS:
            best = min(haversine_km(commune.latitude, commune.longitude, lat, lon) for lat, lon, _pk in points[key])
            assert row.distances[key] == pytest.approx(best, abs=1e-9), (commune.code, key)
            place = Place.objects.get(pk=row.nearest[key])
            assert haversine_km(commune.latitude, commune.longitude, place.latitude, place.longitude) == (
                pytest.approx(best, abs=1e-9)
            )


def test_a_withdrawn_place_no_longer_covers_its_commune(demo_region):
    dreux_ml = Place.objects.filter(structure__slug="ml-drouais", commune_id="28134").first()
    distances, _ = compute_distances()
    town_hall = Commune.objects.values_list("latitude", "longitude").get(code="28134")
    assert distances["28134"][0]["mission-locale"] == pytest.approx(
        haversine_km(*town_hall, dreux_ml.latitude, dreux_ml.longitude)
    )
    Place.objects.filter(structure__slug="ml-drouais", commune_id="28134").update(is_active=False)
    after, _ = compute_distances()
    assert after["28134"][0]["mission-locale"] > distances["28134"][0]["mission-locale"]


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("count", [1, 7, 300, 5000])
def test_grid_equals_brute_force_on_random_points(seed, count):
    rng = random.Random(seed)
    points = [(rng.uniform(41.3, 51.1), rng.uniform(-5.2, 9.6), i) for i in range(count)]
    index = NearestIndex(points)
    queries = [(rng.uniform(41.0, 51.5), rng.uniform(-5.5, 10.0)) for _ in range(200)]
    queries += [(16.2, -61.5), (-21.1, 55.5), (4.9, -52.3)]  # overseas: far from every point
    for lat, lon in queries:
        km, _ident = index.nearest(lat, lon)
        assert km == pytest.approx(nearest_brute_force(points, lat, lon)[0], abs=1e-9)


def test_an_empty_network_has_no_distance():
    assert NearestIndex([]).nearest(47.0, 1.0) is None


def _row(code, population, km):
    return CommuneRow(code, f"Commune {code}", population, dict.fromkeys(KEYS, km), dict.fromkeys(KEYS))


@pytest.mark.parametrize(
    ("rows", "beyond_30", "beyond_20"),
    [
        # populations and distances → population beyond 30 km, beyond 20 km
        ([(1000, 5.0), (200, 35.0), (50, 25.0)], 200, 250),
        ([(1000, 30.0), (10, 30.01)], 10, 1010),  # "beyond" is strictly more than the threshold
        ([(100, None), (900, 2.0)], 100, 100),  # no place at all: beyond every threshold
        ([(None, 50.0), (300, 1.0)], 0, 0),  # population unknown: counted as 0 inhabitants
    ],
)
def test_share_beyond_is_weighted_by_the_communes_populations(rows, beyond_30, beyond_20):
    commune_rows = [_row(f"0000{i}", population, km) for i, (population, km) in enumerate(rows)]
    result = territory_coverage(commune_rows, {})
    total = sum(p or 0 for p, _km in rows)
    assert result["population"] == total
    for key in KEYS:
        entry = result["networks"][key]
        assert entry["beyond"]["30"]["population"] == beyond_30
        assert entry["beyond"]["20"]["population"] == beyond_20
        assert entry["beyond"]["30"]["share"] == pytest.approx(beyond_30 / total)


def test_territory_share_beyond_30_km_from_the_stored_distances_and_populations(demo_region):
    refresh_month()
    dreux = Territory.objects.get(code="dreux")
    panorama = TerritoryPanorama.objects.get(territory=dreux)
    coverage = panorama.figures["coverage"]
    communes = list(dreux.communes.all())
    stored = {row.commune_id: row.distances for row in CommuneCoverage.objects.filter(commune__in=communes)}
    population = sum(c.population or 0 for c in communes)
    assert coverage["population"] == population
    for key in KEYS:
        far = sum(c.population or 0 for c in communes if stored[c.code][key] > 30)
        assert coverage["networks"][key]["beyond"]["30"]["population"] == far
        assert coverage["networks"][key]["beyond"]["30"]["share"] == pytest.approx(far / population)
    furthest = coverage["networks"]["mission-locale"]["furthest"]
    assert [f["km"] for f in furthest] == sorted((f["km"] for f in furthest), reverse=True)
    assert furthest[0]["km"] == max(stored[c.code]["mission-locale"] for c in communes)
