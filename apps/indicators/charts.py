"""Server-side SVG charts (pygal) drawn from a table: no JavaScript, same picture on the page and in the PDF.

A chart is never the only way to read a figure: the page and the PDF show the table it was drawn from
right after it. Masked cells are not drawn.
"""

import base64
import re
from functools import lru_cache

import pygal
from pygal.style import Style

from .tables import Table, chart_value

STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1a1a1a",
    foreground_strong="#1a1a1a",
    foreground_subtle="#6b6b6b",
    opacity="1",
    opacity_hover="1",
    colors=("#1f3a68", "#00646b", "#a83a00", "#5b3a8c"),
    font_family="DejaVu Sans, Arial, Helvetica, sans-serif",
    label_font_size=12,
    major_label_font_size=12,
    value_font_size=11,
    value_label_font_size=11,
    title_font_size=15,
    legend_font_size=12,
)
MAX_LABEL = 38
SCRIPT = re.compile(r"<script\b.*?</script>", re.S)
SHORT_MONTHS = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def _format(kind: str):
    if kind in ("rate",):
        return lambda x: f"{x:.1f} %".replace(".", ",")
    if kind in ("days", "per_thousand", "decimal"):
        return lambda x: f"{x:.1f}".replace(".", ",").removesuffix(",0")
    return lambda x: f"{x:,.0f}".replace(",", " ")


def chart_svg(table: Table) -> str:
    """The SVG of a table's chart, or "" when it has none or nothing to draw."""
    if not table.chart or not table.chart_columns:
        return ""
    rows = [row for row in table.rows if not row.get("is_total")]
    columns = [c for c in table.columns if c.key in table.chart_columns]
    series = tuple(
        (column.label, column.kind, tuple(chart_value(row.get(column.key), column.kind) for row in rows))
        for column in columns
    )
    if not any(value for _label, _kind, values in series for value in values):
        return ""
    labels = tuple(_short(str(row.get("label", ""))) for row in rows)
    return _render(table.chart, table.chart_title or table.title, labels, series)


@lru_cache(maxsize=256)
def _render(kind: str, title: str, labels: tuple, series: tuple) -> str:
    common = {
        "style": STYLE,
        "js": [],
        "title": title,
        "show_legend": len(series) > 1,
        "legend_at_bottom": True,
        "print_values": False,  # the values are in the table that follows
        "include_x_axis": True,  # counts start from zero
        "truncate_label": -1,
        "truncate_legend": -1,
        "margin": 12,
        "width": 860,
        "disable_xml_declaration": True,
    }
    if kind == "hbar":
        chart = pygal.HorizontalBar(height=110 + 30 * len(labels) * max(1, len(series)), **common)
        labels, series = tuple(reversed(labels)), tuple((n, k, tuple(reversed(v))) for n, k, v in series)
    elif kind == "line":
        chart = pygal.Line(height=380, x_label_rotation=30, dots_size=3, **common)
    else:
        chart = pygal.Bar(height=380, x_label_rotation=30, **common)
    chart.x_labels = list(labels)
    for name, value_kind, values in series:
        chart.add(name, list(values), formatter=_format(value_kind))
    chart.value_formatter = _format(series[0][1])
    if series[0][1] == "count":  # whole numbers on the value axis, never "0, 0, 1, 1"
        top = max((v for _n, _k, values in series for v in values if v is not None), default=0)
        step = _nice_step(top)
        chart.y_labels = list(range(0, int(top) + step + 1, step))
    return SCRIPT.sub("", chart.render(is_unicode=True))  # pygal's tooltip config: inert in an image, dropped


def _nice_step(top: float) -> int:
    """1, 2, 5, 10, 20, 25, 50… : the smallest step that draws at most ten ticks up to `top`."""
    magnitude = 1
    while True:
        for factor in (1, 2, 2.5, 5):
            step = int(factor * magnitude)
            if step == factor * magnitude and top / step <= 10:
                return step
        magnitude *= 10


def chart_data_uri(table: Table) -> str:
    svg = chart_svg(table)
    if not svg:
        return ""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
