"""Load and faults (issue 7): bounded public traffic with no error, and a PostgreSQL restart under traffic.

    .venv/bin/python bench/faults.py soak [--db sqlite|postgresql] [--duration 120] [--fresh]
    .venv/bin/python bench/faults.py pg-restart [--before 10] [--down 3] [--after 20]
    .venv/bin/python bench/faults.py servers [--db postgresql|sqlite] [--before 10] [--after 15]

`soak`: gunicorn (production settings) on 127.0.0.1 serving a throwaway demo database, and a bounded
pool of Python clients replaying a weighted mix of public URLs for --duration seconds. Every answer
other than 200, every socket error and every timeout (10 s) is an error; the check passes at 0.

`pg-restart`: a throwaway PostgreSQL cluster of its own (initdb under /tmp, a free port: the machine's
server on 5432 is never touched), gunicorn pointed at it, steady traffic, then the cluster is stopped
(fast) and started again while the traffic goes on. Failures must be clean (503 + Retry-After, the
French page or JSON) and every kind of request must answer 200 again without restarting gunicorn.

`servers`: two gunicorn servers on one database, sharing the cache (Redis when one answers, else a folder),
the sessions (database), the uploads folder and the secret key, behind a small loopback proxy (bench/lib/proxy.py,
what nginx or HAProxy does: round-robin, a dead server marked down, a GET sent again to the other). A logged-in
member and public visitors browse through the proxy; one server is killed (SIGKILL, its whole process group)
under load. No error beyond the requests that server held at that instant: `servers_unclean` must be 0.

Figures are printed as `name value unit`, details as lines starting with "#". Exit status 1 when a
check fails.
"""

import argparse
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.lib import load, traffic  # noqa: E402
from bench.lib.cluster import Cluster  # noqa: E402
from bench.lib.proxy import Proxy  # noqa: E402

PY = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
RESULTS = ROOT / "bench" / "results"
PG_SERVER = os.environ.get("BENCH_POSTGRES_SERVER", "postgres://postgres@127.0.0.1:5432")
SOAK_SQLITE = Path("/tmp/spro-bench-soak.sqlite3")
SOAK_PG_NAME = "spro_bench_soak"
DRILL_DB = "spro_drill"
SERVERS_PG_NAME = "spro_bench_servers"
PRO_EMAIL, PRO_PASSWORD = "bij-41@demo.spro.example", "demo-spro-2026"  # a demo member (README)
DRILL_WEIGHTS = {"search_page": 4, "search_htmx": 1, "api_search": 3, "api_orientation": 2, "assistant": 1, "home": 2}


def log(message: str) -> None:
    print(f"# {message}", flush=True)


def figure(name: str, value, unit: str = "") -> None:
    shown = "FAILED" if value is None else (f"{value:.1f}" if isinstance(value, float) else str(value))
    print(f"{name} {shown} {unit}".rstrip(), flush=True)


def django_env(database_url: str) -> dict:
    return os.environ | {
        "DATABASE_URL": database_url,
        "PYTHONWARNINGS": "ignore",
        "DJANGO_SETTINGS_MODULE": "spro.settings",
    }


def manage(database_url: str, *args: str, timeout: float = 900) -> str:
    env = django_env(database_url)
    if args[0] == "collectstatic":  # the manifest storage is only used with DEBUG off
        env |= {"DJANGO_DEBUG": "false", "DJANGO_SECRET_KEY": "collectstatic-only-" + "x" * 40}
    done = subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed: {done.stderr[-2000:]}")
    return done.stdout.strip()


def static_fresh() -> bool:
    """staticfiles/ was collected after every change of the project's static files and of the packages."""
    manifest = ROOT / "staticfiles" / "staticfiles.json"
    if not manifest.exists():
        return False
    sources = [*ROOT.glob("static/**/*"), *ROOT.glob("apps/*/static/**/*"), ROOT / ".venv" / ".installed"]
    return all(p.stat().st_mtime <= manifest.stat().st_mtime for p in sources if p.exists())


def load_demo(database_url: str) -> None:
    """migrate + load_demo (a no-op beyond the vocabularies when the demo is there) + collectstatic."""
    started = time.monotonic()
    manage(database_url, "migrate", "--no-input", "-v", "0")
    said = manage(database_url, "load_demo").splitlines()
    if not static_fresh():  # pages link the hashed static files of the manifest (DEBUG off); ~40 s
        manage(database_url, "collectstatic", "--no-input", "-v", "0")
    log(f"migrate + load_demo + collectstatic: {time.monotonic() - started:.0f} s ({said[-1] if said else ''})")


def read_inventory(database_url: str) -> dict:
    env = django_env(database_url)
    done = subprocess.run(
        [PY, str(ROOT / "bench" / "lib" / "traffic.py")], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    inv = json.loads(done.stdout)
    counts = {k: len(v) for k, v in inv.items()}
    log(f"inventory: {counts}")
    return inv


def pg_admin(server: str, dbname: str = "postgres"):
    import psycopg

    parsed = urlparse(server)
    return psycopg.connect(
        host=parsed.hostname,
        port=parsed.port or 5432,
        user=parsed.username or "postgres",
        password=parsed.password,
        dbname=dbname,
        autocommit=True,
    )


def ensure_pg_database(server: str, name: str, fresh: bool) -> str:
    with pg_admin(server) as conn:
        if fresh:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}"


def soak_database(engine: str, fresh: bool) -> str:
    if engine == "postgresql":
        return ensure_pg_database(PG_SERVER, SOAK_PG_NAME, fresh)
    if fresh:
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(f"{SOAK_SQLITE}{suffix}").unlink(missing_ok=True)
    return f"sqlite:///{SOAK_SQLITE}"


def log_tracebacks(path: Path, offset: int) -> int:
    with path.open("rb") as handle:
        handle.seek(offset)
        return handle.read().count(b"Traceback")


def log_offset(path: Path) -> int:
    return path.stat().st_size if path.exists() else 0


# --- soak ----------------------------------------------------------------------------------------


def kind_lines(outcomes: list, ok_statuses=(200,)) -> None:
    by_kind = defaultdict(list)
    for outcome in outcomes:
        by_kind[outcome.kind].append(outcome)
    for kind, items in sorted(by_kind.items(), key=lambda kv: -len(kv[1])):
        times = [o.seconds * 1000 for o in items]
        statuses = Counter(o.status or "socket" for o in items)
        bad = sum(1 for o in items if o.status not in ok_statuses)
        log(
            f"{kind}: {len(items)} requests, {bad} errors, p50 {traffic.percentile(times, 0.5):.1f} ms, "
            f"p95 {traffic.percentile(times, 0.95):.1f} ms, max {max(times):.1f} ms, statuses {dict(statuses)}"
        )


def error_samples(outcomes: list, limit: int = 10) -> None:
    for outcome in outcomes[:limit]:
        log(f"  {outcome.kind} {outcome.path} → {outcome.status or 'no answer'} {outcome.error[:200]}")


def soak(args) -> int:
    log(f"soak on {args.db}: {args.duration:.0f} s, {args.workers} gunicorn workers, {args.threads} client threads")
    url = soak_database(args.db, args.fresh)
    try:
        load_demo(url)
    except RuntimeError as exc:  # e.g. built by an older version of a migration that has since been rewritten
        if args.fresh:
            raise
        log(f"the reused database could not be migrated, rebuilding it: {str(exc).strip().splitlines()[-1]}")
        url = soak_database(args.db, fresh=True)
        load_demo(url)
    inv = read_inventory(url)
    RESULTS.mkdir(parents=True, exist_ok=True)
    log_path = RESULTS / f"gunicorn-faults-soak-{args.db}.log"
    offset = log_offset(log_path)
    log(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with load.Server(PY, url, args.workers, log_path) as server:
        server.wait_ready("/")
        mix = traffic.build_mix(inv, 5000, traffic.stylesheet_path(server.port))
        started = time.monotonic()
        outcomes = traffic.run(server.port, mix, args.threads, threading.Event(), started + args.duration)
        elapsed = max((o.started + o.seconds for o in outcomes), default=started) - started
    log(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return soak_report(outcomes, elapsed, log_tracebacks(log_path, offset), log_path)


def soak_report(outcomes: list, elapsed: float, tracebacks: int, log_path: Path) -> int:
    errors = [o for o in outcomes if o.status != 200]
    figure("soak_requests", len(outcomes))
    figure("soak_rps", len(outcomes) / elapsed if elapsed else 0.0, "/s")
    figure("soak_errors", len(errors))
    figure("soak_p95_ms", traffic.percentile([o.seconds * 1000 for o in outcomes], 0.95), "ms")
    log(f"over {elapsed:.1f} s; tracebacks in {log_path.relative_to(ROOT)}: {tracebacks}")
    kind_lines(outcomes)
    error_samples(errors)
    return 0 if outcomes and not errors else 1


# --- pg-restart ----------------------------------------------------------------------------------


def worker_pids(master: int) -> set[str]:
    try:
        return set(Path(f"/proc/{master}/task/{master}/children").read_text().split())
    except OSError:
        return set()


def fault(cluster: Cluster, down: float) -> tuple[float, float]:
    """Stop the cluster (fast: connections are cut), wait `down` s, start it. (stop began, back up) times."""
    began = time.monotonic()
    if down > 0:
        cluster.stop("fast")
        log(f"PostgreSQL stopped in {time.monotonic() - began:.2f} s; down for {down:.0f} s")
        time.sleep(down)
        cluster.start()
    else:
        cluster.restart()
    back = time.monotonic()
    log(f"PostgreSQL accepting connections again {back - began:.2f} s after the stop began")
    return began, back


def drill_traffic(server, cluster: Cluster, mix: list, args) -> dict:
    stop = threading.Event()
    box: dict = {}
    deadline = time.monotonic() + 3600  # bounded anyway; `stop` ends it

    def client() -> None:
        box["outcomes"] = traffic.run(server.port, mix, args.threads, stop, deadline)

    runner = threading.Thread(target=client, daemon=True)
    workers_before = worker_pids(server.process.pid)
    started = time.monotonic()
    runner.start()
    time.sleep(args.before)
    began, back = fault(cluster, args.down)
    time.sleep(args.after)
    stop.set()
    ended = time.monotonic()
    runner.join(3 * traffic.TIMEOUT_S)
    return {
        "outcomes": box.get("outcomes", []),
        "started": started,
        "began": began,
        "back": back,
        "ended": ended,
        "master_alive": server.process.poll() is None,
        "workers_replaced": len(workers_before - worker_pids(server.process.pid)),
    }


def recovery(outcomes: list, back: float) -> tuple[float | None, dict]:
    """Seconds from `back` to the first 200 of every kind (requests sent once the server was back)."""
    firsts: dict = {}
    for outcome in sorted(outcomes, key=lambda o: o.started):
        if outcome.started >= back and outcome.status == 200 and outcome.kind not in firsts:
            firsts[outcome.kind] = outcome.started + outcome.seconds - back
    kinds = {o.kind for o in outcomes}
    return (max(firsts.values()) if firsts and set(firsts) == kinds else None), firsts


def is_unclean(outcome) -> bool:
    return outcome.status != 200 and not (outcome.status == 503 and outcome.clean_503 and not outcome.error)


def drill_report(run: dict, tracebacks: int) -> int:
    outcomes, back = run["outcomes"], run["back"]
    clean = [o for o in outcomes if o.status == 503 and not is_unclean(o)]
    unclean = [o for o in outcomes if is_unclean(o)]
    late = [o for o in outcomes if o.started >= run["ended"] - 5]
    after_ok = 100.0 * sum(o.status == 200 for o in late) / len(late) if late else None
    recovered, firsts = recovery(outcomes, back)
    figure("pg_restart_requests", len(outcomes))
    figure("pg_restart_503", len(clean))
    figure("pg_restart_unclean", len(unclean))
    figure("pg_restart_recovery_s", recovered, "s")
    figure("pg_restart_after_ok", after_ok, "%")
    drill_details(run, clean, firsts, tracebacks)
    error_samples(unclean)
    checks = {
        "no unclean failure": not unclean,
        "the outage was seen (some 503)": bool(clean),
        "every kind answered 200 again": recovered is not None,
        "100 % of 200 in the last 5 s": after_ok == 100.0,
        "gunicorn master still running, no worker replaced": run["master_alive"] and not run["workers_replaced"],
    }
    for name, ok in checks.items():
        log(f"check {'ok' if ok else 'FAILED'}: {name}")
    return 0 if all(checks.values()) else 1


def drill_details(run: dict, clean: list, firsts: dict, tracebacks: int) -> None:
    outcomes, began = run["outcomes"], run["began"]
    failed = [o for o in outcomes if o.status != 200]
    if failed:
        first, last = min(o.started for o in failed) - began, max(o.started + o.seconds for o in failed) - began
        log(
            f"non-200 answers from {first:+.2f} s to {last:+.2f} s after the stop began (back up at "
            f"{run['back'] - began:+.2f} s)"
        )
    log(f"clean 503 by kind: {dict(Counter(o.kind for o in clean))}")
    log("first 200 after the restart, s: " + ", ".join(f"{k} {v:.2f}" for k, v in sorted(firsts.items())))
    log(
        f"traffic {run['ended'] - run['started']:.1f} s; gunicorn master alive: {run['master_alive']}, "
        f"workers replaced: {run['workers_replaced']}; tracebacks in gunicorn's log: {tracebacks}"
    )
    kind_lines(outcomes, ok_statuses=(200, 503))


def pg_restart(args) -> int:
    cluster = Cluster()
    log(f"throwaway cluster: PostgreSQL {cluster.bin.parts[-2]} in {cluster.folder}, port {cluster.port}")
    log_path = RESULTS / "gunicorn-faults-pg-restart.log"
    RESULTS.mkdir(parents=True, exist_ok=True)
    offset = log_offset(log_path)
    try:
        cluster.create()
        url = ensure_pg_database(cluster.server, DRILL_DB, fresh=True)
        load_demo(url)
        inv = read_inventory(url)
        with load.Server(PY, url, args.workers, log_path) as server:
            server.wait_ready("/")
            mix = traffic.build_mix(inv, 2000, "/static/css/spro.css", weights=DRILL_WEIGHTS)
            pro = traffic.pro_session(server.port, PRO_EMAIL, PRO_PASSWORD)  # a logged-in member, every 13th
            mix = [pro if i % 13 == 6 else tgt for i, tgt in enumerate(mix)]
            log(f"traffic: {args.threads} threads; stop after {args.before:.0f} s, then {args.after:.0f} s more")
            run = drill_traffic(server, cluster, mix, args)
    finally:
        cluster.destroy()
        log(f"cluster stopped and {cluster.folder} removed")
    return drill_report(run, log_tracebacks(log_path, offset))


# --- servers ---------------------------------------------------------------------------------------


def servers(args) -> int:
    url = ensure_pg_database(PG_SERVER, SERVERS_PG_NAME, args.fresh) if args.db == "postgresql" else None
    url = url or soak_database("sqlite", args.fresh)
    load_demo(url)
    inv = read_inventory(url)
    RESULTS.mkdir(parents=True, exist_ok=True)
    log_path = RESULTS / "gunicorn-faults-servers.log"
    offset = log_offset(log_path)
    shared = {  # what several servers must share: the key signing sessions and tokens, the cache, the uploads
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "SPRO_CACHE_URL": load.shared_cache_url(),
        "SPRO_MEDIA_ROOT": tempfile.mkdtemp(prefix="spro-drill-media-"),
    }
    log(
        f"two servers, {args.workers} workers each, cache {shared['SPRO_CACHE_URL'].split(':')[0]}; load average "
        f"before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    try:
        with (
            load.Server(PY, url, args.workers, log_path, shared) as first,
            load.Server(PY, url, args.workers, log_path, shared) as second,
            Proxy(load.free_port(), [first.port, second.port]) as proxy,
        ):
            first.wait_ready("/")
            second.wait_ready("/")
            mix = traffic.build_mix(inv, 2000, "/static/css/spro.css", weights=DRILL_WEIGHTS)
            pro = traffic.pro_session(proxy.port, PRO_EMAIL, PRO_PASSWORD)  # its session must hold on both
            mix = [pro if i % 13 == 6 else tgt for i, tgt in enumerate(mix)]
            run = servers_traffic(proxy, second, mix, args)
            run["survivor_alive"] = first.process.poll() is None
    finally:
        shutil.rmtree(shared["SPRO_MEDIA_ROOT"], ignore_errors=True)
    log(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return servers_report(run, log_tracebacks(log_path, offset))


def servers_traffic(proxy, victim, mix: list, args) -> dict:
    stop, box = threading.Event(), {}
    runner = threading.Thread(
        target=lambda: box.update(outcomes=traffic.run(proxy.port, mix, args.threads, stop, time.monotonic() + 3600)),
        daemon=True,
    )
    started = time.monotonic()
    runner.start()
    time.sleep(args.before)
    served_before = dict(proxy.upstreams.served)
    in_flight = proxy.upstreams.in_flight[victim.port]
    killed = time.monotonic()
    os.killpg(victim.process.pid, signal.SIGKILL)  # the server started above, in its own session: master and workers
    victim.process.wait(timeout=10)
    log(f"server on port {victim.port} killed with {in_flight} request(s) in flight, {killed - started:.1f} s in")
    time.sleep(args.after)
    stop.set()
    ended = time.monotonic()
    runner.join(3 * traffic.TIMEOUT_S)
    return {
        "outcomes": box.get("outcomes", []),
        "killed": killed,
        "ended": ended,
        "in_flight": in_flight,
        "served_before": served_before,
        "served": dict(proxy.upstreams.served),
        "victim": victim.port,
        "retried": proxy.upstreams.retried,
    }


def servers_report(run: dict, tracebacks: int) -> int:
    outcomes, killed = run["outcomes"], run["killed"]
    failed = [o for o in outcomes if o.status != 200]
    held = [o for o in failed if o.started <= killed <= o.started + o.seconds]  # in flight at the kill
    unclean = [o for o in failed if o not in held]
    after = [o for o in outcomes if o.started > killed]
    victim_after = run["served"].get(run["victim"], 0) - run["served_before"].get(run["victim"], 0)
    figure("servers_requests", len(outcomes))
    figure("servers_in_flight_at_kill", run["in_flight"])
    figure("servers_errors", len(failed))
    figure("servers_unclean", len(unclean))
    figure("servers_after_kill_ok", 100.0 * sum(o.status == 200 for o in after) / len(after) if after else None, "%")
    log(f"answers per server before the kill: {run['served_before']}; in all: {run['served']}")
    log(f"requests sent again by the proxy to the other server: {run['retried']}; tracebacks logged: {tracebacks}")
    kind_lines(outcomes)
    error_samples(failed)
    checks = {
        "both servers answered before the kill": len([n for n in run["served_before"].values() if n]) == 2,
        "no error beyond the requests in flight": not unclean and len(failed) <= run["in_flight"],
        "the killed server got nothing after the kill": victim_after <= run["in_flight"],
        "the survivor answered everything after the kill": bool(after) and all(o.status == 200 for o in after),
        "the survivor is still running": run["survivor_alive"],
    }
    for name, ok in checks.items():
        log(f"check {'ok' if ok else 'FAILED'}: {name}")
    return 0 if all(checks.values()) else 1


def main() -> int:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run the finally blocks: stop gunicorn, the cluster
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    soak_args = commands.add_parser("soak", help="bounded mixed public traffic, 0 errors expected")
    soak_args.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    soak_args.add_argument("--duration", type=float, default=120, help="seconds of traffic")
    soak_args.add_argument("--fresh", action="store_true", help="rebuild the throwaway demo database")
    drill = commands.add_parser("pg-restart", help="restart a throwaway PostgreSQL cluster under traffic")
    drill.add_argument("--before", type=float, default=10, help="seconds of traffic before the stop")
    drill.add_argument("--down", type=float, default=3, help="seconds stopped (0: pg_ctl restart)")
    drill.add_argument("--after", type=float, default=20, help="seconds of traffic once it is back")
    two = commands.add_parser("servers", help="two gunicorn servers behind a proxy, one killed under load")
    two.add_argument("--db", choices=["sqlite", "postgresql"], default="postgresql")
    two.add_argument("--fresh", action="store_true", help="rebuild the throwaway demo database")
    two.add_argument("--before", type=float, default=10, help="seconds of traffic before the kill")
    two.add_argument("--after", type=float, default=15, help="seconds of traffic after the kill")
    for sub, threads in ((soak_args, 4), (drill, 3), (two, 4)):
        sub.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
        sub.add_argument("--threads", type=int, default=threads, help="client threads (one request at a time)")
    args = parser.parse_args()
    return {"soak": soak, "pg-restart": pg_restart, "servers": servers}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
