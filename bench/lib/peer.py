"""The national reference's search method, side by side with ours, on the same 100,000 services.

data·inclusion's API (the search DORA delegates to; method read in gip-inclusion/data-inclusion,
api/src/data_inclusion/api/inclusion_data/v1/services.py, `search_services_query`, reimplemented
here) keeps one row per service with its longitude and latitude, and searches with PostGIS:

- the service's geography is built from its row, `ST_MakePoint(longitude, latitude)::geography`,
  indexed with GiST on that expression (their `ix_api__services_v1__geography`);
- in-person services within 50 km (`ST_DWithin(…, commune centre, 50000)`) or remote ones
  (`modes_accueil` contains `a-distance`), eligible in the commune (`zone_eligibilite` NULL or
  overlapping the commune, département and France codes);
- distance `ST_Distance(…)/1000` as an integer for in-person services, ordered by distance (NULLs
  last) then by id; themes by array overlap (`thematiques && …`, GIN index), publics by an
  `EXISTS (… unnest(publics) … = ANY(…))` that also accepts `tous-publics`; a count of the whole
  result and one page of 20 with the structure joined, as their paginated endpoint returns.

Mapping of our criteria: status → publics, theme → thematiques, info type → types (overlap),
keywords → the same accent-free text as ours (`LIKE`, they have no free-text search on names:
kept so that both answer the same question). Untagged statuses become `tous-publics`; untagged
themes stay NULL (their filter does not match them). Their radius is always 50 km.

The figure is the wall time of the two statements (count, page) from a Python client, their SQL
alone: a lower bound of their API's time, since their FastAPI and SQLAlchemy layers are left out.
Needs PostGIS (Debian `postgresql-<major>-postgis-3`), installed with apt-get when missing; the
application never needs it.
"""

import math
import os
import shutil
import subprocess
import time
from pathlib import Path
from urllib.parse import urlparse

import psycopg

from .queries import search_params
from .reference import communes

RADIUS_M = 50_000
PAGE = 20
SCHEMA = """
CREATE EXTENSION IF NOT EXISTS postgis;
DROP TABLE IF EXISTS services, structures;
CREATE TABLE structures (id bigint PRIMARY KEY, nom text NOT NULL, slug text, source text NOT NULL);
CREATE TABLE services (
    id bigint PRIMARY KEY,
    structure_id bigint NOT NULL REFERENCES structures (id),
    nom text NOT NULL,
    code_insee text,
    longitude double precision,
    latitude double precision,
    modes_accueil text[],
    zone_eligibilite text[],
    thematiques text[],
    publics text[],
    types text[],
    texte text
);
"""
INDEXES = """
CREATE INDEX ON services (structure_id);
CREATE INDEX ON services USING gin (modes_accueil);
CREATE INDEX ON services USING gin (thematiques);
CREATE INDEX services_geography ON services
    USING gist ((ST_MakePoint(longitude, latitude)::geography(geometry, 4326)));
VACUUM ANALYZE services;
VACUUM ANALYZE structures;
"""


def _connect(url: str, **kwargs) -> psycopg.Connection:
    parsed = urlparse(url)
    return psycopg.connect(
        host=parsed.hostname,
        port=parsed.port or 5432,
        user=parsed.username or "postgres",
        password=parsed.password,
        dbname=parsed.path.lstrip("/"),
        **kwargs,
    )


def postgis_available(admin_url: str) -> bool:
    with _connect(admin_url, autocommit=True) as conn:
        found = conn.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'").fetchone()
    return bool(found)


def ensure_postgis(admin_url: str, log) -> str | None:
    """None when PostGIS is there (installed now if needed), else why it is not."""
    if postgis_available(admin_url):
        return None
    with _connect(admin_url, autocommit=True) as conn:
        major = conn.execute("SHOW server_version_num").fetchone()[0][:2]
    package = f"postgresql-{major}-postgis-3"
    if os.environ.get("BENCH_NO_APT") or os.geteuid() != 0 or not shutil.which("apt-get"):
        return f"PostGIS missing and {package} cannot be installed here (not root, no apt-get or BENCH_NO_APT)"
    log(f"PostGIS is missing: apt-get install {package}")
    env = os.environ | {"DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-qq", package]
    for attempt in ([install], [["apt-get", "update", "-qq"], install]):
        for command in attempt:
            done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600, check=False)
            if done.returncode != 0:
                break
        if postgis_available(admin_url):
            return None
    return f"apt-get install {package} failed: {done.stderr.strip()[-300:]}"


def _array(tags: str) -> list[str] | None:
    return [code for code in tags.split("|") if code] or None


def built(peer_url: str) -> str | None:
    """The version of our directory the peer's tables were filled from, None when never built."""
    with _connect(peer_url, autocommit=True) as conn:
        if not conn.execute("SELECT to_regclass('peer_marker')").fetchone()[0]:
            return None
        row = conn.execute("SELECT version FROM peer_marker").fetchone()
    return row[0] if row else None


def build(national_url: str, peer_url: str, version: str) -> int:
    """Their tables, filled from our national directory (one row per service, at its place)."""
    entries = (
        "SELECT e.service_id, s.structure_id, e.name, e.commune_code, e.longitude, e.latitude, e.is_remote,"
        " e.reach, e.reach_code, e.statuses, e.themes, e.info_types, e.text"
        " FROM directory_searchentry e JOIN directory_service s ON s.id = e.service_id ORDER BY e.id"
    )
    with _connect(national_url) as source, _connect(peer_url) as target:
        structures = source.execute("SELECT id, name, slug FROM directory_structure").fetchall()
        rows, seen = [], set()
        for (
            service,
            structure,
            name,
            commune,
            lon,
            lat,
            remote,
            reach,
            code,
            statuses,
            themes,
            types,
            text,
        ) in source.execute(entries):
            if service in seen:  # data·inclusion has one address per service
                continue
            seen.add(service)
            zone = None if not remote else (["france"] if reach == "france" else [code] if code else None)
            modes = ["a-distance"] if remote else ["en-presentiel"]
            publics = _array(statuses) or ["tous-publics"]
            values = (service, structure, name, commune or None, lon, lat, modes, zone, _array(themes), publics)
            rows.append((*values, _array(types), text))
        target.execute(SCHEMA)
        with target.cursor().copy("COPY structures (id, nom, slug, source) FROM STDIN") as copy:
            for row in structures:
                copy.write_row((*row, "spro"))
        columns = "id, structure_id, nom, code_insee, longitude, latitude, modes_accueil, zone_eligibilite"
        columns += ", thematiques, publics, types, texte"
        with target.cursor().copy(f"COPY services ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        target.commit()
    with _connect(peer_url, autocommit=True) as target:
        for statement in INDEXES.strip().split(";"):
            if statement.strip():
                target.execute(statement)
        target.execute("DROP TABLE IF EXISTS peer_marker")
        target.execute("CREATE TABLE peer_marker (version text)")
        target.execute("INSERT INTO peer_marker VALUES (%s)", [version])
    return len(rows)


def statements(query: dict, commune) -> tuple[str, str, list]:
    """(count SQL, page SQL, parameters) of their search for one of our queries."""
    point = "ST_MakePoint(s.longitude, s.latitude)::geography(geometry, 4326)"
    centre = "ST_SetSRID(ST_MakePoint(%(lon)s, %(lat)s), 4326)::geography"
    where = [
        "(s.zone_eligibilite IS NULL OR s.zone_eligibilite && %(zones)s)",
        f"(ST_DWithin({point}, {centre}, %(radius)s) OR s.modes_accueil @> ARRAY['a-distance'])",
    ]
    params = {
        "lon": commune.longitude,
        "lat": commune.latitude,
        "radius": RADIUS_M,
        "zones": [commune.code, commune.departement, commune.region, "france"],
    }
    if query.get("theme"):
        where.append("s.thematiques && %(themes)s")
        params["themes"] = [query["theme"]]
    if query.get("status"):
        where.append("EXISTS (SELECT 1 FROM unnest(s.publics) AS item WHERE item = ANY(%(publics)s))")
        params["publics"] = [query["status"], "tous-publics"]
    if query.get("info_type"):
        where.append("s.types && %(types)s")
        params["types"] = [query["info_type"]]
    for index, word in enumerate(query.get("q", "").split()):
        where.append(f"s.texte LIKE %(word{index})s")
        params[f"word{index}"] = f"%{word}%"
    base = f"FROM services s JOIN structures st ON st.id = s.structure_id WHERE {' AND '.join(where)}"
    distance = (
        f"CASE WHEN s.modes_accueil @> ARRAY['en-presentiel'] THEN (ST_Distance({point}, {centre}) / 1000)::int END"
    )
    page = f"SELECT s.*, st.nom, st.slug, {distance} AS distance {base} ORDER BY distance NULLS LAST, s.id LIMIT {PAGE}"
    return f"SELECT count(*) {base}", page, params


def backend_cpu_s(pid: int) -> float:
    """CPU seconds (user + system) of one PostgreSQL backend on this machine, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile (as bench/national.py)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def measure(peer_url: str, count: int) -> dict:
    """Their search for our `count` queries (the benchmark's mix), timed one by one."""
    by_code = {c.code: c for c in communes()}
    queries = search_params(count)
    with _connect(peer_url, autocommit=True) as conn:
        conn.execute("SET jit = off")  # as our application's connections
        for query in search_params(20, seed=1):  # warm-up, as ours
            count_sql, page_sql, params = statements(query, by_code[query["commune"]])
            conn.execute(count_sql, params).fetchone()
            conn.execute(page_sql, params).fetchall()
        pid = conn.execute("SELECT pg_backend_pid()").fetchone()[0]
        cpu_started, times, hits = backend_cpu_s(pid), [], []
        for query in queries:
            count_sql, page_sql, params = statements(query, by_code[query["commune"]])
            started = time.perf_counter()
            hits.append(conn.execute(count_sql, params).fetchone()[0])
            conn.execute(page_sql, params).fetchall()
            times.append((time.perf_counter() - started) * 1000)
        backend_cpu = backend_cpu_s(pid) - cpu_started
    return {
        "n": len(times),
        "p50_ms": round(percentile(times, 0.50), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
        "mean_ms": round(sum(times) / len(times), 1),
        "mean_hits": round(sum(hits) / len(hits), 1),
        "db_cpu_ms_per_search": round(backend_cpu * 1000 / len(times), 2),
    }
