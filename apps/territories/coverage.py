"""Coverage: how far each commune is from the nearest public place of each key network.

`compute_distances()` reads the directory (public places of the key networks, networks.py) and every commune
with coordinates, and returns the nearest place of each network per commune (nearest.py). `territory_coverage()`
turns the distances of a territory's communes into the shares of its population beyond 20 and 30 km and the
list of the communes furthest away. Nothing here is typed in: it all comes from the directory and the communes.
"""

from dataclasses import dataclass

from apps.directory.models import Place
from apps.geo.models import Commune

from .nearest import NearestIndex
from .networks import KEY_NETWORKS, key_of_network_code

THRESHOLDS_KM = (20, 30)
FURTHEST = 10  # communes listed per network, furthest first


def key_network_places() -> dict[str, list[tuple[float, float, int]]]:
    """Public places of the key networks: {network key: [(lat, lon, place id)]}."""
    keys = key_of_network_code()
    points: dict[str, list] = {network.key: [] for network in KEY_NETWORKS}
    rows = (
        Place.objects.public()
        .filter(structure__network__code__in=list(keys))
        .values_list("latitude", "longitude", "pk", "structure__network__code")
        .order_by("pk")
    )
    for lat, lon, pk, code in rows.iterator(chunk_size=20_000):
        if lat is not None and lon is not None:
            points[keys[code]].append((lat, lon, pk))
    return points


def located_communes() -> list[tuple[str, float, float]]:
    rows = Commune.objects.filter(latitude__isnull=False, longitude__isnull=False).order_by("code")
    return list(rows.values_list("code", "latitude", "longitude"))


def compute_distances(points=None, communes=None) -> tuple[dict[str, tuple[dict, dict]], dict[str, int]]:
    """{commune code: ({key: km or None}, {key: place id or None})} and the number of places per network."""
    points = key_network_places() if points is None else points
    communes = located_communes() if communes is None else communes
    indexes = {key: NearestIndex(places) for key, places in points.items()}
    result = {}
    for code, lat, lon in communes:
        distances, nearest = {}, {}
        for key, index in indexes.items():
            found = index.nearest(lat, lon)
            distances[key], nearest[key] = found if found else (None, None)
        result[code] = (distances, nearest)
    return result, {key: len(places) for key, places in points.items()}


@dataclass(frozen=True)
class CommuneRow:
    code: str
    name: str
    population: int | None
    distances: dict  # key → km or None
    nearest: dict  # key → place id or None


def _beyond(km, threshold) -> bool:
    return km is None or km > threshold


def territory_coverage(rows: list[CommuneRow], place_names: dict[int, str]) -> dict:
    """Per key network: population beyond each threshold (and its share), the communes furthest away.

    The shares are weighted by the communes' populations (communes without a known population count as 0
    inhabitants and are listed); a network without any place counts every commune as beyond.
    """
    population = sum(row.population or 0 for row in rows)
    result = {"population": population, "communes": len(rows), "networks": {}}
    for network in KEY_NETWORKS:
        key = network.key
        entry = {"label": network.label, "beyond": {}, "furthest": []}
        for threshold in THRESHOLDS_KM:
            people = sum(row.population or 0 for row in rows if _beyond(row.distances.get(key), threshold))
            communes = sum(1 for row in rows if _beyond(row.distances.get(key), threshold))
            entry["beyond"][str(threshold)] = {
                "population": people,
                "share": (people / population) if population else None,
                "communes": communes,
            }
        known = [row for row in rows if row.distances.get(key) is not None]
        entry["max_km"] = max((row.distances[key] for row in known), default=None)
        ordered = sorted(
            rows,
            key=lambda row: (row.distances.get(key) is not None, -(row.distances.get(key) or 0), row.name),
        )
        for row in ordered[:FURTHEST]:
            place_id = row.nearest.get(key)
            entry["furthest"].append(
                {
                    "code": row.code,
                    "name": row.name,
                    "population": row.population,
                    "km": row.distances.get(key),
                    "place": place_names.get(place_id, "") if place_id else "",
                }
            )
        result["networks"][key] = entry
    return result
