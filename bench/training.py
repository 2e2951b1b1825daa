"""`make bench` (training part): the LHEO import and the training search, on SQLite and PostgreSQL.

For each database, a throwaway database (migrated, the six départements of Centre-Val de Loire,
vocabularies, ROME 4.0, funding schemes), then:

    lheo_import_5k_s[sqlite] 3.1 s        import of a generated 5,000-training LHEO feed (validation included)
    training_search_p95_ms[sqlite] 21 ms  GET /api/v1/formations/search over an offer of 50,000 sessions,
                                          mixed queries (commune and radius, keywords, job, funded for a situation)

Targets: ≤ 5 s and ≤ 50 ms. Usage: .venv/bin/python bench/training.py [--db sqlite|postgresql|both] [--searches 300]
PostgreSQL is reached at postgres://postgres@127.0.0.1:5432 (BENCH_POSTGRES_SERVER), database spro_bench_training.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
TARGETS = {"lheo_import_5k_s": 5.0, "training_search_p95_ms": 50.0}
SQLITE_FILE = Path(tempfile.gettempdir()) / "spro-bench-training.sqlite3"
PG_NAME = "spro_bench_training"


def _pg_server() -> str:
    return os.environ.get("BENCH_POSTGRES_SERVER", "postgres://postgres@127.0.0.1:5432")


def _fresh_database(kind: str) -> str:
    if kind == "sqlite":
        SQLITE_FILE.unlink(missing_ok=True)
        return f"sqlite:///{SQLITE_FILE}"
    import psycopg

    with psycopg.connect(f"{_pg_server()}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {PG_NAME}")
        connection.execute(f"CREATE DATABASE {PG_NAME}")
    return f"{_pg_server()}/{PG_NAME}"


def outer(kinds: list[str], searches: int) -> int:
    failures = 0
    for kind in kinds:
        try:
            url = _fresh_database(kind)
        except Exception as error:  # PostgreSQL not reachable: say so, go on
            print(f"# {kind}: base indisponible ({error})", flush=True)
            failures += 1
            continue
        # bench/lib/settings.py: the project's settings with DEBUG off and the API throttle raised.
        env = os.environ | {"DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "bench.lib.settings"}
        done = subprocess.run(
            [PY, __file__, "--inner", "--searches", str(searches)], env=env, capture_output=True, text=True, check=False
        )
        lines = done.stdout.strip().splitlines()
        if done.returncode != 0 or not lines:
            print(f"# {kind}: échec\n{done.stdout}\n{done.stderr[-3000:]}", flush=True)
            failures += 1
            continue
        for line in lines[:-1]:
            print(f"# {kind}: {line}", flush=True)
        figures = json.loads(lines[-1])
        for name, value in figures.items():
            unit = "s" if name.endswith("_s") else "ms"
            verdict = "ok" if value <= TARGETS[name] else f"MANQUÉ (cible ≤ {TARGETS[name]} {unit})"
            print(f"{name}[{kind}] {value} {unit}  {verdict}", flush=True)
    return 1 if failures else 0


def _load() -> str:
    """The machine may be shared: the figures mean little without its load."""
    one, five, _ = os.getloadavg()
    return f"charge {one:.1f} / {five:.1f} (1 et 5 min, {os.cpu_count()} cœurs)"


def inner(searches: int) -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import random
    from datetime import date

    from django.core.management import call_command
    from django.test import Client

    from apps.directory.services import load_vocabularies
    from apps.geo.models import Commune
    from apps.geo.services import load_reference_geography
    from apps.training import services
    from apps.training.demo import DEPARTEMENTS, write_demo_feed
    from apps.training.models import TrainingSession

    call_command("migrate", verbosity=0)
    load_reference_geography(list(DEPARTEMENTS))
    load_vocabularies()
    services.load_rome()
    services.load_funding_schemes()
    start = date(2026, 11, 26)
    figures = {}
    with tempfile.TemporaryDirectory() as folder:
        feed = Path(folder) / "offre-5k.xml"
        write_demo_feed(feed, trainings=5000, start=start, seed=5)
        began, cpu = time.perf_counter(), time.process_time()
        offer = services.import_offer(feed)
        figures["lheo_import_5k_s"] = round(time.perf_counter() - began, 2)
        print(
            f"import : {offer.trainings} actions, {offer.sessions} sessions, {offer.state}, "
            f"temps processeur du bench {time.process_time() - cpu:.2f} s (sans le serveur PostgreSQL), {_load()}",
            flush=True,
        )
        big = Path(folder) / "offre-50k.xml"
        sessions = write_demo_feed(big, trainings=10000, sessions_per_action=(5, 5), start=start, seed=50)
        offer = services.import_offer(big)
        print(
            f"offre de la recherche : {offer.trainings} actions, {TrainingSession.objects.count()} sessions", flush=True
        )
        assert sessions >= 50000, sessions
    rng = random.Random(7)
    communes = list(Commune.objects.filter(population__gte=1000).values_list("code", flat=True))
    words = ["aide-soignant", "cuisinier", "cariste", "comptable", "français", "maçon", "développeur", ""]
    romes = ["J1501", "N1101", "G1602", "M1805", "F1602", ""]
    statuses = ["demandeur-emploi", "salarie", "jeune-sans-solution", ""]
    client = Client()
    client.get("/api/v1/formations/search")  # a started server: its URLs and modules are loaded
    timings, cpu_timings = [], []
    for number in range(searches):
        params = {"commune": rng.choice(communes), "radius_km": rng.choice([10, 20, 30, 50])}
        kind = number % 4
        if kind == 0:
            params["q"] = rng.choice(words)
        elif kind == 1:
            params["rome"] = rng.choice(romes)
        elif kind == 2:
            params |= {"status": rng.choice(statuses[:3]), "funded": "true", "q": rng.choice(words)}
        else:
            params |= {"q": rng.choice(words), "status": rng.choice(statuses), "age": rng.randint(16, 60)}
        began, cpu = time.perf_counter(), time.process_time()
        response = client.get("/api/v1/formations/search", {k: v for k, v in params.items() if v != ""})
        timings.append((time.perf_counter() - began) * 1000)
        cpu_timings.append((time.process_time() - cpu) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{params}: HTTP {response.status_code} {response.content[:300]!r}")
    timings.sort()
    cpu_timings.sort()
    print(
        f"recherche : {searches} requêtes, p50 {timings[len(timings) // 2]:.1f} ms, max {timings[-1]:.1f} ms ; "
        f"temps processeur du bench par requête p50 {cpu_timings[len(cpu_timings) // 2]:.1f} ms, "
        f"p95 {cpu_timings[int(len(cpu_timings) * 0.95) - 1]:.1f} ms ; {_load()}",
        flush=True,
    )
    figures["training_search_p95_ms"] = round(timings[int(len(timings) * 0.95) - 1], 1)
    print(json.dumps(figures), flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--searches", type=int, default=300)
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.inner:
        inner(arguments.searches)
    else:
        kinds = ["sqlite", "postgresql"] if arguments.db == "both" else [arguments.db]
        sys.exit(outer(kinds, arguments.searches))
