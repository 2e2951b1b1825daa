"""The public side: searches in the assistant "Quelle porte pour moi ?" and call-back requests made online."""

from collections import Counter

from django.db.models import Sum

from ..filters import IndicatorFilter
from ..models import AssistantSearchLog
from .base import referral_cube, sum_dimension


def assistant_searches(f: IndicatorFilter, by: str | None = None):
    """PUB-1: searches answered by the assistant, in total or by theme code / territory id.

    Counted where the person searched (the commune given), so a structure has none.
    """
    if f.kind == "structure":
        return {} if by else 0

    def load():
        qs = AssistantSearchLog.objects.filter(date__gte=f.period.start, date__lte=f.period.last_day).order_by()
        if f.territory is not None:
            qs = qs.filter(territory=f.territory)
        rows = qs.values("theme_code", "territory_id").annotate(n=Sum("count"))
        return Counter(
            {(theme, territory): n for theme, territory, n in rows.values_list("theme_code", "territory_id", "n")}
        )

    counts = f.cached("assistant_searches", load)
    if by is None:
        return sum(counts.values())
    index = {"theme": 0, "territory": 1}[by]
    result: Counter = Counter()
    for key, n in counts.items():
        result[key[index]] += n
    return dict(result)


def callbacks(f: IndicatorFilter, by: str | None = None):
    """PUB-2: call-back requests sent online to the structures in scope, in total or by theme / territory."""
    cube = referral_cube(f, "received")
    if by is None:
        return sum(sum_dimension(cube, "callback_theme").values())
    if by == "theme":
        return dict(sum_dimension(cube, "callback_theme"))
    return dict(sum_dimension(cube, "callback_theme", per="territory", f=f))
