"""The tables every dashboard, export and synthesis is made of, and the protection of small numbers.

A `Table` holds raw values (int, `Ratio`, `Median`, float, text). `protect()` replaces the cells that
could single out a person by a `Masked` marker before anything is shown or exported:

- a count of 1 to 4 people becomes "< 5";
- a share or a median computed on 1 to 4 people becomes "n.d." (not published);
- when a single cell of a breakdown is masked, the next smallest one is masked too ("n.d."), so that
  it cannot be found again by subtracting the others from the total (secondary suppression).
"""

from dataclasses import dataclass, field, replace

from .measures.base import Median, Ratio

THRESHOLD = 5
NBSP = "\u202f"  # narrow no-break space: French thousands separator and before "%"


@dataclass(frozen=True)
class Masked:
    text: str
    reason: str

    def __str__(self):
        return self.text


SMALL = Masked("< 5", "effectif de 1 à 4 personnes")
NOT_PUBLISHED = Masked("n.d.", "non diffusé : calculé sur moins de 5 personnes ou déductible d'un autre chiffre")


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = "count"  # label, text, count, rate (a Ratio), per_thousand (a Ratio), days (a Median), decimal
    protected: bool = True  # a count of people (or a measure computed on people)


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
    masked: bool = field(default=False, init=False)

    @property
    def label_column(self) -> Column:
        return self.columns[0]

    @property
    def value_columns(self) -> list[Column]:
        return self.columns[1:]


def _needs_mask(value, column: Column) -> Masked | None:
    if not column.protected:
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and 0 < value < THRESHOLD and column.kind == "count":
        return SMALL
    if isinstance(value, Ratio) and (0 < value.part < THRESHOLD or 0 < value.base < THRESHOLD):
        return NOT_PUBLISHED
    if isinstance(value, Median) and 0 < value.count < THRESHOLD:
        return NOT_PUBLISHED
    return None


def protect(table: Table) -> Table:
    """A copy of the table with the small numbers masked (primary, then secondary suppression)."""
    rows = [dict(row) for row in table.rows]
    for column in table.value_columns:
        masked_here = []
        for row in rows:
            mask = _needs_mask(row.get(column.key), column)
            if mask is not None:
                row[column.key] = mask
                masked_here.append(row)
        if table.partition and column.kind == "count" and column.protected and len(masked_here) == 1:
            candidates = [
                row
                for row in rows
                if isinstance(row.get(column.key), int) and not isinstance(row.get(column.key), bool)
                if row.get(column.key) > 0 and not row.get("is_total")
            ]
            if candidates:
                smallest = min(candidates, key=lambda row: row[column.key])
                smallest[column.key] = NOT_PUBLISHED
    result = replace(table, rows=rows)
    result.masked = True
    return result


def protect_value(value, kind: str = "count"):
    return _needs_mask(value, Column("value", "", kind)) or value


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
