"""Reading the monthly tables for a filter, once per request, and the small types the measures return."""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from ..filters import IndicatorFilter
from ..models import MonthlyStat

PER_CHOICES = ("structure", "network", "territory")


class Cube(dict):
    """Counts read from a monthly table, indexed by dimension: {dimension: [(structure id, value, n), ...]}.

    `sums` memoises `sum_dimension` (a dashboard asks for the same sums several times).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sums: dict = {}

    @classmethod
    def of(cls, rows) -> "Cube":
        cube = cls()
        for structure_id, dimension, value, n in rows:
            cube.setdefault(dimension, []).append((structure_id, value, n))
        return cube


@dataclass(frozen=True)
class Ratio:
    """A share: `part` people out of `base`; `value` is None when the base is empty."""

    part: int
    base: int

    @property
    def value(self) -> float | None:
        return self.part / self.base if self.base else None


@dataclass(frozen=True)
class Median:
    """A median number of days over `count` referrals; `days` is None when there are none."""

    days: float | None
    count: int


def median_of(histogram: dict[int, int]) -> Median:
    """Median of values given as {value: how many}; the mean of the two middle values for an even count."""
    count = sum(histogram.values())
    if not count:
        return Median(None, 0)
    ordered = sorted(histogram.items())

    def nth(rank: int) -> int:  # rank from 0
        seen = 0
        for value, n in ordered:
            seen += n
            if rank < seen:
                return value
        raise IndexError(rank)

    if count % 2:
        return Median(float(nth(count // 2)), count)
    return Median((nth(count // 2 - 1) + nth(count // 2)) / 2, count)


def windows(f: IndicatorFilter) -> set[str]:
    """The 12-month periods precomputed by the last refresh (first months, "AAAA-MM")."""

    def load():
        from ..models import RefreshRun

        run = RefreshRun.objects.order_by("-finished_at").values_list("windows", flat=True).first()
        return set(run or [])

    return f.cached("windows", load)


def _load(f: IndicatorFilter, source: str) -> tuple[Cube, Counter]:
    """One read of a source over the period and scope: the cube, and the totals per (month, structure).

    A precomputed 12-month row per structure when the period is one; else one row per month and structure.
    """

    def load():
        window = len(f.period.months) == 12 and f"{f.period.start:%Y-%m}" in windows(f)
        qs = MonthlyStat.objects.filter(source=source)
        if window:
            qs = qs.filter(months=12, month=f.period.start)
        else:
            qs = qs.filter(months=1, month__gte=f.period.start, month__lte=f.period.end)
        ids = f.structure_ids
        if ids is not None:
            qs = qs.filter(structure_id__in=sorted(ids))
        merged: dict[tuple[int, str], dict] = {}
        months: Counter = Counter()
        for month, structure_id, counts in qs.order_by().values_list("month", "structure_id", "counts"):
            if window:
                for text, n in counts.pop("month", {}).items():
                    months[(date(int(text[:4]), int(text[5:7]), 1), structure_id)] += n
            else:
                months[(month, structure_id)] += counts.get("total", {}).get("", 0)
            for dimension, values in counts.items():
                target = merged.get((structure_id, dimension))
                if target is None:
                    merged[(structure_id, dimension)] = dict(values)
                else:
                    for value, n in values.items():
                        target[value] = target.get(value, 0) + n
        cube = Cube()
        for (structure_id, dimension), values in merged.items():
            cube.setdefault(dimension, []).extend((structure_id, value, n) for value, n in values.items())
        return cube, months

    return f.cached(("source", source), load)


def regional(f: IndicatorFilter) -> IndicatorFilter:
    """The same period over the whole region (its reads cached with the filter's)."""
    if f.kind == "region":
        return f
    return f.cached("regional", lambda: IndicatorFilter(f.period, today=f.today))


def reception_cube(f: IndicatorFilter) -> Cube:
    """Receptions over the period and scope, by structure and by value of each dimension."""
    return _load(f, MonthlyStat.Source.RECEPTIONS)[0]


def reception_months(f: IndicatorFilter) -> Counter:
    """{(month, structure id): receptions}."""
    return _load(f, MonthlyStat.Source.RECEPTIONS)[1]


def referral_cube(f: IndicatorFilter, side: str) -> Cube:
    """Referrals sent in the period, by the side's structures in scope ("sent" or "received"), by dimension.

    Delays are dimensions too: "delay_answer" → {days: referrals}.
    """
    return _load(f, side)[0]


def referral_months(f: IndicatorFilter, side: str) -> Counter:
    """{(month, structure id): referrals sent that month}."""
    return _load(f, side)[1]


def pair_counts(f: IndicatorFilter) -> Counter:
    """{(sender id, receiver id): referrals} over the period, whole region (callers keep their scope)."""

    def load():
        pairs: Counter = Counter()
        for sender, receiver, n in _load(regional(f), MonthlyStat.Source.PAIRS)[0].get("to", ()):
            pairs[(sender, int(receiver))] += n
        return pairs

    return f.cached("pairs", load)


def delay_histogram(f: IndicatorFilter, side: str, delay: str, per: str | None = None) -> dict:
    """{days: referrals} for one delay ("delay_answer"…), or {group: {days: referrals}} per structure, network…"""
    entries = referral_cube(f, side).get(delay, ())
    if per is None:
        histogram: Counter = Counter()
        for _structure, days, n in entries:
            histogram[int(days)] += n
        return histogram
    groups: dict = {}
    for structure_id, days, n in entries:
        key = group_key(f, structure_id, per)
        groups.setdefault(key, Counter())[int(days)] += n
    return groups


def group_key(f: IndicatorFilter, structure_id: int, per: str):
    """The group a structure falls in: itself, its network or its territory (None when unknown)."""
    if per == "structure":
        return structure_id
    info = f.structures.get(structure_id)
    if info is None:
        return None
    return info.network_id if per == "network" else info.territory_id


def sum_dimension(cube: Cube, dimension: str, value: str | None = None, per=None, f=None) -> Counter:
    """Sum a cube over one dimension: {value: n}, or {group: n} for one value when `per` is given.

    The result is shared between callers: read it, do not change it.
    """
    memo = getattr(cube, "sums", None)
    key = (dimension, value, per)
    if memo is not None and key in memo:
        return memo[key]
    result = _sum_dimension(cube, dimension, value, per, f)
    if memo is not None:
        memo[key] = result
    return result


def _sum_dimension(cube: Cube, dimension: str, value: str | None, per, f) -> Counter:
    result: Counter = Counter()
    entries = cube.get(dimension, ())
    if per is None:
        for _structure_id, val, n in entries:
            if value is None or val == value:
                result[val] += n
        return result
    groups = f.cached(("groups", per), lambda: {pk: group_key(f, pk, per) for pk in f.structures})
    for structure_id, val, n in entries:
        if value is None or val == value:
            result[groups.get(structure_id, structure_id if per == "structure" else None)] += n
    return result
