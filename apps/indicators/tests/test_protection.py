"""Small numbers: a count of 1 to 4 people never leaves the structure it belongs to."""

import pytest

from apps.indicators.dashboards import build_dashboard
from apps.indicators.measures.base import Median, Ratio
from apps.indicators.tables import NOT_PUBLISHED, SMALL, Column, Table, format_value, protect


def _table(rows, partition=True):
    return Table(
        "X",
        "Test",
        [Column("label", "", "label", False), Column("n", "n"), Column("share", "part", "rate")],
        rows,
        partition=partition,
    )


def test_counts_of_one_to_four_are_masked_zero_and_five_are_not():
    rows = [{"label": str(n), "n": n, "share": Ratio(n, 100)} for n in (0, 1, 4, 5, 40)]
    masked = protect(_table(rows, partition=False)).rows
    assert [row["n"] for row in masked] == [0, SMALL, SMALL, 5, 40]
    assert [row["share"] for row in masked] == [
        Ratio(0, 100),
        NOT_PUBLISHED,
        NOT_PUBLISHED,
        Ratio(5, 100),
        Ratio(40, 100),
    ]
    assert format_value(masked[1]["n"]) == "< 5"


def test_a_share_or_median_on_fewer_than_five_people_is_not_published():
    table = Table(
        "X",
        "Test",
        [Column("label", "", "label", False), Column("rate", "", "rate"), Column("median", "", "days")],
        [
            {"label": "a", "rate": Ratio(2, 3), "median": Median(4.0, 3)},
            {"label": "b", "rate": Ratio(6, 9), "median": Median(2.0, 8)},
        ],
    )
    rows = protect(table).rows
    assert (rows[0]["rate"], rows[0]["median"]) == (NOT_PUBLISHED, NOT_PUBLISHED)
    assert (rows[1]["rate"], rows[1]["median"]) == (Ratio(6, 9), Median(2.0, 8))


def test_a_lone_masked_cell_hides_the_next_smallest_so_the_total_does_not_give_it_away():
    rows = [
        {"label": "a", "n": 30, "share": None},
        {"label": "b", "n": 3, "share": None},
        {"label": "c", "n": 7, "share": None},
        {"label": "total", "n": 40, "share": None, "is_total": True},
    ]
    masked = protect(_table(rows)).rows
    assert [row["n"] for row in masked] == [30, SMALL, NOT_PUBLISHED, 40]


def test_unprotected_columns_are_left_alone():
    table = Table(
        "X",
        "",
        [Column("label", "", "label", False), Column("pairs", "", protected=False)],
        [{"label": "a", "pairs": 2}],
    )
    assert protect(table).rows[0]["pairs"] == 2


@pytest.mark.django_db
def test_territory_dashboard_masks_what_the_structure_dashboard_shows(data, t2_2025):
    """T2 has one reception (r8, by phone): masked for the territory, exact for structure C's own members."""
    from apps.indicators.filters import IndicatorFilter

    from .conftest import TODAY, YEAR

    territory = build_dashboard(t2_2025, breakdown="channel", masked=True)
    channel = next(t for s in territory.sections for t in s.tables if t.slug == "accueils-par-channel")
    assert {row["row_key"]: row["count"] for row in channel.rows}["phone"] == SMALL
    first_figure = territory.sections[0].figures[0]
    assert (first_figure.code, first_figure.value) == ("CAP-1", SMALL)

    own = build_dashboard(IndicatorFilter(YEAR, structure=data.c, today=TODAY), breakdown="channel", masked=False)
    channel = next(t for s in own.sections for t in s.tables if t.slug == "accueils-par-channel")
    assert {row["row_key"]: row["count"] for row in channel.rows}["phone"] == 1
    assert own.sections[0].figures[0].value == 1
