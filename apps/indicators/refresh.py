"""Rebuild the monthly table (MonthlyStat) from the orientation data.

Receptions are counted by SQL GROUP BY queries (one per dimension). Referrals are read in chunks of ids
with their events, to find which steps each one reached and when; the counts are summed in Python.
A run replaces every month from `since` on (everything when `since` is None) in one transaction.

Only the scheduled jobs (and the Région's "Recalculer" button) rebuild: a dashboard never does. The jobs
recompute the current month every `SPRO_INDICATORS_REFRESH_MINUTES` minutes (5 by default) and everything
every hour.
"""

import time
from collections import Counter
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import CharField, Count, F
from django.db.models.functions import Cast, Substr
from django.utils import timezone

from apps.directory.models import Theme
from apps.orientation.models import Reception, Referral, ReferralEvent

from .filters import add_months
from .models import MonthlyStat, RefreshRun

S = Referral.State
CHUNK = 20_000
# Dimensions of a reception read straight from a column (or a join), counted by SQL.
# Dimensions of a reception read from columns (or joins), grouped in few SQL queries: each group has few
# combinations per month and structure, so one GROUP BY counts several dimensions at once.
RECEPTION_GROUPS = [
    {"channel": "channel", "age_band": "age_band", "sex": "sex"},
    {"status": "status__code", "cep_level": "cep_level", "answer": "actions"},
    {"residence": "commune__territories__code"},
]
# Steps of a referral that the indicators count ("reached" at some point).
TRACKED_STATES = [
    S.RECEIVED,
    S.ACCEPTED,
    S.DECLINED,
    S.CONTACTED,
    S.APPOINTMENT_HELD,
    S.NO_SHOW,
    S.CLOSED,
    S.CANCELLED,
]
AFTER_ACCEPTANCE = {S.CONTACTED, S.APPOINTMENT_HELD, S.NO_SHOW, S.CLOSED}
FINAL_ANSWERS = {S.DECLINED, S.CLOSED}
LOCK_KEY = 6_060_606  # PostgreSQL advisory lock: one rebuild at a time


def answer_kind(actions) -> str:
    """What a first reception led to: answered on the spot, a follow-up here, re-addressed, or unknown."""
    actions = set(actions or [])
    if "referred" in actions:
        return "referred"
    if "appointment" in actions:
        return "appointment"
    if actions & {"information", "documentation"}:
        return "on_spot"
    return "unknown"


def latest_run() -> RefreshRun | None:
    return RefreshRun.objects.order_by("-finished_at").first()


def month_versions(months: list[date]) -> dict[date, int]:
    """For each month, the id of the refresh run that last rebuilt it (0 when none did). One query."""
    runs = []
    for pk, since in RefreshRun.objects.order_by("-finished_at").values_list("pk", "since")[:500]:
        runs.append((pk, since))
        if since is None:
            break
    versions = {}
    for month in months:
        versions[month] = next((pk for pk, since in runs if since is None or since <= month), 0)
    return versions


def refresh_minutes() -> int:
    """How often the scheduled jobs recompute the current month (the delay stated on the pages)."""
    return int(getattr(settings, "SPRO_INDICATORS_REFRESH_MINUTES", 5))


REFRESH_MINUTES = refresh_minutes()


def previous_month_start(today: date | None = None) -> date:
    today = today or timezone.localdate()
    first = today.replace(day=1)
    return (first - timedelta(days=1)).replace(day=1)


def refresh_indicators(since: date | None = None, skip_if_newer_than: datetime | None = None) -> RefreshRun | None:
    """Recompute the monthly tables from the first day of `since`'s month (everything when None)."""
    since = since.replace(day=1) if since else None
    started = timezone.now()
    clock = time.perf_counter()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
        if skip_if_newer_than is not None:
            last = latest_run()
            if last is not None and last.finished_at > skip_if_newer_than:
                return None  # another request rebuilt the tables while this one waited
        stale = MonthlyStat.objects.filter(months=1)
        stale = stale if since is None else stale.filter(month__gte=since)
        stale.delete()
        rows = _write(MonthlyStat.Source.RECEPTIONS, _count_receptions(since))
        referrals, pairs = _count_referrals(since)
        rows += _write(MonthlyStat.Source.SENT, referrals["sent"])
        rows += _write(MonthlyStat.Source.RECEIVED, referrals["received"])
        rows += _write(MonthlyStat.Source.PAIRS, pairs)
        windows, written = _write_windows(since)
        duration_ms = round((time.perf_counter() - clock) * 1000)
        return RefreshRun.objects.create(
            started_at=started,
            finished_at=timezone.now(),
            since=since,
            duration_ms=duration_ms,
            rows=rows + written,
            windows=windows,
        )


def window_starts(today: date | None = None) -> list[date]:
    """The 12-month periods worth precomputing: every civil year with data, and the last twelve months."""
    today = today or timezone.localdate()
    first = MonthlyStat.objects.filter(months=1).order_by("month").values_list("month", flat=True).first()
    starts = {add_months(today.replace(day=1), -11)}
    if first is not None:
        starts |= {date(year, 1, 1) for year in range(first.year, today.year + 1)}
    return sorted(starts)


def _write_windows(since: date | None) -> tuple[list[str], int]:
    """(Re)build the 12-month rows touched by the months from `since`; return every window available."""
    starts = window_starts()
    rebuilt = [start for start in starts if since is None or add_months(start, 11) >= since]
    old = MonthlyStat.objects.filter(months=12)
    if since is not None:
        old = old.filter(month__in=rebuilt)
    old.delete()
    written = 0
    for start in rebuilt:
        end = add_months(start, 11)
        for source in MonthlyStat.Source.values:
            merged: dict[int, dict] = {}
            monthly = MonthlyStat.objects.filter(source=source, months=1, month__gte=start, month__lte=end)
            for month, structure_id, counts in monthly.values_list("month", "structure_id", "counts"):
                target = merged.setdefault(structure_id, {"month": {}})
                for dimension, values in counts.items():
                    into = target.setdefault(dimension, {})
                    for value, n in values.items():
                        into[value] = into.get(value, 0) + n
                target["month"][f"{month:%Y-%m}"] = counts.get("total", {}).get("", 0)
            MonthlyStat.objects.bulk_create(
                (
                    MonthlyStat(month=start, months=12, structure_id=s, source=source, counts=data)
                    for s, data in merged.items()
                ),
                batch_size=500,
            )
            written += len(merged)
    previous = latest_run()
    kept = set(previous.windows if previous and since is not None else [])
    available = sorted((kept & {f"{s:%Y-%m}" for s in starts}) | {f"{s:%Y-%m}" for s in rebuilt})
    return available, written


def _month_of(text: str) -> date:
    return date(int(text[:4]), int(text[5:7]), 1)


def _write(source: str, counts: Counter) -> int:
    """Fold {(month, structure, dimension, value): n} into one row per month and structure."""
    rows: dict[tuple, dict] = {}
    for (month, structure, dimension, value), n in counts.items():
        rows.setdefault((month, structure), {}).setdefault(dimension, {})[str(value)] = n
    MonthlyStat.objects.bulk_create(
        (MonthlyStat(month=m, structure_id=s, source=source, counts=data) for (m, s), data in rows.items()),
        batch_size=500,
    )
    return len(rows)


def _count_receptions(since: date | None) -> Counter:
    base = Reception.objects.order_by()
    if since is not None:
        base = base.filter(date__gte=since)
    month = Substr(Cast("date", output_field=CharField()), 1, 7)
    counts: Counter = Counter()
    for index, group in enumerate(RECEPTION_GROUPS):
        columns = {f"v{i}": F(column) for i, column in enumerate(group.values())}
        rows = base.annotate(m=month, **columns).values("m", "structure_id", *columns).annotate(n=Count("id"))
        for row in rows:
            key = (row["m"], row["structure_id"])
            if index == 0:
                counts[(*key, "total", "")] += row["n"]
            for i, dimension in enumerate(group):
                value = row[f"v{i}"]
                if dimension == "answer":
                    value = answer_kind(value)
                counts[(*key, dimension, "" if value is None else str(value))] += row["n"]
    themes = Reception.themes.through.objects.order_by()
    if since is not None:
        themes = themes.filter(reception__date__gte=since)
    theme_rows = themes.values(
        m=Substr(Cast("reception__date", output_field=CharField()), 1, 7),
        s=F("reception__structure_id"),
        v=F("theme__code"),
    ).annotate(n=Count("id"))
    for row in theme_rows:
        counts[(row["m"], row["s"], "theme", row["v"])] += row["n"]
    return Counter({(_month_of(m), s, d, v): n for (m, s, d, v), n in counts.items()})


def _days(start: datetime | None, end: datetime | None) -> int | None:
    """Calendar days between two moments, read in local time (same day: 0)."""
    if start is None or end is None:
        return None
    return max(0, (timezone.localdate(end) - timezone.localdate(start)).days)


def referral_facts(referral: tuple, firsts: dict) -> list[tuple[str, str]]:
    """The (dimension, value) pairs one referral adds to each side's counts; delays are named "delay_*".

    `referral` is (id, sent_at, sender_id, receiver_id, origin, state, decline_reason, outcome, theme_code);
    `firsts` maps each state the referral went through to the first time it did.
    """
    _id, sent_at, _sender, _receiver, origin, state, decline_reason, outcome, _theme = referral
    reached = set(firsts) | {state}
    if reached & AFTER_ACCEPTANCE:
        reached.add(S.ACCEPTED)
    if reached & {S.ACCEPTED, S.DECLINED}:
        reached.add(S.RECEIVED)  # answering implies having read it
    facts = [("total", ""), ("origin", origin)]
    facts += [("reached", s) for s in TRACKED_STATES if s in reached]
    if state == S.DECLINED:
        facts.append(("decline_reason", decline_reason or "other"))
    if state == S.CLOSED:
        facts.append(("outcome", outcome or "other"))
    if state in FINAL_ANSWERS:
        facts.append(("closed_loop", ""))

    def first_of(*states):
        moments = [firsts[s] for s in states if s in firsts]
        return min(moments) if moments else None

    delays = {
        "delay_ack": _days(sent_at, first_of(S.RECEIVED, S.ACCEPTED, S.DECLINED)),
        "delay_answer": _days(sent_at, first_of(S.ACCEPTED, S.DECLINED)),
        "delay_contact": _days(first_of(S.ACCEPTED), first_of(S.CONTACTED)),
        "delay_appointment": _days(sent_at, first_of(S.APPOINTMENT_HELD)),
    }
    facts += [(name, str(days)) for name, days in delays.items() if days is not None]
    return facts


def _count_referrals(since: date | None) -> tuple[dict[str, Counter], Counter]:
    """({"sent": counts, "received": counts}, pair counts) in the {(month, structure, dimension, value): n} form."""
    theme_codes = dict(Theme.objects.values_list("id", "code"))
    base = Referral.objects.order_by("id")
    if since is not None:
        base = base.filter(sent_at__gte=timezone.make_aware(datetime.combine(since, datetime.min.time())))
    columns = (
        "id",
        "sent_at",
        "sender_structure_id",
        "receiver_structure_id",
        "origin",
        "state",
        "decline_reason",
        "outcome",
        "theme_id",
    )
    counts = {"sent": Counter(), "received": Counter()}
    pairs: Counter = Counter()
    last_id = 0
    while True:
        chunk = list(base.filter(id__gt=last_id).values_list(*columns)[:CHUNK])
        if not chunk:
            break
        first_id, last_id = chunk[0][0], chunk[-1][0]
        firsts: dict[int, dict] = {}
        events = ReferralEvent.objects.order_by().filter(referral_id__gte=first_id, referral_id__lte=last_id)
        for referral_id, to_state, at in events.values_list("referral_id", "to_state", "at"):
            steps = firsts.setdefault(referral_id, {})
            if to_state not in steps or at < steps[to_state]:
                steps[to_state] = at
        for row in chunk:
            row = (*row[:8], theme_codes.get(row[8], ""))
            referral_id, sent_at, sender, receiver, origin = row[:5]
            month = timezone.localdate(sent_at).replace(day=1)
            sides = [("received", receiver)] + ([("sent", sender)] if sender is not None else [])
            for dimension, value in referral_facts(row, firsts.get(referral_id, {})):
                for side, structure in sides:
                    counts[side][(month, structure, dimension, value)] += 1
            if origin == Referral.Origin.CALLBACK:
                counts["received"][(month, receiver, "callback_theme", row[8])] += 1
            if sender is not None:
                pairs[(month, sender, "to", receiver)] += 1
    return counts, pairs
