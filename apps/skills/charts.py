"""The talent tree as pictures (server-side SVG by pygal, as <img> data URIs; the figures are in a table)."""

import base64

import pygal
from pygal.style import Style

from apps.programme.charts import SCRIPT

STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#1a1a1a",
    foreground_strong="#1a1a1a",
    foreground_subtle="#3a3a3a",
    colors=("#1f3a68", "#9a3d00"),
    opacity=".35",
    opacity_hover=".5",
    font_family="system-ui, Arial, sans-serif",
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=14,
    value_font_size=13,
)


def _uri(chart) -> str:
    svg = SCRIPT.sub("", chart.render(is_unicode=True))
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def tree_chart(domains, max_level: int) -> str:
    """A radar: one branch per domain, the average level declared; the wishes as a second series."""
    chart = pygal.Radar(
        style=STYLE,
        js=[],
        css=["file://style.css", "file://graph.css"],
        disable_xml_declaration=True,
        width=720,
        height=560,
        range=(0, max_level),
        fill=True,
        show_legend=True,
        legend_at_bottom=True,
        truncate_label=-1,
        no_data_text="Aucune réponse",
    )
    chart.x_labels = [f"{d.domain.number}. {d.domain.title[:32]}" for d in domains]
    chart.add("Niveau moyen déclaré", [d.average for d in domains])
    chart.add(
        "Part des compétences à développer (échelle du niveau)",
        [round(max_level * d.wishes / len(d.rows), 1) if d.rows else 0 for d in domains],
    )
    return _uri(chart)


def history_chart(points, max_level: int) -> str:
    chart = pygal.Line(
        style=STYLE,
        js=[],
        css=["file://style.css", "file://graph.css"],
        disable_xml_declaration=True,
        width=720,
        height=360,
        range=(0, max_level),
        show_legend=False,
        x_label_rotation=30,
        no_data_text="Aucune réponse",
    )
    chart.x_labels = [p.day.strftime("%d/%m/%Y") for p in points]
    chart.add("Niveau moyen", [p.average for p in points])
    return _uri(chart)
