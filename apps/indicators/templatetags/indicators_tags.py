from django import template
from django.utils.html import format_html

from ..charts import chart_data_uri
from ..tables import Masked, format_value

register = template.Library()


@register.simple_tag
def cell(row, column):
    """A formatted cell; a masked one says why in an <abbr> title."""
    value = row.get(column.key)
    if isinstance(value, Masked):
        return format_html('<abbr title="{}">{}</abbr>', value.reason, value.text)
    return format_value(value, row.get("value_kind", column.kind) if column.kind == "text" else column.kind)


@register.simple_tag
def figure_value(figure):
    if isinstance(figure.value, Masked):
        return format_html('<abbr title="{}">{}</abbr>', figure.value.reason, figure.value.text)
    return format_value(figure.value, figure.kind)


@register.filter
def chart_uri(table):
    return chart_data_uri(table)


@register.filter
def is_number(column):
    return column.kind not in ("label", "text")


@register.filter
def pluralize_codes(codes: str) -> str:
    """ "s" when a table shows several indicators ("CAP-1, DP-1", "CAP-1 à PUB-2")."""
    return "s" if "," in codes or " à " in codes else ""
