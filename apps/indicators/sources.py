"""Figures owned by other apps, read through their public functions, imported lazily.

The indicators work without the support programme: these adapters answer None when it is absent.
"""

import importlib
from dataclasses import dataclass

PROGRAMME_SELECTORS = "apps.programme.selectors"


@dataclass(frozen=True)
class SessionAttendance:
    """IC-3: sessions of the support programme held, people present, structures represented, pairs met."""

    year: int
    sessions: int
    professionals: int
    structures: int
    structure_pairs: int


def _attendance(year: int, figures) -> SessionAttendance:
    return SessionAttendance(
        year=year,
        sessions=figures.sessions,
        professionals=figures.professionals,
        structures=figures.structures,
        structure_pairs=figures.structure_pairs,
    )


def programme_interconnaissance(year: int, territory=None) -> SessionAttendance | None:
    """IC-3 from `apps.programme.selectors.interconnaissance_figures(year, territory)`, or None."""
    try:
        selectors = importlib.import_module(PROGRAMME_SELECTORS)
    except ImportError:
        return None
    provider = getattr(selectors, "interconnaissance_figures", None)
    if provider is None:
        return None
    return _attendance(year, provider(year, territory))


def programme_interconnaissance_by_territory(year: int) -> dict[int, SessionAttendance] | None:
    """IC-3 per territory (territory id → SessionAttendance), or None without the programme."""
    try:
        selectors = importlib.import_module(PROGRAMME_SELECTORS)
    except ImportError:
        return None
    provider = getattr(selectors, "interconnaissance_by_territory", None)
    if provider is None:
        return None
    result = {}
    for figures in provider(year):
        if figures.territory is None:
            continue
        result[figures.territory.pk] = _attendance(year, figures)
    return result
