"""Loading the reference geography and building the SPRO territories."""

import csv
import gzip
import io
import json
from pathlib import Path

from django.db import transaction

from apps.core import region_pack
from apps.core.geo_math import haversine_km
from apps.core.text import normalize

from .models import Commune, Departement, Region, Territory

DATA_DIR = Path(__file__).resolve().parent / "data"


def _read_json(name: str):
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


@transaction.atomic
def load_reference_geography(departements: list[str] | None = None) -> int:
    """Load régions, départements and communes (all of France, or only the given départements).

    Idempotent: existing rows are updated in place. Returns the number of communes loaded.
    """
    for row in _read_json("regions.json"):
        Region.objects.update_or_create(code=row["code"], defaults={"name": row["nom"]})
    for row in _read_json("departements.json"):
        Departement.objects.update_or_create(
            code=row["code"], defaults={"name": row["nom"], "region_id": row["region"]}
        )
    wanted = set(departements or [])
    communes = [c for c in _read_communes() if not wanted or c.departement_id in wanted]
    existing = set(Commune.objects.values_list("code", flat=True))
    Commune.objects.bulk_create([c for c in communes if c.code not in existing], batch_size=2000)
    Commune.objects.bulk_update(
        [c for c in communes if c.code in existing],
        ["name", "name_search", "postal_codes", "departement", "population", "latitude", "longitude"],
        batch_size=2000,
    )
    return len(communes)


def _read_communes():
    with gzip.open(DATA_DIR / "communes.csv.gz", "rb") as raw:
        for row in csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8")):
            yield Commune(
                code=row["code_insee"],
                name=row["nom"],
                name_search=normalize(row["nom"]),
                postal_codes=row["codes_postaux"],
                departement_id=row["departement"],
                population=int(row["population"]) if row["population"] else None,
                latitude=float(row["latitude"]) if row["latitude"] else None,
                longitude=float(row["longitude"]) if row["longitude"] else None,
            )


@transaction.atomic
def load_territories() -> int:
    """Create the SPRO territories and give each commune of their départements to one of them."""
    definitions = region_pack.current().read_json("territories")["territories"]
    seats_by_territory = {}
    loaded = set(
        Commune.objects.filter(code__in=[c for d in definitions for c in d["seats"]]).values_list("code", flat=True)
    )
    for item in definitions:
        if not loaded.issuperset(item["seats"]):
            continue  # its département is not loaded (tests load a few départements only)
        territory, _ = Territory.objects.update_or_create(
            code=item["code"],
            defaults={"name": item["name"], "kind": item["kind"], "departement_id": item["departement"]},
        )
        territory.seats.set(item["seats"])
        seats_by_territory[territory] = list(Commune.objects.filter(code__in=item["seats"]))
    by_departement: dict[str, list[Territory]] = {}
    for territory in seats_by_territory:
        by_departement.setdefault(territory.departement_id, []).append(territory)
    for departement_code, territories in by_departement.items():
        _assign_communes(departement_code, territories, seats_by_territory)
    return len(definitions)


def _assign_communes(departement_code, territories, seats_by_territory):
    communes = list(Commune.objects.filter(departement_id=departement_code))
    if len(territories) == 1:
        territories[0].communes.set(communes)
        return
    members: dict[Territory, list[Commune]] = {t: [] for t in territories}
    for commune in communes:
        if commune.latitude is None:
            continue
        nearest = min(
            territories,
            key=lambda t: min(
                haversine_km(commune.latitude, commune.longitude, s.latitude, s.longitude)
                for s in seats_by_territory[t]
            ),
        )
        members[nearest].append(commune)
    for territory, its_communes in members.items():
        territory.communes.set(its_communes)
