"""A dashboard = key figures and tables per family of indicators, for one filter; pages, exports and the
CREFOP synthesis are all rendered from it.
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.cache import cache

from .filters import IndicatorFilter, Period, month_start
from .labels import Labels
from .measures import voice as voice_measures
from .overview import COLUMNS as OVERVIEW_COLUMNS
from .overview import territory_rows
from .protection import difference_masks
from .refresh import month_versions
from .sections import KeyFigure, Section, breakdown_choices, capture_section, first_door_section
from .sections_network import interconnaissance_section, public_section
from .sections_referrals import second_door_section
from .sections_voice import voice_section
from .tables import Column, Masked, Table, protect, protect_value, row_id, table_id

__all__ = ["Dashboard", "KeyFigure", "Section", "breakdown_choices", "build_dashboard"]


@dataclass
class Dashboard:
    filter: IndicatorFilter
    sections: list[Section]
    masked: bool
    overview: Table | None = None
    hidden_figures: dict = field(default_factory=dict)  # (code, raw value) → Masked, for sentences quoting them

    @property
    def tables(self) -> list[Table]:
        found = [self.overview] if self.overview else []
        return found + [table for section in self.sections for table in section.tables]

    @property
    def key_figures_table(self) -> Table:
        rows = [
            {"label": f"{figure.code} — {figure.label}", "value": figure.value, "value_kind": figure.kind}
            for section in self.sections
            for figure in section.figures
        ]
        return Table(
            "",
            "Chiffres clés",
            [Column("label", "Indicateur", "label", protected=False), Column("value", "Valeur", "text")],
            rows,
            slug="chiffres-cles",
        )


def build_dashboard(
    f: IndicatorFilter, *, breakdown: str = "channel", masked: bool = True, complete: bool = False
) -> Dashboard:
    """Every figure of a dashboard. `complete` adds every breakdown (exports); `masked` protects small numbers."""
    sections, overview = _build(f, breakdown, complete)
    hidden_figures = {}
    if masked:
        cells, kinds = _cells(sections, overview)
        hidden = difference_masks(cells, monthly_cells(f), f.period.start, f.period.end, kinds)
        for section in sections:
            section.tables = [protect(table, _hidden_in(hidden, table_id(table))) for table in section.tables]
            for index, figure in enumerate(section.figures):
                if figure.protected:
                    key = _figure_key(section, index, figure)
                    raw = figure.value
                    figure.value = protect_value(figure.value, figure.kind, key in hidden)
                    if isinstance(figure.value, Masked):
                        hidden_figures[(figure.code, raw)] = figure.value
                        figure.detail = ""  # a detail would give the hidden count back
        overview = protect(overview, _hidden_in(hidden, table_id(overview))) if overview else None
    return Dashboard(f, sections, masked, overview, hidden_figures)


def _hidden_in(hidden: set, slug: str) -> set:
    return {(row, column) for table, row, column in hidden if table == slug}


def _figure_key(section: Section, index: int, figure: KeyFigure) -> tuple:
    return ("chiffre-" + section.family.code, f"{figure.code} {figure.label}", "value")


def _cells(sections: list[Section], overview: Table | None) -> tuple[dict, dict]:
    """{(table slug, row id, column key): raw value} for every protected cell, and each cell's kind."""
    cells, kinds = {}, {}
    tables = [overview] if overview else []
    tables += [table for section in sections for table in section.tables]
    for table in tables:
        for column in table.value_columns:
            if not column.protected or column.kind == "text":
                continue
            for row in table.rows:
                key = (table_id(table), row_id(row), column.key)
                cells[key], kinds[key] = row.get(column.key), column.kind
    for section in sections:
        for index, figure in enumerate(section.figures):
            if figure.protected:
                key = _figure_key(section, index, figure)
                cells[key], kinds[key] = figure.value, figure.kind
    return cells, kinds


def monthly_cells(f: IndicatorFilter) -> dict[date, dict]:
    """The raw cells of each month of the period, alone (months after the current one are empty).

    Cached per scope and month. The cells read from the monthly tables are keyed with the refresh run that last
    rebuilt that month: the months a refresh did not touch are never computed twice. The person's voice is read
    live (an answer counts at once, in the month its questionnaire was sent, maybe a past one), so its cells are
    keyed with the state of its tables instead: the period's total and its months always come from the same
    rows, or a difference between them would mask a figure for nothing, or miss one to mask.
    """
    current = month_start(f.today)
    months = [month for month in f.period.months if month <= current]
    if len(months) < 2:
        return {}
    versions = month_versions(months)
    live = voice_measures.state() if f.kind != "structure" else "none"  # a structure's dashboard has no voice
    scope = f"{f.kind}-{getattr(f.territory, 'pk', '')}-{getattr(f.structure, 'pk', '')}"
    keys = {}
    for m in months:
        keys[(m, "tables")] = f"indicators-month-cells-{scope}-{m:%Y-%m}-{versions[m]}-{f.today:%Y%m%d}"
        keys[(m, "voice")] = f"indicators-month-voice-{scope}-{m:%Y-%m}-{live}-{f.today:%Y%m%d}"
    found = cache.get_many(list(keys.values()))
    result = {m: {} for m in months}
    for (month, part), key in keys.items():
        if key not in found:
            alone = IndicatorFilter(Period(month, month), territory=f.territory, structure=f.structure, today=f.today)
            found[key] = _month_part(alone, part)
            cache.set(key, found[key], 24 * 3600)
        result[month].update(found[key])
    return result


def _month_part(alone: IndicatorFilter, part: str) -> dict:
    if part == "voice":
        return _cells([voice_section(alone, Labels())], None)[0]
    return _cells(*_build(alone, "channel", complete=True, voice=False))[0]


def _build(
    f: IndicatorFilter, breakdown: str, complete: bool, voice: bool = True
) -> tuple[list[Section], Table | None]:
    labels = Labels()
    sections = [
        capture_section(f, labels, breakdown, complete),
        first_door_section(f, labels),
        second_door_section(f, labels),
        interconnaissance_section(f, labels),
        public_section(f, labels),
    ]
    if voice:
        sections.append(voice_section(f, labels))
    overview = None
    if f.kind == "region":
        overview = Table(
            "CAP-1 à PUB-2",
            "Indicateurs clés par territoire",
            OVERVIEW_COLUMNS,
            territory_rows(f),
            chart="hbar",
            chart_columns=("receptions",),
            partition=True,
            slug="territoires",
            chart_title="Premiers accueils par territoire",
        )
    return sections, overview


def warm_dashboards() -> int:
    """Prepare, after a refresh, the month-by-month figures of the default period for the Region and every
    territory, so that the first visit to a dashboard does not compute them. Returns the dashboards prepared."""
    from apps.geo.models import Territory

    period = Period.last_four_quarters()
    scopes = [None, *Territory.objects.order_by("pk")]
    for territory in scopes:
        monthly_cells(IndicatorFilter(period, territory=territory))
    return len(scopes)
