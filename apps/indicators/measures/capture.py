"""Capture of publics and the 1st door: first receptions, who, how, from where, and what they led to."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Sum

from apps.geo.models import Territory

from ..filters import IndicatorFilter
from .base import Ratio, reception_cube, reception_months, regional, sum_dimension

# Dimensions of a reception kept in the monthly table (besides "total").
PERSON_DIMENSIONS = ("channel", "status", "age_band", "sex", "theme", "residence", "cep_level")
ANSWER_KINDS = ("on_spot", "appointment", "referred", "unknown")


def receptions(f: IndicatorFilter) -> int:
    """CAP-1: first receptions by the structures in scope over the period."""
    return sum_dimension(reception_cube(f), "total")[""]


def receptions_by(f: IndicatorFilter, dimension: str) -> dict:
    """CAP-1 broken down: by a person dimension (value code → n), by month, or by structure, network, territory."""
    if dimension == "month":
        by_month: Counter = Counter()
        for (month, _structure), n in reception_months(f).items():
            by_month[month] += n
        return {month: by_month.get(month, 0) for month in f.period.months}
    if dimension in ("structure", "network", "territory"):
        return dict(sum_dimension(reception_cube(f), "total", "", per=dimension, f=f))
    if dimension not in PERSON_DIMENSIONS:
        raise ValueError(f"Unknown breakdown: {dimension}")
    return dict(sum_dimension(reception_cube(f), dimension))


@dataclass(frozen=True)
class Reach:
    """CAP-2: first receptions of residents of a territory, per 1,000 inhabitants."""

    territory_id: int
    receptions: int
    population: int | None

    @property
    def per_thousand(self) -> float | None:
        return 1000 * self.receptions / self.population if self.population else None


def populations(f: IndicatorFilter) -> dict[int, int | None]:
    def load():
        rows = Territory.objects.annotate(population=Sum("communes__population")).values_list("pk", "population")
        return dict(rows)

    return f.cached("populations", load)


def territory_codes(f: IndicatorFilter) -> dict[str, int]:
    return f.cached("territory_codes", lambda: dict(Territory.objects.values_list("code", "pk")))


def reach(f: IndicatorFilter) -> dict[int, Reach]:
    """CAP-2 for each territory in scope (residents received by any structure of the region).

    Needs the person's commune; receptions without one are left out. A structure has no population: empty.
    """
    if f.kind == "structure":
        return {}
    codes = territory_codes(f)
    by_code = sum_dimension(reception_cube(regional(f)), "residence")
    population = populations(f)
    result = {}
    for code, territory_id in codes.items():
        if f.kind == "territory" and territory_id != f.territory.pk:
            continue
        result[territory_id] = Reach(territory_id, by_code.get(code, 0), population.get(territory_id))
    return result


def answer_shares(f: IndicatorFilter) -> dict[str, Ratio]:
    """PP-2 and PP-3: what first receptions led to (answered on the spot, follow-up here, re-addressed)."""
    total = receptions(f)
    kinds = sum_dimension(reception_cube(f), "answer")
    return {kind: Ratio(kinds.get(kind, 0), total) for kind in ANSWER_KINDS}


@dataclass(frozen=True)
class FirstDoorRow:
    receptions: int
    on_spot: int
    referred: int

    @property
    def on_spot_share(self) -> Ratio:
        return Ratio(self.on_spot, self.receptions)

    @property
    def referred_share(self) -> Ratio:
        return Ratio(self.referred, self.receptions)


def first_door_by(f: IndicatorFilter, per: str) -> dict:
    """PP-1: receptions, answered on the spot and re-addressed, per structure, network or territory."""
    cube = reception_cube(f)
    totals = sum_dimension(cube, "total", "", per=per, f=f)
    on_spot = sum_dimension(cube, "answer", "on_spot", per=per, f=f)
    referred = sum_dimension(cube, "answer", "referred", per=per, f=f)
    return {key: FirstDoorRow(n, on_spot.get(key, 0), referred.get(key, 0)) for key, n in totals.items()}


def active_first_doors(f: IndicatorFilter) -> Ratio:
    """PP-4: active structures in scope that logged at least one first reception in the period."""
    received = {structure_id for structure_id, _value, n in reception_cube(f).get("total", ()) if n}
    in_scope = [pk for pk, info in f.structures.items() if info.is_active and f.in_scope(pk)]
    return Ratio(len([pk for pk in in_scope if pk in received]), len(in_scope))
