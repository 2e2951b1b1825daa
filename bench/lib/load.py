"""search_rps_cached / _uncached: a real server (gunicorn, sync workers) on loopback, under a bounded load.

The load comes from wrk (Debian package `wrk`, installed when missing and possible) with a Lua
script that cycles through the URLs and counts 200 responses apart; without wrk, from a bounded
pool of Python threads. Only 127.0.0.1, a fixed duration, and the server is stopped at the end.
"""

import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"

LUA = """
local paths = {%(paths)s}
local threads = {}
function setup(thread)
  table.insert(threads, thread)
end
function init(args)
  ok = 0
  bad = 0
  counter = 0
end
function request()
  counter = counter %% #paths + 1
  return wrk.format("GET", paths[counter])
end
function response(status, headers, body)
  if status == 200 then ok = ok + 1 else bad = bad + 1 end
end
function done(summary, latency, requests)
  local tok, tbad = 0, 0
  for _, t in ipairs(threads) do
    tok = tok + t:get("ok")
    tbad = tbad + t:get("bad")
  end
  local e = summary.errors
  io.write(string.format("BENCH ok=%%d bad=%%d connect=%%d read=%%d write=%%d timeout=%%d status=%%d "
    .. "duration_us=%%d p50_us=%%d p95_us=%%d\\n", tok, tbad, e.connect, e.read, e.write, e.timeout, e.status,
    summary.duration, latency:percentile(50), latency:percentile(95)))
end
"""


@dataclass
class LoadResult:
    tool: str
    workers: int
    connections: int
    seconds: float
    ok: int
    non_200: int
    socket_errors: int
    p50_ms: float | None = None
    p95_ms: float | None = None
    notes: list[str] = field(default_factory=list)
    cache: str = ""  # the workers' shared cache: "redis" or "files"
    cpu_ms_per_request: float | None = None  # gunicorn's processes (+ PostgreSQL's backends), from /proc

    @property
    def rps(self) -> float:
        return self.ok / self.seconds if self.seconds else 0.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def ensure_wrk(log) -> str | None:
    """The wrk binary, installed with apt-get (as CI installs chromium) when missing and allowed."""
    found = shutil.which("wrk")
    if found or os.environ.get("BENCH_NO_APT"):
        return found
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return None
    env = os.environ | {"DEBIAN_FRONTEND": "noninteractive"}
    log("wrk is missing: apt-get install wrk")
    install = ["apt-get", "install", "-y", "-qq", "wrk"]
    for attempt in ([install], [["apt-get", "update", "-qq"], install]):
        for command in attempt:
            done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=False)
            if done.returncode != 0:
                break
        if shutil.which("wrk"):
            return shutil.which("wrk")
    log("could not install wrk: using the Python load generator")
    return None


REDIS = ("127.0.0.1", 6379)
REDIS_DB = 13  # a database of its own, emptied before each server


def shared_cache_url() -> str:
    try:
        with socket.create_connection(REDIS, timeout=1) as conn:
            conn.sendall(f"SELECT {REDIS_DB}\r\nFLUSHDB\r\n".encode())
            if conn.recv(64).startswith(b"+OK"):
                return f"redis://{REDIS[0]}:{REDIS[1]}/{REDIS_DB}"
    except OSError:
        pass
    return f"file://{tempfile.mkdtemp(prefix='spro-bench-cache-')}"


class Server:
    """gunicorn on 127.0.0.1:port with production settings (DEBUG off), stopped by its own pid."""

    def __init__(self, python: str, database_url: str, workers: int, log_path: Path, env: dict | None = None):
        self.port = free_port()
        self.workers = workers
        gunicorn = str(Path(python).with_name("gunicorn"))
        self.command = [gunicorn, "spro.wsgi:application", "--workers", str(workers), "--worker-class", "sync"]
        self.command += ["--bind", f"{HOST}:{self.port}", "--timeout", "30", "--graceful-timeout", "5"]
        self.command += ["--log-level", "warning", "--chdir", str(ROOT)]
        self.env = (
            os.environ
            | {
                "DATABASE_URL": database_url,
                "DJANGO_SETTINGS_MODULE": "spro.settings",
                "DJANGO_DEBUG": "false",
                "DJANGO_ALLOWED_HOSTS": HOST,
                "DJANGO_SSL_REDIRECT": "false",
                "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
                "PYTHONWARNINGS": "ignore::UserWarning",
                # One client address for the whole load: the API throttles (120 and 600/minute per address)
                # are raised; their per-request cache round-trips are still paid.
                "SPRO_API_ANON_RATE": "100000000/second",
                "SPRO_API_USER_RATE": "100000000/second",
                # The workers share one cache, emptied for each server: Redis when one answers on
                # 127.0.0.1:6379 (database 13), else a fresh folder of files (`make serve-prod`'s default).
                "SPRO_CACHE_URL": shared_cache_url(),
            }
            | (env or {})
        )
        self.log_path = log_path
        self.process: subprocess.Popen | None = None

    def __enter__(self):
        self.log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            self.command, env=self.env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )
        return self

    def wait_ready(self, path: str, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped (exit {self.process.returncode}), see {self.log_path}")
            try:
                with urllib.request.urlopen(f"http://{HOST}:{self.port}{path}", timeout=10) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer within {timeout} s, see {self.log_path}")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # the master stops its workers
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)  # our own session, started above
                self.process.wait(timeout=5)
        self.log.close()
        cache = self.env["SPRO_CACHE_URL"]
        if cache.startswith("file://"):
            shutil.rmtree(cache.removeprefix("file://"), ignore_errors=True)

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"


def run_wrk(wrk: str, server: Server, paths: list[str], seconds: float, connections: int) -> LoadResult:
    with tempfile.TemporaryDirectory(prefix="spro-bench-") as folder:
        script = Path(folder) / "mix.lua"
        quoted = ", ".join('"' + p.replace("\\", "\\\\").replace('"', '\\"') + '"' for p in paths)
        script.write_text(LUA % {"paths": quoted}, encoding="utf-8")
        command = [wrk, "-t1", f"-c{connections}", f"-d{int(seconds)}s", "--timeout", "10s", "-s", str(script)]
        done = subprocess.run(
            command + [server.base_url], capture_output=True, text=True, timeout=seconds + 60, check=False
        )
    match = re.search(r"BENCH (.*)", done.stdout)
    if not match:
        raise RuntimeError(f"wrk failed: {done.stdout[-500:]} {done.stderr[-500:]}")
    values = {k: int(v) for k, v in (item.split("=") for item in match.group(1).split())}
    socket_errors = values["connect"] + values["read"] + values["write"] + values["timeout"]
    return LoadResult(
        tool="wrk",
        workers=server.workers,
        connections=connections,
        seconds=values["duration_us"] / 1e6,
        ok=values["ok"],
        non_200=values["bad"],
        socket_errors=socket_errors,
        p50_ms=values["p50_us"] / 1000,
        p95_ms=values["p95_us"] / 1000,
    )


def run_python(server: Server, paths: list[str], seconds: float, connections: int) -> LoadResult:
    """Fallback: `connections` threads, each one request at a time, for `seconds` at most."""
    lock = threading.Lock()
    totals = {"ok": 0, "bad": 0, "errors": 0}
    latencies: list[float] = []
    deadline = time.monotonic() + seconds

    def worker(offset: int) -> None:
        index, ok, bad, errors, mine = offset, 0, 0, 0, []
        while time.monotonic() < deadline:
            path = paths[index % len(paths)]
            index += 1
            started = time.perf_counter()
            try:
                conn = http.client.HTTPConnection(HOST, server.port, timeout=10)
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                conn.close()
            except OSError:
                errors += 1
                continue
            mine.append(time.perf_counter() - started)
            if response.status == 200:
                ok += 1
            else:
                bad += 1
        with lock:
            totals["ok"] += ok
            totals["bad"] += bad
            totals["errors"] += errors
            latencies.extend(mine)

    started = time.monotonic()
    # Each thread starts at its own share of the list: no URL is sent twice before the list wraps.
    spread = max(1, len(paths) // connections)
    threads = [threading.Thread(target=worker, args=(i * spread,), daemon=True) for i in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 15)
    elapsed = time.monotonic() - started
    latencies.sort()
    pick = (lambda f: latencies[max(0, int(f * len(latencies)) - 1)] * 1000) if latencies else (lambda f: None)
    return LoadResult(
        tool="python-threads",
        workers=server.workers,
        connections=connections,
        seconds=elapsed,
        ok=totals["ok"],
        non_200=totals["bad"],
        socket_errors=totals["errors"],
        p50_ms=pick(0.5),
        p95_ms=pick(0.95),
        notes=["Python load generator (wrk unavailable): it competes for the 2 cores, the rate is a lower bound"],
    )


def visit_once(server: Server, paths: list[str], connections: int) -> int:
    """Every URL once (untimed), `connections` at a time: the steady state of a server whose popular
    searches are already in its cache. Returns the number of non-200 answers."""

    def get(path: str) -> int:
        try:
            with urllib.request.urlopen(server.base_url + path, timeout=30) as response:
                response.read()
                return response.status
        except OSError:
            return 0

    with ThreadPoolExecutor(max_workers=connections) as pool:
        return sum(status != 200 for status in pool.map(get, paths))


def _cpu_s(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:  # gone meanwhile
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def server_cpu_s(server: Server, database_url: str) -> float:
    """CPU seconds used so far by gunicorn's master and workers and, on PostgreSQL, by the backends
    serving that database: what the requests cost, whatever else loads the machine."""
    pids = [server.process.pid]
    children = Path(f"/proc/{server.process.pid}/task/{server.process.pid}/children")
    if children.exists():
        pids += [int(pid) for pid in children.read_text().split()]
    if database_url.startswith("postgres"):
        import psycopg

        name = database_url.rsplit("/", 1)[1]
        with psycopg.connect(database_url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
            rows = conn.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", [name]).fetchall()
        pids += [row[0] for row in rows]
    return sum(_cpu_s(pid) for pid in pids)


def measure_rps(
    python: str,
    database_url: str,
    paths: list[str],
    seconds: float,
    worker_counts: list[int],
    log,
    log_path: Path,
    env: dict | None = None,
    warm_cache: bool = True,
) -> tuple[LoadResult, list[LoadResult]]:
    """Probe each worker count briefly, then load the best one for `seconds`. Returns (final, probes).

    With `warm_cache`, each server first answers every URL once (its shared cache filled), as a
    server in service has seen the popular searches; without, only a 3 s warm-up."""
    wrk = ensure_wrk(log)

    def load(workers: int, duration: float) -> LoadResult:
        connections = 2 * workers
        with Server(python, database_url, workers, log_path, env) as server:
            server.wait_ready(paths[0])
            if warm_cache and visit_once(server, paths, connections):
                log("  warm-up: some answers were not 200")
            warm = min(3.0, duration)  # every worker connects and fills its caches first
            run = (lambda *a: run_wrk(wrk, *a)) if wrk else run_python
            run(server, paths[::-1], warm, connections)
            cpu_before = server_cpu_s(server, database_url)
            result = run(server, paths, duration, connections)
            served = result.ok + result.non_200
            if served:
                cpu = server_cpu_s(server, database_url) - cpu_before
                result.cpu_ms_per_request = round(cpu * 1000 / served, 2)
            result.cache = "redis" if server.env["SPRO_CACHE_URL"].startswith("redis") else "files"
            return result

    probes = []
    if len(worker_counts) > 1:
        for workers in worker_counts:
            probes.append(load(workers, 5))
            log(f"  probe: {workers} workers → {probes[-1].rps:.0f} searches/s")
        best = max(probes, key=lambda r: r.rps).workers
    else:
        best = worker_counts[0]
    return load(best, seconds), probes
