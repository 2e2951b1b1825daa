"""The Django side of the national benchmarks, one step per call, on the database in DATABASE_URL.

bench/run.py drives it (one process per step, so each database gets fresh connections):

    national.py base                 migrate; load communes, territories, vocabularies, routing rules
    national.py generate --scale S   generate the national directory (into a copy of the base)
    national.py status               the marker of the database (JSON), or {} when there is none
    national.py measure              p50/p95 of search API, orientation API, results page (test Client)
    national.py export --dir D       data·inclusion JSON of the whole offer, with the project's export
    national.py import --dir D       time the project's import of those files (into a copy of the base)
    national.py profile --what W     cProfile + SQL of one figure's query mix, into bench/results/

Prints one JSON object on its last line of standard output.
"""

import argparse
import cProfile
import io
import json
import math
import os
import pstats
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.lib.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.lib import queries  # noqa: E402
from bench.lib.databases import analyze_after_bulk_load  # noqa: E402

MARKER_TABLE = "bench_marker"
EXPORT_BASE_URL = "https://spro.example/"


# Marker: what a throwaway database holds, so a second run reuses it.


def read_marker() -> dict:
    if MARKER_TABLE not in connection.introspection.table_names():
        return {}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT name, value FROM {MARKER_TABLE}")
        return {name: json.loads(value) for name, value in cursor.fetchall()}


def write_marker(name: str, value) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {MARKER_TABLE} (name varchar(100) PRIMARY KEY, value text)")
        cursor.execute(f"DELETE FROM {MARKER_TABLE} WHERE name = %s", [name])
        cursor.execute(f"INSERT INTO {MARKER_TABLE} (name, value) VALUES (%s, %s)", [name, json.dumps(value)])


# Steps


def step_base(args) -> dict:
    from apps.directory.services import load_vocabularies
    from apps.geo.services import load_reference_geography, load_territories
    from apps.orientation.routing import load_default_rules

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    migrated = time.perf_counter()
    communes = load_reference_geography()
    load_territories()
    load_vocabularies()
    rules = load_default_rules()
    write_marker("base", args.version)
    return {
        "communes": communes,
        "rules": rules,
        "migrate_s": round(migrated - started, 1),
        "load_s": round(time.perf_counter() - migrated, 1),
    }


def step_generate(args) -> dict:
    from bench.lib.generator import generate

    call_command("migrate", verbosity=0, interactive=False)
    started = time.perf_counter()
    counts = generate(args.scale)
    generated = time.perf_counter()
    analyze_after_bulk_load(connection)
    write_marker("national", {"version": args.version, "scale": args.scale, "counts": counts})
    timings = {"generate_s": round(generated - started, 1), "analyze_s": round(time.perf_counter() - generated, 1)}
    return counts | timings


def step_status(args) -> dict:
    return read_marker()


def step_migrate(args) -> dict:
    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    return {"migrate_s": round(time.perf_counter() - started, 1)}


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def _timed(client: Client, urls: list[str], warmup: list[str], minimum: int, budget_s: float, check=None) -> dict:
    """Replay `urls` in order; past `minimum` requests, stop once `budget_s` seconds are spent (a slow
    code path must not make the run last an hour: the mix is random, so a prefix is a fair sample)."""
    for url in warmup:
        client.get(url)
    times, statuses, errors, extra = [], Counter(), [], []
    began, cpu_began, db_cpu_began = time.perf_counter(), time.process_time(), _db_cpu_s()
    for url in urls:
        if len(times) >= minimum and time.perf_counter() - began > budget_s:
            break
        started = time.perf_counter()
        try:
            response = client.get(url)
        except Exception as exc:  # a crash of the view: counted, and shown
            times.append((time.perf_counter() - started) * 1000)
            statuses["exception"] += 1
            errors.append(f"{url}: {exc!r}"[:300])
            continue
        times.append((time.perf_counter() - started) * 1000)
        statuses[response.status_code] += 1
        if response.status_code != 200:
            errors.append(f"{url}: HTTP {response.status_code} {response.content[:200]!r}")
        elif check is not None:
            extra.append(check(response))
    result = {
        "n": len(times),
        "p50_ms": round(percentile(times, 0.50), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
        "max_ms": round(max(times), 1),
        "mean_ms": round(sum(times) / len(times), 1),
        "non_200": sum(v for k, v in statuses.items() if k != 200),
        "errors": errors[:5],
        # CPU per request, whatever the machine's load: this process (Django, and SQLite's work) and,
        # on PostgreSQL, the server process of its connection (read in /proc: same machine).
        "cpu_ms_per_request": round((time.process_time() - cpu_began) * 1000 / len(times), 2),
    }
    if db_cpu_began is not None:
        result["db_cpu_ms_per_request"] = round((_db_cpu_s() - db_cpu_began) * 1000 / len(times), 2)
    if extra:
        result["mean_hits"] = round(sum(extra) / len(extra), 1)
        result["max_hits"] = max(extra)
    return result


def _db_cpu_s() -> float | None:
    """CPU seconds of the PostgreSQL backend serving this process's connection (None on SQLite)."""
    if connection.vendor != "postgresql":
        return None
    connection.ensure_connection()
    from bench.lib.peer import backend_cpu_s

    return backend_cpu_s(connection.connection.info.backend_pid)


def _sql_share(client: Client, urls: list[str]) -> dict:
    """Queries per request and the share of the time spent in SQL, over a sample."""
    total, sql, count = 0.0, 0.0, 0
    for url in urls:
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            client.get(url)
            total += time.perf_counter() - started
        count += len(captured.captured_queries)
        sql += sum(float(q["time"]) for q in captured.captured_queries)
    return {"queries_per_request": round(count / len(urls), 1), "sql_share": round(sql / total, 2) if total else 0}


def step_measure(args) -> dict:
    call_command("migrate", verbosity=0, interactive=False)
    client = Client()
    search = queries.search_urls(args.searches)
    orientation = queries.orientation_urls(args.orientations)
    results = queries.results_page_urls(args.pages)
    warm, budget = 20, args.budget
    out = {
        "search": _timed(
            client,
            search,
            queries.search_urls(warm, seed=1),
            minimum=min(300, len(search)),
            budget_s=budget,
            check=lambda r: json.loads(r.content)["count"],
        ),
        "orientation": _timed(
            client, orientation, queries.orientation_urls(warm, seed=2), minimum=150, budget_s=budget * 0.6
        ),
        "results_page": _timed(
            client, results, queries.results_page_urls(warm, seed=3), minimum=150, budget_s=budget * 0.6
        ),
    }
    for name, urls in [("search", search), ("orientation", orientation), ("results_page", results)]:
        out[name] |= _sql_share(client, urls[: args.sample])
    return out


def step_export(args) -> dict:
    from apps.directory import exchange

    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    structures = exchange.export_structures(EXPORT_BASE_URL)
    services = exchange.export_services(EXPORT_BASE_URL)
    exported = time.perf_counter()
    (folder / "structures.json").write_text(exchange.to_json(structures), encoding="utf-8")
    (folder / "services.json").write_text(exchange.to_json(services), encoding="utf-8")
    return {
        "structures": len(structures),
        "services": len(services),
        "export_s": round(exported - started, 1),
        "size_mb": round(sum((folder / f).stat().st_size for f in ("structures.json", "services.json")) / 1e6, 1),
    }


def step_import(args) -> dict:
    from apps.directory import exchange
    from apps.directory.models import Service

    call_command("migrate", verbosity=0, interactive=False)
    if Service.objects.exists():
        raise RuntimeError("The import database is not empty.")
    folder = Path(args.dir)
    started = time.perf_counter()
    structures = json.loads((folder / "structures.json").read_bytes())
    services = json.loads((folder / "services.json").read_bytes())
    parsed = time.perf_counter()
    try:
        counts = exchange.import_data_inclusion(structures, services)
    except exchange.ExchangeError as error:
        return {"failed": True, "errors": error.errors[:10], "error_count": len(error.errors)}
    done = time.perf_counter()
    return {
        "import_s": round(done - started, 1),
        "parse_s": round(parsed - started, 1),
        "records": len(services),
        "counts": counts,
        "services_in_db": Service.objects.count(),
    }


def step_profile(args) -> dict:
    """cProfile of one figure's query mix, and its slowest SQL statements, into bench/results/."""
    call_command("migrate", verbosity=0, interactive=False)
    urls = {
        "search": queries.search_urls,
        "orientation": queries.orientation_urls,
        "results_page": queries.results_page_urls,
    }[args.what](args.count)
    client = Client()
    for url in urls[:10]:
        client.get(url)
    profiler = cProfile.Profile()
    with CaptureQueriesContext(connection) as captured:
        profiler.enable()
        for url in urls:
            client.get(url)
        profiler.disable()
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"profile-{args.what}-{connection.vendor}.txt"
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    stats.sort_stats("cumulative").print_stats(45)
    stats.sort_stats("tottime").print_stats(25)
    by_sql: dict[str, list[float]] = {}
    for query in captured.captured_queries:
        by_sql.setdefault(_shape(query["sql"]), []).append(float(query["time"]))
    slowest = sorted(by_sql.items(), key=lambda item: -sum(item[1]))[:12]
    text.write("\n\nSQL by total time (shape, calls, total s, max s)\n")
    for sql, times in slowest:
        text.write(f"\n{len(times)} calls, {sum(times):.3f} s total, max {max(times):.3f} s\n{sql[:1500]}\n")
    text.write("\n\nSQL by number of calls (calls, total s, shape)\n")
    for sql, times in sorted(by_sql.items(), key=lambda item: -len(item[1]))[:12]:
        text.write(f"\n{len(times)} calls, {sum(times):.3f} s total\n{sql[:600]}\n")
    path.write_text(text.getvalue(), encoding="utf-8")
    return {"profile": str(path.relative_to(ROOT)), "queries": len(captured.captured_queries)}


def _shape(sql: str) -> str:
    """A statement with its literals blanked, so that the same query with other values groups together."""
    import re

    sql = re.sub(r"^SELECT (DISTINCT )?.*? FROM", r"SELECT \1… FROM", sql, count=1)
    sql = re.sub(r"'[^']*'", "?", sql)
    sql = re.sub(r"\b\d+(\.\d+)?\b", "?", sql)
    sql = re.sub(r"\(\?(, \?)+\)", "(?…)", sql)
    return re.sub(r"BETWEEN \? AND \?", "BETWEEN ? AND ?", sql)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    steps = ["base", "generate", "status", "migrate", "measure", "export", "import", "profile"]
    parser.add_argument("step", choices=steps)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--version", default="")
    parser.add_argument("--dir", default="")
    parser.add_argument("--searches", type=int, default=400)
    parser.add_argument("--orientations", type=int, default=300)
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--sample", type=int, default=30, help="requests per figure for the SQL share")
    parser.add_argument("--budget", type=float, default=150, help="seconds for the search mix past 300 requests")
    parser.add_argument("--what", default="search", choices=["search", "orientation", "results_page"])
    parser.add_argument("--count", type=int, default=200)
    args = parser.parse_args()
    result = globals()[f"step_{args.step}"](args)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
