"""Interconnaissance: how much the members of the SPRO know and work with each other (cahier des charges §9)."""

from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Q

from apps.directory.models import Service

from ..filters import IndicatorFilter
from ..sources import SessionAttendance, programme_interconnaissance, programme_interconnaissance_by_territory
from .base import Ratio, pair_counts


def _pairs(f: IndicatorFilter) -> set[tuple[int, int]]:
    """Distinct unordered pairs of different structures that exchanged at least one referral in the period."""
    return f.cached("unordered_pairs", lambda: {(min(a, b), max(a, b)) for a, b in pair_counts(f) if a != b})


def exchange_pairs(f: IndicatorFilter) -> int:
    """IC-1: distinct pairs of structures exchanging referrals, both in scope (a structure: its partners)."""
    pairs = _pairs(f)
    if f.kind == "structure":
        return len({b if a == f.structure.pk else a for a, b in pairs if f.structure.pk in (a, b)})
    return len([pair for pair in pairs if f.in_scope(pair[0]) and f.in_scope(pair[1])])


def exchange_pairs_by_territory(f: IndicatorFilter) -> dict[int, int]:
    """IC-1 per territory: pairs whose two structures belong to that territory."""
    result: Counter = Counter()
    structures = f.structures
    for a, b in _pairs(f):
        territory_a = structures[a].territory_id if a in structures else None
        territory_b = structures[b].territory_id if b in structures else None
        if territory_a is not None and territory_a == territory_b and f.in_scope(a):
            result[territory_a] += 1
    return dict(result)


def possible_pairs(f: IndicatorFilter) -> int:
    """How many pairs the active structures in scope could form: n (n - 1) / 2."""
    n = len([pk for pk, info in f.structures.items() if info.is_active and f.in_scope(pk)])
    return n * (n - 1) // 2


def active_in_referrals(f: IndicatorFilter, per: str | None = None):
    """IC-2: active structures in scope that sent or received at least one referral from another structure."""
    active = {structure for pair in _pairs(f) for structure in pair}
    groups: dict = {}
    for pk, info in f.structures.items():
        if not info.is_active or not f.in_scope(pk):
            continue
        key = None if per is None else info.territory_id
        part, base = groups.get(key, (0, 0))
        groups[key] = (part + (pk in active), base + 1)
    if per is None:
        return Ratio(*groups.get(None, (0, 0)))
    return {key: Ratio(part, base) for key, (part, base) in groups.items()}


def session_attendance(f: IndicatorFilter) -> SessionAttendance | None:
    """IC-3 for the civil year the period ends in (support programme's sessions); None for a structure."""
    if f.kind == "structure":
        return None
    return programme_interconnaissance(f.period.end.year, f.territory)


def directory_freshness(f: IndicatorFilter, per: str | None = None):
    """IC-4: active services of active structures in scope verified within the last 6 months, today."""
    limit = f.today - timedelta(days=settings.SPRO_VERIFY_AFTER_DAYS)
    qs = Service.objects.public().order_by()
    ids = f.structure_ids
    if ids is not None:
        qs = qs.filter(structure_id__in=sorted(ids))
    fresh = Count("id", filter=Q(last_verified_at__gte=limit))
    if per is None:
        counts = qs.aggregate(part=fresh, base=Count("id"))
        return Ratio(counts["part"], counts["base"])
    rows = qs.values("structure__territory_id").annotate(part=fresh, base=Count("id"))
    return {row["structure__territory_id"]: Ratio(row["part"], row["base"]) for row in rows}


def session_attendance_by_territory(f: IndicatorFilter) -> dict[int, SessionAttendance] | None:
    """IC-3 per territory (sessions held in the territory), for the civil year the period ends in."""
    return programme_interconnaissance_by_territory(f.period.end.year)
