"""What every indicator function takes: a period of whole months and a scope (region, territory or structure)."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone

from apps.directory.models import Structure
from apps.geo.models import Territory

MONTHS_FR = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


def month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(month: date, months: int) -> date:
    index = month.year * 12 + month.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_label(month: date) -> str:
    return f"{MONTHS_FR[month.month - 1]} {month.year}"


@dataclass(frozen=True)
class Period:
    """Whole months, from `start` to `end` included (both are first days of months)."""

    start: date
    end: date

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(date(year, 1, 1), date(year, 12, 1))

    @classmethod
    def last_four_quarters(cls, today: date | None = None) -> "Period":
        """The current quarter and the three before it (whole quarters: see `protection.py`)."""
        current = month_start(today or timezone.localdate())
        start = add_months(date(current.year, 3 * ((current.month - 1) // 3) + 1, 1), -9)
        return cls(start, add_months(start, 11))

    @property
    def months(self) -> list[date]:
        months, month = [], self.start
        while month <= self.end:
            months.append(month)
            month = add_months(month, 1)
        return months

    @property
    def last_day(self) -> date:
        return add_months(self.end, 1) - timedelta(days=1)

    @property
    def label(self) -> str:
        """The period in French, as every page, export and PDF writes it ("année 2026", "de … à …")."""
        if self.start.month == 1 and self.end.month == 12 and self.start.year == self.end.year:
            return f"année {self.start.year}"
        if self.start == self.end:
            return month_label(self.start)
        if (
            self.start.year == self.end.year
            and self.start.month in (1, 4, 7, 10)
            and self.end == add_months(self.start, 2)
        ):
            return f"{(self.start.month + 2) // 3}{'er' if self.start.month == 1 else 'e'} trimestre {self.start.year}"
        return f"de {month_label(self.start)} à {month_label(self.end)}"

    def label_on(self, today: date) -> str:
        """The label, saying when the period is not over yet (the figures stop at `today`)."""
        if self.end >= month_start(today):
            return f"{self.label} (en cours : chiffres jusqu'au {today.day} {month_label(today)})"
        return self.label

    @property
    def slug(self) -> str:
        return f"{self.start:%Y-%m}_{self.end:%Y-%m}"


@dataclass(eq=False)
class IndicatorFilter:
    """A period and a scope. Results read from the monthly tables are cached on the filter for one request."""

    period: Period
    territory: Territory | None = None
    structure: Structure | None = None
    today: date = field(default_factory=timezone.localdate)
    cache: dict = field(default_factory=dict, repr=False)

    @property
    def kind(self) -> str:
        if self.structure is not None:
            return "structure"
        return "territory" if self.territory is not None else "region"

    @property
    def scope_label(self) -> str:
        if self.structure is not None:
            return self.structure.name
        if self.territory is not None:
            return f"Territoire {self.territory.name}"
        return "Région"

    def cached(self, key, compute):
        if key not in self.cache:
            self.cache[key] = compute()
        return self.cache[key]

    @property
    def structures(self) -> dict[int, "StructureInfo"]:
        """Every structure (id → territory, network, name): the monthly tables are keyed by structure."""
        return self.cached("structures", load_structures)

    @property
    def structure_ids(self) -> set[int] | None:
        """The structures in scope; None for the whole region."""
        if self.structure is not None:
            return {self.structure.pk}
        if self.territory is not None:
            return {pk for pk, info in self.structures.items() if info.territory_id == self.territory.pk}
        return None

    def in_scope(self, structure_id: int | None) -> bool:
        ids = self.structure_ids
        return structure_id is not None and (ids is None or structure_id in ids)


@dataclass(frozen=True)
class StructureInfo:
    name: str
    territory_id: int | None
    network_id: int | None
    is_active: bool


def load_structures() -> dict[int, StructureInfo]:
    rows = Structure.objects.values_list("pk", "name", "territory_id", "network_id", "is_active")
    return {pk: StructureInfo(name, territory, network, active) for pk, name, territory, network, active in rows}
