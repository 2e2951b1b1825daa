"""Charts: drawn from the (protected) table, never showing what the table hides."""

from apps.indicators.charts import _nice_step, chart_svg
from apps.indicators.tables import Column, Table, protect


def _table(values):
    rows = [{"label": f"Ligne {i}", "n": n} for i, n in enumerate(values)]
    return Table(
        "X", "Graphique de test", [Column("label", "", "label", False), Column("n", "n")], rows, "hbar", ("n",)
    )


def test_a_chart_is_svg_without_script_and_skips_masked_cells():
    svg = chart_svg(protect(_table([3, 40, 12])))
    assert svg.startswith("<svg") and "<script" not in svg
    assert "Graphique de test" in svg
    assert "Ligne 0" in svg  # the label stays, the bar of a masked count is not drawn
    assert svg.count('class="rect reactive tooltip-trigger"') == 2


def test_nothing_to_draw_gives_no_chart():
    assert chart_svg(_table([0, 0])) == ""
    assert chart_svg(protect(_table([2, 1]))) == ""


def test_count_axes_use_whole_steps():
    assert [_nice_step(top) for top in (3, 11, 24, 225, 18000)] == [1, 2, 5, 25, 2000]
