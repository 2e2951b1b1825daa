"""The reference data the generator and the query mixes draw from, read without Django.

Communes come from the project's own file (apps/geo/data/communes.csv.gz, 35,014 communes with
their population); the vocabularies from regions/24/vocabularies.json (the default region pack).
"""

import csv
import gzip
import io
import itertools
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COMMUNES_FILE = ROOT / "apps" / "geo" / "data" / "communes.csv.gz"
VOCABULARIES_FILE = ROOT / "regions" / "24" / "vocabularies.json"


@dataclass(frozen=True)
class CommuneRow:
    code: str
    name: str
    postal_code: str
    departement: str
    region: str
    population: int
    latitude: float
    longitude: float

    @property
    def label(self) -> str:
        """What the public search form sends once a suggestion is picked (Commune.label)."""
        return f"{self.name} ({self.postal_code})" if self.postal_code else self.name


@cache
def communes() -> tuple[CommuneRow, ...]:
    """Every commune with a position and inhabitants (a handful without either are left out)."""
    rows = []
    with gzip.open(COMMUNES_FILE, "rb") as raw:
        for row in csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8")):
            if not row["latitude"] or not row["population"] or int(row["population"]) <= 0:
                continue
            rows.append(
                CommuneRow(
                    code=row["code_insee"],
                    name=row["nom"],
                    postal_code=row["codes_postaux"].split(" ")[0],
                    departement=row["departement"],
                    region=row["region"],
                    population=int(row["population"]),
                    latitude=float(row["latitude"]),
                    longitude=float(row["longitude"]),
                )
            )
    return tuple(rows)


@cache
def population_weights() -> list[int]:
    """Cumulative populations, for random.choices(cum_weights=...)."""
    return list(itertools.accumulate(c.population for c in communes()))


@cache
def vocabularies() -> dict[str, list[str]]:
    data = json.loads(VOCABULARIES_FILE.read_text(encoding="utf-8"))
    return {key: [item["code"] for item in data[key]] for key in ("statuses", "themes", "info_types", "networks")}


@cache
def network_labels() -> dict[str, str]:
    data = json.loads(VOCABULARIES_FILE.read_text(encoding="utf-8"))
    return {item["code"]: item["label"] for item in data["networks"]}
