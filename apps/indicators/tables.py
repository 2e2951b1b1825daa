"""The tables every dashboard, export and synthesis is made of.

A `Table` holds raw values (int, `Ratio`, `Median`, float, text). `protect()` replaces the cells that
could single out a person by a `Masked` marker before anything is shown or exported; the rules are in
`protection.py` (threshold, differences between periods, zeros beside a masked total, complementary
suppression).
"""

from dataclasses import dataclass, field, replace

from .measures.base import Median, Ratio
from .protection import (
    NOT_PUBLISHED,
    SMALL,
    THRESHOLD,
    Masked,
    Sum,
    complementary_suppression,
    hide_dependent_rates,
    primary_mask,
)

__all__ = ["NOT_PUBLISHED", "SMALL", "THRESHOLD", "Column", "Masked", "Table", "protect", "protect_value"]
NBSP = "\u202f"  # narrow no-break space: French thousands separator and before "%"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = "count"  # label, text, count, rate (a Ratio), per_thousand (a Ratio), days (a Median), decimal
    protected: bool = True  # a count of people (or a measure computed on people)
    code: str = ""  # the catalogue code, shown as a secondary label


@dataclass
class Table:
    code: str  # the catalogue code(s) the table shows
    title: str
    columns: list[Column]
    rows: list[dict]
    chart: str = ""  # "", "bar", "hbar", "line"
    chart_columns: tuple[str, ...] = ()
    partition: bool = False  # rows split a whole: secondary suppression applies
    note: str = ""
    slug: str = ""
    chart_title: str = ""
    row_sums: tuple = ()  # (total column, (part columns…)): a sum inside each row (open data)
    masked: bool = field(default=False, init=False)

    @property
    def label_column(self) -> Column:
        return self.columns[0]

    @property
    def value_columns(self) -> list[Column]:
        return self.columns[1:]


def table_id(table: "Table") -> str:
    """A table's identity, the same in every period: its slug (or its title when it has none)."""
    return table.slug or table.title


def row_id(row: dict):
    """A row's identity, the same in every period (for the comparison of periods)."""
    return row.get("row_key", row.get("label"))


def protect(table: Table, hidden: set | frozenset = frozenset()) -> Table:
    """A copy of the table with the cells that could single out a person masked (see `protection.py`).

    `hidden`: the (row id, column key) cells another period would give away by difference (rule 3).
    """
    raw = [dict(row) for row in table.rows]
    rows = [dict(row) for row in table.rows]
    for column in table.value_columns:
        if not column.protected or column.kind == "text":
            continue
        for row in rows:
            value = row.get(column.key)
            mask = primary_mask(value, column.kind)
            if mask is None and (row_id(row), column.key) in hidden and not isinstance(value, bool):
                mask = NOT_PUBLISHED if value not in (None, 0) else None
            if mask is not None:
                row[column.key] = mask
    sums = []
    if table.partition:
        totals = [i for i, row in enumerate(rows) if row.get("is_total")]
        parts = [i for i, row in enumerate(rows) if not row.get("is_total")]
        for column in table.value_columns:
            if column.protected and column.kind == "count":
                total = (totals[0], column.key) if totals else None
                sums.append(Sum([(i, column.key) for i in parts], total))
    for total_key, part_keys in table.row_sums:
        sums += [Sum([(i, key) for key in part_keys], (i, total_key)) for i in range(len(rows))]
    complementary_suppression(rows, raw, sums)
    hide_dependent_rates(rows, raw, table.value_columns)
    result = replace(table, rows=rows)
    result.masked = True
    return result


def protect_value(value, kind: str = "count", hidden: bool = False):
    mask = primary_mask(value, kind)
    if mask is None and hidden and value not in (None, 0):
        mask = NOT_PUBLISHED
    return mask or value


# --- Formatting (French) --------------------------------------------------------------------------------------


def _group(number: int) -> str:
    return f"{number:,}".replace(",", NBSP)


def _decimal(value: float, digits: int = 1) -> str:
    text = f"{value:,.{digits}f}".replace(",", " ").replace(".", ",").replace(" ", NBSP)
    return text


def format_value(value, kind: str = "count") -> str:
    """How a cell reads on a page or in a PDF: "1 234", "42,5 %", "3 j", "< 5", "—"."""
    if isinstance(value, Masked):
        return value.text
    if value is None or value == "":
        return "—"
    if isinstance(value, Ratio):
        if value.value is None:
            return "—"
        if kind == "per_thousand":
            return _decimal(1000 * value.value, 1)
        return f"{_decimal(100 * value.value)}{NBSP}%"
    if isinstance(value, Median):
        if value.days is None:
            return "—"
        days = _decimal(value.days, 1).removesuffix(",0")
        return f"{days}{NBSP}j"
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, int):
        return _group(value)
    if isinstance(value, float):
        return _decimal(value, 1)
    return str(value)


def export_value(value, kind: str = "count"):
    """The value written in a CSV or XLSX cell: a number (shares as 0–1 fractions, days as days) or a text."""
    if isinstance(value, Masked):
        return value.text
    if value is None:
        return ""
    if isinstance(value, Ratio):
        if value.value is None:
            return ""
        return round(1000 * value.value, 2) if kind == "per_thousand" else round(value.value, 4)
    if isinstance(value, Median):
        return "" if value.days is None else value.days
    if isinstance(value, float):
        return round(value, 2)
    return value


def chart_value(value, kind: str = "count") -> float | None:
    """The number a chart draws; None for a masked or empty cell (the chart never shows what the table hides)."""
    if isinstance(value, Masked) or value is None:
        return None
    if isinstance(value, Ratio):
        if value.value is None:
            return None
        return round((1000 if kind == "per_thousand" else 100) * value.value, 1)
    if isinstance(value, Median):
        return value.days
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return None
