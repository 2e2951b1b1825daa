"""Figures owned by other apps, read through their public functions."""

from dataclasses import dataclass

from apps.programme import selectors


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


def programme_interconnaissance(year: int, territory=None) -> SessionAttendance:
    """IC-3 from the support programme's sessions."""
    return _attendance(year, selectors.interconnaissance_figures(year, territory))


def programme_interconnaissance_by_territory(year: int) -> dict[int, SessionAttendance]:
    """IC-3 per territory (territory id → SessionAttendance)."""
    result = {}
    for figures in selectors.interconnaissance_by_territory(year):
        if figures.territory is None:
            continue
        result[figures.territory.pk] = _attendance(year, figures)
    return result
