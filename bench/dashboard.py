"""Benchmark: the regional dashboard over 1,000,000 first receptions and 200,000 referrals (and a year of the
person's voice: 20,000 follow-ups sent, their answers, 100,000 page ratings, 2,000 consultation responses).

Usage (from the project root):

    .venv/bin/python bench/dashboard.py                      # SQLite, /tmp/bench.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/spro_bench .venv/bin/python bench/dashboard.py

The database named by DATABASE_URL is a throwaway one: it is migrated, filled once with the demo
directory and fictional activity (bulk_create), then reused by later runs (`--regenerate` starts over).
A PostgreSQL database is created when missing. The script rebuilds the monthly indicator tables
(`refresh_indicators`, what the scheduled job does), then times the regional dashboard twice: the
function the page calls (`build_dashboard`) and one real HTTP request through Django's test client,
charts included. It prints `dashboard_regional_ms <value>`: the slowest HTTP request of the runs.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spro.settings")

from bench.lib.databases import analyze_after_bulk_load  # noqa: E402

RECEPTIONS = 1_000_000
REFERRALS = 200_000
BATCH = 5_000
SEED = 2026
DEPARTEMENTS = ["18", "28", "36", "37", "41", "45"]
ACTIONS = [["information"], ["documentation"], ["information", "appointment"], ["information", "referred"]]
# The states a referral went through after "sent" (same shapes as the demo data).
PATHS = [
    ["received", "accepted", "contacted", "appointment_held", "closed"],
    ["received", "accepted", "contacted", "no_show", "closed"],
    ["received", "declined"],
    ["accepted", "contacted", "closed"],
    ["received", "accepted"],
    ["received"],
    [],
]
OLD_PATHS = PATHS[:4]


def create_postgres_database(url: str) -> None:
    """CREATE DATABASE when it does not exist yet (connects to the server's `postgres` database)."""
    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin_url = parsed._replace(path="/postgres").geturl().replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}")


def setup_django() -> None:
    url = os.environ["DATABASE_URL"]
    if url.startswith(("postgres://", "postgresql://")):
        create_postgres_database(url)
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False  # no SQL log kept in memory while inserting millions of rows


def log(message: str, started: float) -> None:
    print(f"  {message} ({time.perf_counter() - started:.1f} s)", flush=True)


def load_reference() -> None:
    from apps.directory.models import Structure
    from apps.directory.services import load_demo_data, load_vocabularies
    from apps.geo.models import Commune
    from apps.geo.services import load_reference_geography, load_territories

    if not Commune.objects.exists():
        load_reference_geography(DEPARTEMENTS)
        load_territories()
    load_vocabularies()
    if not Structure.objects.exists():
        load_demo_data(with_users=False)


def wipe_activity() -> None:
    from django.db import connection

    from apps.feedback import models as voice
    from apps.indicators.models import AssistantSearchLog, MonthlyStat, RefreshRun
    from apps.orientation.models import Reception, Referral, ReferralContact, ReferralEvent

    tables = [
        m._meta.db_table
        for m in (ReferralEvent, ReferralContact, Referral, Reception.themes.through, Reception, AssistantSearchLog)
    ]
    tables += [
        m._meta.db_table
        for m in (
            voice.ConsultationAnswer,
            voice.ConsultationResponse,
            voice.ConsultationQuestion,
            voice.Consultation,
            voice.PageFeedback,
            voice.FollowUpAnswer,
            voice.FollowUpTally,
        )
    ]
    tables += [m._meta.db_table for m in (MonthlyStat, RefreshRun)]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")


def generate(rng: random.Random, reception_count: int = RECEPTIONS, referral_count: int = REFERRALS) -> None:
    """1,000,000 receptions over the last 365 days, 200,000 referrals with their events, assistant counters."""
    from django.db import transaction
    from django.utils import timezone

    from apps.directory.models import Status, Structure, Theme
    from apps.geo.models import Territory
    from apps.orientation.models import Reception, Referral, ReferralEvent

    started = time.perf_counter()
    structures = list(Structure.objects.filter(territory__isnull=False).values_list("pk", "territory_id"))
    communes: dict[int, list[str]] = {}
    departement_of: dict[str, str] = {}
    for territory in Territory.objects.prefetch_related("communes"):
        communes[territory.pk] = [c.code for c in territory.communes.all()]
        departement_of.update({c.code: c.departement_id for c in territory.communes.all()})
    by_territory: dict[int, list[int]] = {}
    for pk, territory_id in structures:
        by_territory.setdefault(territory_id, []).append(pk)
    statuses = list(Status.objects.values_list("pk", flat=True))
    themes = list(Theme.objects.values_list("pk", flat=True))
    weights = [rng.choice([1, 2, 3, 5, 8]) for _ in structures]
    today = timezone.localdate()
    through = Reception.themes.through

    referred: list[tuple] = []
    made = 0
    while made < reception_count:
        size = min(BATCH * 4, reception_count - made)
        chosen = rng.choices(structures, weights=weights, k=size)
        batch = []
        for structure_id, territory_id in chosen:
            commune = rng.choice(communes[territory_id]) if rng.random() < 0.95 else None
            batch.append(
                Reception(
                    structure_id=structure_id,
                    date=today - timedelta(days=rng.randint(0, 364)),
                    channel=rng.choice(["on_site", "on_site", "on_site", "phone", "email", "event", "remote"]),
                    age_band=rng.choice(["under_16", "16_25", "16_25", "26_44", "45_plus", "unknown"]),
                    sex=rng.choice(["f", "m", ""]),
                    status_id=rng.choice(statuses),
                    commune_id=commune,
                    departement_id=departement_of.get(commune),
                    actions=rng.choice(ACTIONS),
                    cep_level=rng.choice([1, 1, 1, 2, 3]),
                )
            )
        with transaction.atomic():
            created = Reception.objects.bulk_create(batch, batch_size=BATCH)
            links = [
                through(reception_id=r.pk, theme_id=theme)
                for r in created
                for theme in rng.sample(themes, rng.choice([1, 1, 2]))
            ]
            through.objects.bulk_create(links, batch_size=BATCH)
        referred += [
            (r.pk, r.structure_id, r.date, r.age_band, r.status_id, r.commune_id)
            for r in created
            if "referred" in r.actions
        ]
        made += size
        if made % 200_000 == 0:
            log(f"{made} receptions", started)

    # Referrals: 95 % from a first reception to a partner of the same territory (or, 1 in 10, anywhere),
    # 5 % call-back requests made online. `sent_at` and `at` are set here, not by auto_now_add.
    Referral._meta.get_field("sent_at").auto_now_add = False
    ReferralEvent._meta.get_field("at").auto_now_add = False
    rng.shuffle(referred)
    all_structures = [pk for pk, _t in structures]
    territory_of = dict(structures)
    reasons = [c for c, _l in Referral.DeclineReason.choices]
    outcomes = ["helped", "helped", "informed", "unreachable", "gave_up", "other"]
    made = 0
    while made < referral_count:
        size = min(BATCH, referral_count - made)
        referrals, paths = [], []
        for reception_id, sender, day, age_band, status_id, commune in referred[made : made + size]:
            callback = rng.random() < 0.05
            partners = by_territory[territory_of[sender]] if rng.random() < 0.9 else all_structures
            receiver = rng.choice(
                [pk for pk in rng.sample(partners, min(3, len(partners))) if pk != sender] or [sender]
            )
            recent = day > today - timedelta(days=30)
            path = rng.choice(PATHS if recent else OLD_PATHS)
            sent_at = timezone.make_aware(datetime.combine(day, datetime.min.time()) + timedelta(hours=9))
            sent_at += timedelta(minutes=rng.randint(0, 480))
            referrals.append(
                Referral(
                    origin="callback" if callback else "reception",
                    reception_id=None if callback else reception_id,
                    sender_structure_id=None if callback else sender,
                    receiver_structure_id=receiver,
                    state=path[-1] if path else "sent",
                    age_band=age_band,
                    status_id=status_id,
                    theme_id=rng.choice(themes),
                    commune_id=commune,
                    transmission_consent=True,
                    deadline=day + timedelta(days=7),
                    decline_reason=rng.choice(reasons) if "declined" in path else "",
                    outcome=rng.choice(outcomes) if "closed" in path else "",
                    sent_at=sent_at,
                )
            )
            paths.append(path)
        with transaction.atomic():
            created = Referral.objects.bulk_create(referrals, batch_size=BATCH)
            events = []
            for referral, path in zip(created, paths, strict=True):
                moment, previous = referral.sent_at, ""
                events.append(ReferralEvent(referral_id=referral.pk, from_state="", to_state="sent", at=moment))
                previous = "sent"
                for state in path:
                    moment += timedelta(days=rng.randint(0, 6), hours=rng.randint(1, 8))
                    events.append(
                        ReferralEvent(referral_id=referral.pk, from_state=previous, to_state=state, at=moment)
                    )
                    previous = state
                if path and path[-1] in ("closed", "declined"):
                    referral.closed_at = moment
            ReferralEvent.objects.bulk_create(events, batch_size=BATCH)
            Referral.objects.bulk_update([r for r in created if r.closed_at], ["closed_at"], batch_size=BATCH)
        made += size
        if made % 50_000 == 0:
            log(f"{made} referrals", started)

    generate_counters(rng)
    log("assistant counters", started)


def generate_counters(rng: random.Random) -> None:
    """A year of the assistant's anonymous counters: every territory, four themes a day."""
    from django.utils import timezone

    from apps.directory.models import Theme
    from apps.geo.models import Territory
    from apps.indicators.models import AssistantSearchLog

    today = timezone.localdate()
    territories = list(Territory.objects.values_list("pk", flat=True)) + [None]
    theme_codes = list(Theme.objects.values_list("code", flat=True))
    counters = [
        AssistantSearchLog(date=today - timedelta(days=d), theme_code=code, territory_id=t, count=rng.randint(1, 30))
        for d in range(365)
        for t in territories
        for code in rng.sample(theme_codes, 4)
    ]
    AssistantSearchLog.objects.bulk_create(counters, batch_size=BATCH)


def generate_voice(rng: random.Random) -> None:
    """A year of the person's voice: 20,000 follow-ups sent and their anonymous answers (about 45 %), 100,000
    page ratings, 40 consultations with 2,000 responses: read by the voice section of every dashboard."""
    from django.utils import timezone

    from apps.directory.models import Structure
    from apps.feedback.models import (
        Consultation,
        ConsultationResponse,
        FollowUpAnswer,
        FollowUpTally,
        PageFeedback,
    )
    from apps.feedback.page_feedback import PAGES

    today = timezone.localdate()
    months = []
    month = today.replace(day=1)
    for _ in range(12):
        months.append(month)
        month = (month - timedelta(days=1)).replace(day=1)
    cells = sorted(set(Structure.objects.filter(territory__isnull=False).values_list("territory_id", "network_id")))
    tallies, answers = [], []
    per_cell = 20_000 // (len(cells) * len(months)) + 1
    for territory_id, network_id in cells:
        for month in months:
            sent = rng.randint(per_cell // 2, per_cell * 3 // 2)
            tallies.append(FollowUpTally(territory_id=territory_id, network_id=network_id, month=month, sent=sent))
            for _ in range(rng.randint(sent * 35 // 100, sent * 55 // 100)):
                answers.append(
                    FollowUpAnswer(
                        territory_id=territory_id,
                        network_id=network_id,
                        month=month,
                        got_answer=rng.choice(["yes", "yes", "partly", "no"]),
                        right_place=rng.choice(["yes", "yes", "unsure", "no"]),
                        next_step=rng.choice(["support", "training", "informed", "still_looking", "nothing"]),
                        recommend=rng.choice(["yes", "yes", "maybe", "no"]),
                    )
                )
    FollowUpTally.objects.bulk_create(tallies, batch_size=BATCH)
    FollowUpAnswer.objects.bulk_create(answers, batch_size=BATCH)
    territories = sorted({t for t, _n in cells})
    pages = list(PAGES)
    ratings = [
        PageFeedback(
            page=(page := rng.choice(pages)),
            path="/" if page == "public:home" else "/quelle-porte/",
            territory_id=rng.choice(territories),
            helpful=rng.random() < 0.8,
            date=today - timedelta(days=rng.randint(0, 364)),
        )
        for _ in range(100_000)
    ]
    PageFeedback.objects.bulk_create(ratings, batch_size=BATCH)
    consultations = Consultation.objects.bulk_create(
        Consultation(territory_id=t, title=f"Consultation {n}", status="closed", token=f"bench-{n}")
        for n, t in enumerate(rng.choices(territories, k=40))
    )
    responses = [
        ConsultationResponse(consultation=rng.choice(consultations), channel="paper", month=rng.choice(months))
        for _ in range(2_000)
    ]
    ConsultationResponse.objects.bulk_create(responses, batch_size=BATCH)
    print(f"voice: {sum(t.sent for t in tallies)} follow-ups sent, {len(answers)} answers, {len(ratings)} page ratings")


def region_admin():
    from apps.accounts.models import User

    user, _ = User.objects.get_or_create(email="bench-admin@bench.spro.example", defaults={"role": "region_admin"})
    return user


def timed(function, runs: int) -> list[float]:
    durations = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        durations.append((time.perf_counter() - started) * 1000)
    return durations


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--regenerate", action="store_true", help="delete the activity and generate it again")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each measure (default 5)")
    parser.add_argument("--receptions", type=int, default=RECEPTIONS, help=argparse.SUPPRESS)  # smoke tests
    parser.add_argument("--referrals", type=int, default=REFERRALS, help=argparse.SUPPRESS)
    args = parser.parse_args()

    setup_django()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from apps.feedback.models import FollowUpTally
    from apps.indicators import charts
    from apps.indicators.dashboards import build_dashboard
    from apps.indicators.filters import IndicatorFilter, Period, add_months
    from apps.indicators.models import AssistantSearchLog
    from apps.indicators.refresh import refresh_indicators
    from apps.orientation.models import Reception, Referral

    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}", flush=True)
    call_command("migrate", verbosity=0)
    load_reference()
    if args.regenerate or Reception.objects.count() != args.receptions or Referral.objects.count() != args.referrals:
        print("generating the activity (once; reused by the next runs)…", flush=True)
        wipe_activity()
        generate(random.Random(SEED), args.receptions, args.referrals)
        analyze_after_bulk_load(connection)  # the same policy as every benchmark (bench/lib/databases.py)
    if not AssistantSearchLog.objects.exists():
        generate_counters(random.Random(SEED))
    if not FollowUpTally.objects.exists():
        generate_voice(random.Random(SEED))
    print(f"receptions {Reception.objects.count()}")
    print(f"referrals {Referral.objects.count()}")

    refresh_ms = timed(refresh_indicators, 1)[0]
    print(f"refresh_indicators_ms {refresh_ms:.0f}")

    def function():
        build_dashboard(IndicatorFilter(Period.last_four_quarters()), masked=True)

    # The first build after a refresh computes each month of the period alone (the protection against
    # differences between periods compares them); the scheduled job prepares them (warm_dashboards), the
    # next builds read them from the cache. Both figures are printed.
    from django.core.cache import cache

    cache.clear()
    cold_ms = timed(function, 1)[0]
    print(f"dashboard_regional_cold_function_ms {cold_ms:.0f}")

    client = Client()
    client.force_login(region_admin())

    def request():
        charts._render.cache_clear()  # draw every chart again: no warm cache between runs
        response = client.get("/indicateurs/region/")
        assert response.status_code == 200, response.status_code
        assert "Les territoires côte à côte" in response.content.decode()

    warm_up = client.get("/indicateurs/methode/")  # a running server has loaded its code already
    assert warm_up.status_code == 200
    function_ms = timed(function, args.runs)
    http_ms = timed(request, args.runs)

    def custom_period():  # three quarters: not precomputed, read month by month
        period = Period.last_four_quarters()
        build_dashboard(IndicatorFilter(Period(add_months(period.start, 3), period.end)), masked=True)

    custom_ms = timed(custom_period, args.runs)
    print(f"dashboard_regional_function_ms median {statistics.median(function_ms):.0f} max {max(function_ms):.0f}")
    print(f"dashboard_regional_custom_period_function_ms median {statistics.median(custom_ms):.0f}")
    print(f"dashboard_regional_http_ms median {statistics.median(http_ms):.0f} max {max(http_ms):.0f}")
    print(f"dashboard_regional_ms {max(http_ms):.0f}")


if __name__ == "__main__":
    main()
