"""`make bench`: the national-scale benchmarks of the SPRO platform, on SQLite and PostgreSQL.

For each database: a throwaway copy of the reference data (communes, territories, vocabularies,
routing rules), a generated national directory (20,000 structures, 60,000 places, 100,000
services at --scale 1), reused while its marker matches; then one line per figure:

    search_p50_ms[sqlite] 12.3 ms        search API (test Client), mixed queries
    search_p95_ms[sqlite] 23.4 ms
    orientation_p95_ms[sqlite] …         orientation API
    results_page_p95_ms[sqlite] …        public results page /recherche/ (no htmx)
    search_rps_cached[sqlite] …          gunicorn on 127.0.0.1, 20 s replaying 400 searches already cached
    search_rps_uncached[sqlite] …        the same servers, 20 s of searches that never repeat
    peer_search_p95_ms[postgresql] …     data·inclusion's search method (PostGIS), same directory and queries
    search_speedup_vs_peer[postgresql] … their p95 over ours
    import_100k_services_s[sqlite] …     data·inclusion import of the exported offer, fresh database
    dashboard_regional_ms[sqlite] …      bench/dashboard.py, when present
    coverage_national_s[sqlite] …        bench/panorama.py: every commune's nearest place of six networks
    panorama_page_ms[sqlite] …           bench/panorama.py: the Dreux panorama page, p95

Lines starting with "#" are details. Usage:

    .venv/bin/python bench/run.py [--db sqlite|postgresql|both] [--scale 1.0] [--profile]
"""

import argparse
import hashlib
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.lib import load, peer, queries  # noqa: E402
from bench.lib.databases import PG_SERVER, Database  # noqa: E402
from bench.lib.report import TARGETS, Report  # noqa: E402

PY = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
NATIONAL = ROOT / "bench" / "national.py"
DASHBOARD = ROOT / "bench" / "dashboard.py"
PANORAMA = ROOT / "bench" / "panorama.py"
FAULTS = ROOT / "bench" / "faults.py"
RESULTS = ROOT / "bench" / "results"
BASE_VERSION = "base-1"

STEPS = ["client", "rps", "import", "dashboard", "panorama", "faults"]
NEEDS_NATIONAL = {"client", "rps", "import", "panorama"}  # the steps that read the generated national directory


def _hash(*paths: Path) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def generator_version() -> str:
    lib = ROOT / "bench" / "lib"
    return "gen-" + _hash(lib / "generator.py", lib / "catalogue.py", lib / "reference.py")


def export_version() -> str:
    return "exp-" + _hash(*sorted((ROOT / "apps" / "directory").glob("exchange*.py")))


def log(message: str) -> None:
    print(f"# {message}", flush=True)


def step(db: Database, kind: str, name: str, *args: str, timeout: float = 1200, env: dict | None = None) -> dict:
    """Run one step of bench/national.py on one database; its JSON answer."""
    env = os.environ | (env or {}) | {"DATABASE_URL": db.url(kind), "PYTHONWARNINGS": "ignore::UserWarning"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run(
        [PY, str(NATIONAL), name, *args], env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"national.py {name} failed on {db.engine}/{kind}:\n{done.stderr[-3000:]}")
    return json.loads(lines[-1])


def prepare(db: Database, scale: float, fresh: bool) -> None:
    """The base and the national directory, reused when their markers match."""
    db.create("base")
    if fresh or step(db, "base", "status").get("base") != BASE_VERSION:
        log(f"{db.engine}: building the reference database (migrate, 35,014 communes, vocabularies, rules)")
        db.drop("base")
        db.create("base")
        info = step(db, "base", "base", "--version", BASE_VERSION)
        log(f"{db.engine}: base ready ({info})")
    version = generator_version()
    marker = step(db, "national", "status").get("national", {}) if db.exists("national") else {}
    if not fresh and marker.get("version") == version and marker.get("scale") == scale:
        log(f"{db.engine}: reusing the national directory at scale {scale} ({marker.get('counts')})")
        step(db, "national", "migrate")
        return
    log(f"{db.engine}: generating the national directory at scale {scale}")
    db.clone("base", "national")
    info = step(db, "national", "generate", "--scale", str(scale), "--version", version)
    log(f"{db.engine}: generated {info}")


def loadavg() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def bench_client(db: Database, report: Report, args) -> None:
    label = db.engine
    log(f"{db.engine}: search, orientation and results page through Django's test Client (load {loadavg()})")
    out = step(db, "national", "measure", "--searches", str(args.searches), timeout=1800)
    report.figure(label, "search_p50_ms", out["search"]["p50_ms"])
    report.figure(label, "search_p95_ms", out["search"]["p95_ms"])
    report.figure(label, "orientation_p95_ms", out["orientation"]["p95_ms"])
    report.figure(label, "results_page_p95_ms", out["results_page"]["p95_ms"])
    for name, values in out.items():
        summary = {k: v for k, v in values.items() if k != "errors"}
        log(f"{name}[{db.engine}] {summary}")
        for error in values["errors"]:
            log(f"  error: {error}")
        if values["non_200"]:
            log(f"{name}[{label}]: {values['non_200']} of {values['n']} responses were not 200: figure not valid")
            report.failed.append(f"{name}[{label}] non-200")
        report.detail(label, name, values)
    if db.engine == "postgresql":
        bench_peer(db, report, args, out["search"])


def bench_peer(db: Database, report: Report, args, ours: dict) -> None:
    """data·inclusion's search method (PostGIS) over the same directory and the same queries."""
    reason = peer.ensure_postgis(f"{PG_SERVER}/postgres", log)
    if reason is None:
        db.create("peer")
        version = f"{generator_version()}-{args.scale}"
        if peer.built(db.url("peer")) != version:
            log(f"{db.engine}: building the peer's tables (data·inclusion's layout, PostGIS) from our directory")
            rows = peer.build(db.url("national"), db.url("peer"), version)
            log(f"{db.engine}: peer tables ready ({rows} services)")
        log(f"{db.engine}: the peer's search method on the same {args.searches} queries (load {loadavg()})")
        report.load(db.engine, "peer", loadavg())
        out = peer.measure(db.url("peer"), args.searches)
        log(f"peer_search[{db.engine}] {out}")
        report.detail(db.engine, "peer_search", out)
        report.figure(db.engine, "peer_search_p95_ms", out["p95_ms"])
        report.figure(db.engine, "search_speedup_vs_peer", round(out["p95_ms"] / ours["p95_ms"], 1))
        # The same ratio in CPU time per search (mean), which the machine's load moves much less:
        # their database's work against ours, and against all of ours (Django's included).
        our_db, our_app = ours.get("db_cpu_ms_per_request"), ours.get("cpu_ms_per_request")
        if our_db and our_app:
            ratios = {
                "db_cpu": round(out["db_cpu_ms_per_search"] / our_db, 1),
                "db_cpu_vs_all_of_ours": round(out["db_cpu_ms_per_search"] / (our_db + our_app), 1),
            }
            log(f"search_cpu_ratio_vs_peer[{db.engine}] {ratios}")
            report.detail(db.engine, "peer_cpu_ratio", ratios)
        return
    log(f"{db.engine}: {reason}")
    report.unavailable(db.engine, "peer_search_p95_ms", reason)
    report.unavailable(db.engine, "search_speedup_vs_peer", "PostGIS unavailable")


def bench_rps(db: Database, report: Report, args) -> None:
    log(f"{db.engine}: search_rps_cached, gunicorn on 127.0.0.1, {args.duration:.0f} s of replayed searches")
    RESULTS.mkdir(parents=True, exist_ok=True)
    workers = [int(w) for w in args.workers.split(",")]
    final, probes = load.measure_rps(
        PY,
        db.url("national"),
        queries.search_urls(400),
        args.duration,
        workers,
        log,
        RESULTS / f"gunicorn-{db.engine}.log",
    )
    report.figure(db.engine, "search_rps_cached", round(final.rps, 1))
    errors = final.non_200 + final.socket_errors
    detail = {
        "tool": final.tool,
        "workers": final.workers,
        "connections": final.connections,
        "seconds": round(final.seconds, 1),
        "ok": final.ok,
        "non_200": final.non_200,
        "socket_errors": final.socket_errors,
        "p50_ms": final.p50_ms,
        "p95_ms": final.p95_ms,
        "probes": {p.workers: round(p.rps, 1) for p in probes},
        "cache": final.cache,
        "cpu_ms_per_request": final.cpu_ms_per_request,
    }
    log(f"search_rps_cached[{db.engine}] {detail}")
    for note in final.notes:
        log(f"  {note}")
    print(f"search_rps_errors[{db.engine}] {errors} responses", flush=True)
    report.detail(db.engine, "search_rps_cached", detail)
    bench_rps_uncached(db, report, args, workers)


UNCACHED_SEARCHES = 20_000  # more distinct searches than a run can send: none is answered twice


def bench_rps_uncached(db: Database, report: Report, args, workers: list[int]) -> None:
    """Searches that never repeat (a mix of 20,000 distinct URLs, the cache on as in production, its
    key never found): what every search costs. Probes the worker counts itself."""
    log(f"{db.engine}: search_rps_uncached, {args.duration:.0f} s of searches that never repeat (load {loadavg()})")
    urls = list(dict.fromkeys(queries.search_urls(UNCACHED_SEARCHES, seed=queries.SEED + 10)))
    uncached, probes = load.measure_rps(
        PY,
        db.url("national"),
        urls,
        args.duration,
        workers,
        log,
        RESULTS / f"gunicorn-{db.engine}.log",
        warm_cache=False,
    )
    report.figure(db.engine, "search_rps_uncached", round(uncached.rps, 1))
    detail = {
        "tool": uncached.tool,
        "workers": uncached.workers,
        "distinct_urls": len(urls),
        "sent": uncached.ok + uncached.non_200,
        "p50_ms": uncached.p50_ms,
        "p95_ms": uncached.p95_ms,
        "probes": {p.workers: round(p.rps, 1) for p in probes},
        "cache": uncached.cache,
        "cpu_ms_per_request": uncached.cpu_ms_per_request,
    }
    log(f"search_rps_uncached[{db.engine}] {detail}")
    report.detail(db.engine, "search_rps_uncached", detail)
    if uncached.non_200 or uncached.socket_errors:
        report.failed.append(f"search_rps_uncached[{db.engine}] errors")


def export_folder(engine: str) -> Path:
    return Path(f"/tmp/spro-bench-export-{engine}")


def export_stamp(scale: float) -> dict:
    return {"generator": generator_version(), "export": export_version(), "scale": scale}


def export_offer(db: Database, report: Report, args) -> Path | None:
    """The data·inclusion files of the national directory, made by the project's export functions
    (exchange.export_structures / export_services); cached until the generator, the export code or
    the scale change. None when the export does not finish within --export-timeout."""
    folder = export_folder(db.engine)
    stamp_file = folder / "stamp.json"
    if stamp_file.exists() and json.loads(stamp_file.read_text()) == export_stamp(args.scale):
        return folder
    timed_out = folder / "timeout.json"  # a known timeout is not retried until the code or the data change
    timeout_stamp = export_stamp(args.scale) | {"s": args.export_timeout}
    if timed_out.exists() and json.loads(timed_out.read_text()) == timeout_stamp:
        log(f"{db.engine}: the project's export timed out on this directory before ({args.export_timeout:.0f} s)")
        report.detail(db.engine, "export", {"timeout_s": args.export_timeout, "cached": True})
        return None
    log(f"{db.engine}: exporting the offer to data·inclusion JSON (project's export functions)")
    shutil.rmtree(folder, ignore_errors=True)
    try:
        info = step(db, "national", "export", "--dir", str(folder), timeout=args.export_timeout)
    except subprocess.TimeoutExpired:
        log(f"{db.engine}: the project's export did not finish within {args.export_timeout:.0f} s (see README)")
        report.detail(db.engine, "export", {"timeout_s": args.export_timeout})
        folder.mkdir(parents=True, exist_ok=True)
        timed_out.write_text(json.dumps(timeout_stamp))
        return None
    stamp_file.write_text(json.dumps(export_stamp(args.scale)))
    log(f"{db.engine}: exported {info}")
    report.detail(db.engine, "export", info)
    return folder


def bench_import(db: Database, report: Report, args) -> None:
    folder = export_offer(db, report, args)
    if folder is None:
        # Same seed, same primary keys: the other engine's directory is the same, record for record.
        other = Database("postgresql" if db.engine == "sqlite" else "sqlite")
        stamp_file = export_folder(other.engine) / "stamp.json"
        if not (stamp_file.exists() and json.loads(stamp_file.read_text()) == export_stamp(args.scale)):
            log(f"{db.engine}: exporting the same directory from {other.engine} instead")
            prepare(other, args.scale, fresh=False)
            export_offer(other, report, args)
        if stamp_file.exists() and json.loads(stamp_file.read_text()) == export_stamp(args.scale):
            folder = export_folder(other.engine)
            log(f"{db.engine}: importing the files exported from {other.engine} (identical generated directory)")
            report.detail(db.engine, "import_input", f"exported from {other.engine}")
        else:
            report.figure(db.engine, "import_100k_services_s", None)
            return
    log(f"{db.engine}: import into a fresh database (copy of the reference data) (load {loadavg()})")
    db.clone("base", "import")
    out = step(db, "import", "import", "--dir", str(folder), timeout=1800)
    if out.get("failed"):
        log(f"import refused ({out['error_count']} errors): {out['errors']}")
        report.figure(db.engine, "import_100k_services_s", None)
    else:
        report.figure(db.engine, "import_100k_services_s", out["import_s"])
        log(f"import_100k_services_s[{db.engine}] {out}")
    report.detail(db.engine, "import", out)
    db.drop("import")


def bench_dashboard(db: Database, report: Report, args) -> None:
    """bench/dashboard.py (written separately) on its own throwaway database; its lines, tagged."""
    if not DASHBOARD.exists():
        log("bench/dashboard.py is not there yet: dashboard_regional_ms not measured")
        return
    db.create("dashboard")
    log(f"{db.engine}: bench/dashboard.py on {db.url('dashboard')} (load {loadavg()})")
    env = os.environ | {
        "DATABASE_URL": db.url("dashboard"),
        "BENCH_DB": db.engine,
        "BENCH_SCALE": str(args.scale),
        "PYTHONWARNINGS": "ignore::UserWarning",
    }
    found = False
    with tempfile.TemporaryFile(mode="w+") as errors:
        process = subprocess.Popen(
            [PY, str(DASHBOARD)], env=env, stdout=subprocess.PIPE, stderr=errors, text=True, cwd=ROOT
        )
        timer = threading.Timer(1800, process.kill)  # bounded, like every step
        timer.start()
        for raw in process.stdout:  # its progress, as it comes
            line = raw.strip()
            match = re.match(r"^([a-z0-9_]+)(\[[a-z]+\])?\s+([-\d.]+)\s*([a-z/%]*)$", line)
            if match and match.group(1) in TARGETS:
                found = True
                print(line, flush=True)  # as bench/dashboard.py printed it, under the "# <engine>:" line above
                report.figure(db.engine, match.group(1), float(match.group(3)), match.group(4) or None)
            elif line:
                log(f"  dashboard: {line}")
        returncode = process.wait()
        timer.cancel()
        errors.seek(0)
        stderr = errors.read()
    if returncode != 0 or not found:
        log(f"bench/dashboard.py failed (exit {returncode}): {stderr[-1500:]}")
        report.figure(db.engine, "dashboard_regional_ms", None)


def bench_panorama(db: Database, report: Report, args) -> None:
    """bench/panorama.py on the national directory: coverage of every commune, the panorama page."""
    log(f"{db.engine}: bench/panorama.py on {db.url('national')} (load {loadavg()})")
    env = os.environ | {"DATABASE_URL": db.url("national"), "PYTHONWARNINGS": "ignore::UserWarning"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run(
        [PY, str(PANORAMA)], env=env, cwd=ROOT, capture_output=True, text=True, timeout=1200, check=False
    )
    found = set()
    for line in done.stdout.splitlines():
        match = re.match(r"^([a-z0-9_]+)\s+([-\d.]+)\s*([a-z/%]*)$", line.strip())
        if match and match.group(1) in TARGETS:
            found.add(match.group(1))
            report.figure(db.engine, match.group(1), float(match.group(2)), match.group(3) or None)
        elif line.strip():
            log(f"  panorama: {line.lstrip('# ')}")
    for name in {"coverage_national_s", "panorama_page_ms"} - found:
        log(f"bench/panorama.py failed (exit {done.returncode}): {done.stderr[-1500:]}")
        report.figure(db.engine, name, None)


def bench_faults(db: Database, report: Report, args) -> None:
    """bench/faults.py on the demo data: 2 min of mixed public traffic (0 errors); on PostgreSQL, the restart drill."""
    for command in [["soak", "--db", db.engine]] + ([["pg-restart"]] if db.engine == "postgresql" else []):
        log(f"{db.engine}: bench/faults.py {' '.join(command)} (load {loadavg()})")
        done = subprocess.run(
            [PY, str(FAULTS), *command], cwd=ROOT, capture_output=True, text=True, timeout=900, check=False
        )
        for line in done.stdout.splitlines():
            name, value, unit = (line.split(maxsplit=2) + ["", ""])[:3]
            if line.startswith("#") or not value:
                log(f"  faults: {line.lstrip('# ')}")
            else:
                number = None if value == "FAILED" else (float(value) if "." in value else int(value))
                report.figure(db.engine, name, number, unit or None)
        if done.returncode != 0:
            log(f"bench/faults.py {command[0]} failed (exit {done.returncode}): {done.stderr[-1500:]}")
            report.failed.append(f"faults-{command[0]}[{db.engine}]")


def profile(db: Database, report: Report) -> None:
    for what, name in [
        ("search", "search_p95_ms"),
        ("orientation", "orientation_p95_ms"),
        ("results_page", "results_page_p95_ms"),
    ]:
        if any(m.startswith(f"{name}[{db.engine}]") for m in report.missed()):
            out = step(db, "national", "profile", "--what", what, "--count", "150")
            log(f"{db.engine}: profile of {what} in {out['profile']}")


def _commit() -> str:
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return done.stdout.strip()


def machine() -> dict:
    import django

    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo if "model name" in line), platform.processor())
    memory_kb = next(
        int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
    )
    return {
        "nproc": os.cpu_count(),
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "cpu": cpu,
        "python": platform.python_version(),
        "django": django.get_version(),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 100,000 services at 60,000 places")
    parser.add_argument("--only", default=",".join(STEPS), help=f"comma-separated steps among {','.join(STEPS)}")
    parser.add_argument("--duration", type=float, default=20, help="seconds of load for search_rps_cached / _uncached")
    parser.add_argument("--workers", default="2,3,4", help="gunicorn worker counts to probe (the best is kept)")
    parser.add_argument("--searches", type=int, default=400, help="queries of the search mix (≥ 300)")
    parser.add_argument("--fresh", action="store_true", help="rebuild the throwaway databases")
    parser.add_argument(
        "--export-timeout", type=float, default=180, help="seconds allowed to the project's data·inclusion export"
    )
    parser.add_argument("--profile", action="store_true", help="cProfile the figures that miss their target")
    args = parser.parse_args()
    engines = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    only = set(args.only.split(","))
    started = time.monotonic()
    info = machine() | {"loadavg_start": loadavg(), "code": _commit()}
    report = Report()
    log(f"machine: {info}; load average {loadavg()}")
    log(f"scale {args.scale}; databases: {', '.join(engines)}; steps: {', '.join(s for s in STEPS if s in only)}")
    for engine in engines:
        db = Database(engine)
        engine_started = time.monotonic()
        try:
            info[f"{engine}_version"] = db.server_version()
            log(f"{engine}: {info[f'{engine}_version']}")
            if only & NEEDS_NATIONAL:  # `--only dashboard` (or faults) uses its own database: nothing to build
                prepare(db, args.scale, args.fresh)
        except Exception as exc:  # the engine cannot be benchmarked: say so, go on with the other
            log(f"{engine}: preparation failed: {exc}")
            report.failed.append(f"prepare[{engine}]")
            continue
        for name, function in [
            ("client", bench_client),
            ("rps", bench_rps),
            ("import", bench_import),
            ("dashboard", bench_dashboard),
            ("panorama", bench_panorama),
            ("faults", bench_faults),
        ]:
            if name not in only:
                continue
            report.load(engine, name, loadavg())
            try:
                function(db, report, args)
            except Exception as exc:
                log(f"{engine}: {name} failed: {exc}")
                report.failed.append(f"{name}[{engine}]")
        if args.profile:
            profile(db, report)
        log(f"{engine}: done in {time.monotonic() - engine_started:.0f} s")
    elapsed = time.monotonic() - started
    info["loadavg_end"] = loadavg()
    log(f"total {elapsed / 60:.1f} min")
    table = report.table(engines + [f"{e}+fixes" for e in engines if f"{e}+fixes" in report.figures])
    print("\n" + table)
    for line in report.missed():
        log(f"target missed: {line}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    record = {
        "when": stamp,
        "scale": args.scale,
        "machine": info,
        "minutes": round(elapsed / 60, 1),
        "figures": report.figures,
        "details": report.details,
        "missed": report.missed(),
        "failed": report.failed,
        "table": table,
        "load": report.loads,
    }
    (RESULTS / f"run-{stamp}.json").write_text(json.dumps(record, indent=1, ensure_ascii=False))
    log(f"results in bench/results/run-{stamp}.json (README tables: .venv/bin/python bench/tables.py --write)")
    if report.failed:
        log(f"failed: {', '.join(report.failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
