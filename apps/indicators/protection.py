"""The protection of small numbers, in one place: which periods may be asked for, and which cells are hidden.

The policy (stated on the page "Comment nous mesurons"):

1. **Threshold.** A count of 1 to 4 people is shown "< 5"; a share, a median or a rate computed on 1 to 4
   people is "n.d." (not published).
2. **Periods.** A dashboard shows a civil year, the last four quarters, a single month, or a custom period
   made of whole quarters (from the first month of a quarter to the last month of a quarter). A period cut
   anywhere else is refused with a French message (`period_error`).
3. **Differences between periods.** A cell of a period P is published only if no other period that may be
   asked for takes away 1 to 4 people from it: for every period S overlapping P whose share of P is
   itself published (5 people or more), the count of the months of P outside S must be 0 or at least 5
   (`difference_masks`). Otherwise it is "n.d.". So subtracting the same figure of two periods never
   gives a number of 1 to 4 people.
4. **Zeros beside a masked total.** When a total is masked (1 to 4 people), its zero parts are masked
   too ("< 5"): a "0 men" beside "< 5" received would say that every one of them is a woman.
5. **Complementary suppression.** In every total = sum of parts (the rows of a breakdown, the columns of a
   row of the open data), a single hidden part could be found again by subtraction: the smallest visible
   part is hidden too ("n.d."), and again until no sum has exactly one unknown. A share or a rate in the
   same row as a hidden count is hidden with it.

Rounding is not used: the figures stay exact where they are published.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from .filters import add_months
from .measures.base import Median, Ratio

THRESHOLD = 5
QUARTER_STARTS = (1, 4, 7, 10)


@dataclass(frozen=True)
class Masked:
    text: str
    reason: str

    def __str__(self):
        return self.text


SMALL = Masked("< 5", "effectif de moins de 5 personnes")
NOT_PUBLISHED = Masked(
    "n.d.", "non diffusé : calculé sur moins de 5 personnes, ou déductible d'un autre chiffre publié"
)


# --- Periods ----------------------------------------------------------------------------------------------------


def is_quarter_start(month: date) -> bool:
    return month.month in QUARTER_STARTS


def is_quarter_end(month: date) -> bool:
    return month.month in (3, 6, 9, 12)


def quarter_start(month: date) -> date:
    return date(month.year, 3 * ((month.month - 1) // 3) + 1, 1)


def period_error(start: date, end: date) -> str:
    """Why a custom period may not be shown ("" when it may): a single month, or whole quarters."""
    if start == end:
        return ""
    if not is_quarter_start(start) or not is_quarter_end(end):
        return (
            "Une période personnalisée est un mois seul, ou des trimestres entiers : du premier mois d'un "
            "trimestre (janvier, avril, juillet ou octobre) au dernier mois d'un trimestre (mars, juin, "
            "septembre ou décembre). Deux périodes décalées d'un mois permettraient de retrouver, par "
            "différence, des effectifs masqués."
        )
    return ""


def cut_intervals(start: date, end: date) -> list[tuple[date, date]]:
    """Every part P ∩ S of the period P = [start, end] that another allowed period S can share with it.

    S is a month, or runs from a quarter's first month to a quarter's last month (a quarter, a year, the
    last four quarters, a custom period): P ∩ S is one month of P, or starts at P's start or at a quarter
    start inside P and ends at P's end or at a quarter end inside P. P itself is left out.
    """
    months = []
    month = start
    while month <= end:
        months.append(month)
        month = add_months(month, 1)
    starts = [start] + [m for m in months if is_quarter_start(m) and m != start]
    ends = [end] + [m for m in months if is_quarter_end(m) and m != end]
    intervals = {(m, m) for m in months}
    intervals |= {(a, b) for a in starts for b in ends if a <= b}
    intervals.discard((start, end))
    return sorted(intervals)


# --- Cells --------------------------------------------------------------------------------------------------------


def people_counts(value, kind: str) -> tuple[int, ...]:
    """The counts of people a published value is made of (a share: its part and base; a median: its count)."""
    if isinstance(value, bool) or value is None:
        return ()
    if isinstance(value, int):
        return (value,) if kind in ("count", "text") else ()
    if isinstance(value, Ratio):
        return (value.part,) if kind == "per_thousand" else (value.part, value.base)
    if isinstance(value, Median):
        return (value.count,)
    return ()


def primary_mask(value, kind: str) -> Masked | None:
    """Rule 1: a count of 1 to 4, or a share, a median computed on 1 to 4 people."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return SMALL if kind in ("count", "text") and 0 < value < THRESHOLD else None
    if any(0 < n < THRESHOLD for n in people_counts(value, kind)):
        return NOT_PUBLISHED
    return None


def difference_masks(cells: dict, monthly: dict[date, dict], start: date, end: date, kinds: dict) -> set:
    """Rule 3: the cells of period [start, end] that another allowed period would give away by difference.

    `cells` maps a cell's identity to its value over the period; `monthly[m]` the same identities to their
    value for month m alone (a missing month or cell counts 0); `kinds` the identity's kind.
    """
    intervals = cut_intervals(start, end)
    if not intervals:
        return set()
    months = []
    month = start
    while month <= end:
        months.append(month)
        month = add_months(month, 1)
    index = {m: i for i, m in enumerate(months)}
    hidden = set()
    for key, value in cells.items():
        totals = people_counts(value, kinds.get(key, "count"))
        if not totals:
            continue
        for position, total in enumerate(totals):
            if total < THRESHOLD:
                continue  # already masked by rule 1 (or zero: nothing to give away)
            prefix = [0]
            for m in months:
                counts = people_counts(monthly.get(m, {}).get(key), kinds.get(key, "count"))
                prefix.append(prefix[-1] + (counts[position] if len(counts) > position else 0))
            for a, b in intervals:
                inside = prefix[index[b] + 1] - prefix[index[a]]
                if inside >= THRESHOLD and 0 < total - inside < THRESHOLD:
                    hidden.add(key)
                    break
            if key in hidden:
                break
    return hidden


# --- Equations: a total and its parts -----------------------------------------------------------------------------


@dataclass
class Sum:
    """`total` = sum of `parts`; each is a (row index, column key) of one table, or None for a total published
    elsewhere (a key figure), known unless `total_value` is masked."""

    parts: list[tuple[int, str]]
    total: tuple[int, str] | None = None
    total_value: int | None = None


def _is_count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def complementary_suppression(rows: list[dict], raw: list[dict], sums: Iterable[Sum]) -> None:
    """Rules 4 and 5 on a table's rows (already masked by rules 1 and 3), in place. `raw` keeps the values."""
    sums = list(sums)
    changed = True
    while changed:
        changed = False
        for equation in sums:
            parts = [(r, c) for r, c in equation.parts if _is_count(raw[r].get(c))]
            if not parts:
                continue
            total_raw = raw[equation.total[0]].get(equation.total[1]) if equation.total else None
            if not _is_count(total_raw):
                total_raw = equation.total_value
            if total_raw is None:
                total_raw = sum(raw[r][c] for r, c in parts)
            total_hidden = (
                isinstance(rows[equation.total[0]].get(equation.total[1]), Masked)
                if equation.total
                else 0 < total_raw < THRESHOLD
            )
            if 0 < total_raw < THRESHOLD:
                for r, c in parts:  # rule 4: no zero beside a masked total
                    if rows[r].get(c) == 0:
                        rows[r][c] = SMALL
                        changed = True
            hidden = [(r, c) for r, c in parts if isinstance(rows[r].get(c), Masked)]
            unknown = len(hidden) + (1 if total_hidden else 0)
            if unknown != 1 or (total_hidden and not hidden and total_raw == 0):
                continue
            visible = [(r, c) for r, c in parts if not isinstance(rows[r].get(c), Masked)]
            positive = [cell for cell in visible if raw[cell[0]][cell[1]] > 0]
            if positive:
                r, c = min(positive, key=lambda cell: (raw[cell[0]][cell[1]], cell))
                rows[r][c] = NOT_PUBLISHED
            elif visible:
                r, c = visible[0]
                rows[r][c] = SMALL  # a zero: the only way left to keep the hidden part unknown
            elif equation.total and not total_hidden:
                rows[equation.total[0]][equation.total[1]] = NOT_PUBLISHED
            else:
                continue
            changed = True


def hide_dependent_rates(rows: list[dict], raw: list[dict], columns) -> None:
    """A share in the same row as a hidden count is hidden too (share × total would give the count back)."""
    counts = [c.key for c in columns if c.protected and c.kind == "count"]
    rates = [c.key for c in columns if c.protected and c.kind in ("rate", "per_thousand", "days")]
    for row, original in zip(rows, raw, strict=True):
        hidden = {
            original.get(key) for key in counts if isinstance(row.get(key), Masked) and _is_count(original.get(key))
        }
        if not hidden:
            continue
        for key in rates:
            value = original.get(key)
            if isinstance(row.get(key), Masked):
                continue
            if (
                isinstance(value, Ratio)
                and (value.part in hidden or value.base in hidden)
                or isinstance(value, Median)
                and value.count in hidden
            ):
                row[key] = NOT_PUBLISHED


MonthlyCells = Callable[[date], dict]
