"""The figures of a panorama, computed for one territory (or the Région) and one month.

Each figure is read from the app that owns it, never typed in:
- population: the communes file (INSEE, populations légales, apps/geo/data);
- places and opening hours: the directory (public places, opening hours parsed by
  `apps.directory.opening_hours.parse_opening_hours`);
- first receptions, referral flows and delays: the indicators' monthly tables (`apps.indicators.measures`),
  over the twelve months that end with the panorama's month;
- professionals trained: attendance at the support programme's sessions (`apps.programme`);
- training sessions and trainings: the imported training offer (`apps.training.selectors`), the twelve months
  that start with the panorama's month (the offer is a forward-looking catalogue);
- coverage: coverage.py, from the directory and the communes.

The values are raw counts (stored as computed); small counts of people are masked when shown (display.py).
"""

from collections import Counter, defaultdict
from datetime import datetime, time, timedelta
from functools import lru_cache

from django.utils import timezone

from apps.directory.models import Place
from apps.directory.opening_hours import parse_opening_hours
from apps.indicators.filters import IndicatorFilter, Period, add_months
from apps.indicators.measures import capture, second_door
from apps.indicators.measures.base import pair_counts
from apps.training.selectors import territory_training_figures


def period_of(month) -> Period:
    """The twelve months that end with the panorama's month."""
    return Period(add_months(month, -11), month)


@lru_cache(maxsize=4096)
def weekly_hours(opening_hours: str) -> float | None:
    """Hours open per week from an OpenStreetMap opening_hours string; None when empty or unreadable."""
    if not (opening_hours or "").strip():
        return None
    try:
        rules = parse_opening_hours(opening_hours)
    except ValueError:
        return None
    by_day: dict[str, float] = {}
    for days, ranges in rules:
        if days == ["PH"]:
            continue
        for day in days:  # a later rule for a day replaces an earlier one (OpenStreetMap semantics)
            by_day[day] = sum(_minutes(end) - _minutes(start) for start, end in ranges or []) / 60
    return sum(by_day.values())


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def public_places() -> list[tuple[int | None, float | None, str]]:
    """Every public place once: (network id, weekly hours or None, commune code)."""
    rows = Place.objects.public().values_list("structure__network_id", "opening_hours", "commune_id").order_by()
    return [(network_id, weekly_hours(text or ""), commune) for network_id, text, commune in rows.iterator(2000)]


def offer_figures(places, commune_codes: set[str] | None, population: int, networks) -> dict:
    """Public places and weekly opening hours by network, in the communes given (None: everywhere)."""
    counts: Counter = Counter()
    hours: Counter = Counter()
    without_hours: Counter = Counter()
    for network_id, weekly, commune_id in places:
        if commune_codes is not None and commune_id not in commune_codes:
            continue
        counts[network_id] += 1
        if weekly is None:
            without_hours[network_id] += 1
        else:
            hours[network_id] += weekly
    rows = []
    for network in networks:
        if not counts.get(network.pk):
            continue
        n = counts[network.pk]
        rows.append(
            {
                "network": network.code,
                "label": network.label,
                "places": n,
                "per_10000": round(10000 * n / population, 2) if population else None,
                "hours_per_week": round(hours[network.pk], 1),
                "without_hours": without_hours[network.pk],
            }
        )
    total = sum(counts.values())
    return {
        "rows": rows,
        "places": total,
        "per_10000": round(10000 * total / population, 2) if population else None,
        "hours_per_week": round(sum(hours.values()), 1),
        "without_hours": sum(without_hours.values()),
    }


def activity_figures(territory, month) -> dict:
    """First receptions, referral flows and delays over the twelve months ending with `month`."""
    period = period_of(month)
    f = IndicatorFilter(period, territory=territory, today=min(timezone.localdate(), period.last_day))
    receptions = capture.receptions(f)
    if territory is not None:
        reach = capture.reach(f).get(territory.pk)
        residents = reach.receptions if reach else 0
    else:
        residents = sum(r.receptions for r in capture.reach(f).values())
    flows = {"in": 0, "out": 0, "inside": 0}
    for (sender, receiver), n in pair_counts(f).items():
        if territory is None:
            flows["inside"] += n
            continue
        sender_in, receiver_in = f.in_scope(sender), f.in_scope(receiver)
        if sender_in and receiver_in:
            flows["inside"] += n
        elif sender_in:
            flows["out"] += n
        elif receiver_in:
            flows["in"] += n
    delays = second_door.median_delays(f, "received")
    return {
        "period": {"start": f"{period.start:%Y-%m}", "end": f"{period.end:%Y-%m}", "label": period.label},
        "receptions": receptions,
        "residents_received": residents,
        "referrals": flows,
        "delays": {
            name: {"days": median.days, "count": median.count}
            for name, median in delays.items()
            if name in ("delay_answer", "delay_appointment")
        },
    }


def trained_figures(territory, month) -> dict:
    """Professionals of the territory's structures present at sessions of the support programme (12 months)."""
    from apps.programme.models import Registration, Session

    period = period_of(month)
    zone = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(period.start, time.min), zone)
    end = timezone.make_aware(datetime.combine(add_months(period.end, 1), time.min), zone)
    rows = Registration.objects.filter(
        status=Registration.Status.CONFIRMED,
        attended=True,
        session__starts_at__gte=start,
        session__starts_at__lt=end,
    ).exclude(session__status=Session.Status.CANCELLED)
    if territory is not None:
        rows = rows.filter(structure__territory=territory)
    pairs = list(rows.values_list("user_id", "session_id", "structure_id"))
    return {
        "professionals": len({user for user, _session, _structure in pairs}),
        "sessions": len({session for _user, session, _structure in pairs}),
        "structures": len({structure for _user, _session, structure in pairs if structure}),
    }


def training_figures(territory, month) -> dict:
    """The training offer's sessions starting in the twelve months from the panorama's month, and their trainings."""
    last_day = add_months(month, 12) - timedelta(days=1)
    return territory_training_figures(territory, month, last_day)


def communes_by_territory() -> dict[int, set[str]]:
    from apps.geo.models import Territory

    result: dict[int, set[str]] = defaultdict(set)
    for territory_id, code in Territory.communes.through.objects.values_list("territory_id", "commune_id"):
        result[territory_id].add(code)
    return result
