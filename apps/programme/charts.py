"""Server-side SVG charts (pygal). A chart is an image whose data is always also given as an HTML table.

The SVG is embedded as an ``<img>`` data URI: no script runs, the page works without JavaScript, and
the alternative text points to the table that carries the figures.
"""

import base64
import re

import pygal
from pygal.style import Style

SCRIPT = re.compile(r"<script.*?</script>", re.DOTALL)
STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#1a1a1a",
    foreground_strong="#1a1a1a",
    foreground_subtle="#3a3a3a",
    colors=("#1f3a68",),
    opacity="1",
    opacity_hover="1",
    font_family="system-ui, Arial, sans-serif",
    label_font_size=14,
    major_label_font_size=14,
    value_font_size=14,
    title_font_size=16,
)


def bar_chart(labels: list[str], values: list[float], *, series: str = "Réponses", max_value=None) -> str:
    """A horizontal bar chart as a ``data:image/svg+xml`` URI."""
    chart = pygal.HorizontalBar(
        style=STYLE,
        js=[],
        css=["file://style.css", "file://graph.css"],
        show_legend=False,
        disable_xml_declaration=True,
        print_values=False,  # the figures are in the table beside the chart
        width=720,
        height=90 + 44 * max(len(labels), 1),
        truncate_label=-1,
        range=(0, max_value) if max_value else None,
        no_data_text="Aucune réponse",
    )
    chart.x_labels = labels
    chart.add(series, values)
    svg = SCRIPT.sub("", chart.render(is_unicode=True))  # tooltips scripts never run in an <img>: drop them
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
