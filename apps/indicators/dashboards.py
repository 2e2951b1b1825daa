"""A dashboard = key figures and tables per family of indicators, for one filter; pages, exports and the
CREFOP synthesis are all rendered from it.
"""

from dataclasses import dataclass

from .filters import IndicatorFilter
from .labels import Labels
from .overview import COLUMNS as OVERVIEW_COLUMNS
from .overview import territory_rows
from .sections import KeyFigure, Section, breakdown_choices, capture_section, first_door_section
from .sections_network import interconnaissance_section, public_section
from .sections_referrals import second_door_section
from .sections_voice import voice_section
from .tables import Column, Table, protect, protect_value

__all__ = ["Dashboard", "KeyFigure", "Section", "breakdown_choices", "build_dashboard"]


@dataclass
class Dashboard:
    filter: IndicatorFilter
    sections: list[Section]
    masked: bool
    overview: Table | None = None

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
    labels = Labels()
    sections = [
        capture_section(f, labels, breakdown, complete),
        first_door_section(f, labels),
        second_door_section(f, labels),
        interconnaissance_section(f, labels),
        public_section(f, labels),
        voice_section(f, labels),
    ]
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
    if masked:
        for section in sections:
            section.tables = [protect(table) for table in section.tables]
            for figure in section.figures:
                if figure.protected:
                    figure.value = protect_value(figure.value, figure.kind)
        overview = protect(overview) if overview else None
    return Dashboard(f, sections, masked, overview)
