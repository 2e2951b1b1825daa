"""The throwaway databases of the benchmarks, on SQLite (files in /tmp) or PostgreSQL
(`BENCH_POSTGRES_SERVER`, default postgres://postgres@127.0.0.1:5432)."""

import os
import shutil
import sqlite3
from pathlib import Path
from urllib.parse import urlparse

PG_SERVER = os.environ.get("BENCH_POSTGRES_SERVER", "postgres://postgres@127.0.0.1:5432")
# BENCH_DB_PREFIX names another set of throwaway databases (two people benchmarking on one machine).
PREFIX = os.environ.get("BENCH_DB_PREFIX", "spro_bench")


class Database:
    """The throwaway databases of one engine: base (reference data), national, import, dashboard."""

    def __init__(self, engine: str):
        self.engine = engine

    def url(self, kind: str) -> str:
        if self.engine == "sqlite":
            return f"sqlite:///{self.path(kind)}"
        return f"{PG_SERVER}/{PREFIX}_{kind}"

    def path(self, kind: str) -> Path:
        return Path(f"/tmp/{PREFIX.replace('_', '-')}-{kind}.sqlite3")

    def _admin(self):
        import psycopg

        parsed = urlparse(PG_SERVER)
        return psycopg.connect(
            host=parsed.hostname,
            port=parsed.port or 5432,
            user=parsed.username or "postgres",
            password=parsed.password,
            dbname="postgres",
            autocommit=True,
        )

    def exists(self, kind: str) -> bool:
        if self.engine == "sqlite":
            return self.path(kind).exists()
        with self._admin() as conn:
            return bool(conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [f"{PREFIX}_{kind}"]).fetchone())

    def drop(self, kind: str) -> None:
        if self.engine == "sqlite":
            for suffix in ("", "-journal", "-wal", "-shm"):
                Path(f"{self.path(kind)}{suffix}").unlink(missing_ok=True)
            return
        with self._admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{PREFIX}_{kind}" WITH (FORCE)')

    def create(self, kind: str) -> None:
        if self.engine == "postgresql" and not self.exists(kind):
            with self._admin() as conn:
                conn.execute(f'CREATE DATABASE "{PREFIX}_{kind}"')

    def clone(self, source: str, target: str) -> None:
        self.drop(target)
        if self.engine == "sqlite":
            shutil.copyfile(self.path(source), self.path(target))
            return
        with self._admin() as conn:
            conn.execute(f'CREATE DATABASE "{PREFIX}_{target}" TEMPLATE "{PREFIX}_{source}"')

    def server_version(self) -> str:
        if self.engine == "sqlite":
            return f"SQLite {sqlite3.sqlite_version}"
        with self._admin() as conn:
            return "PostgreSQL " + conn.execute("SHOW server_version").fetchone()[0].split(" ")[0]


def analyze_after_bulk_load(connection) -> None:
    """The one statistics policy of every benchmark, after it loads data in bulk.

    PostgreSQL: `VACUUM ANALYZE`, what autovacuum does soon after a bulk load (and the visibility map
    that index-only scans need). SQLite: nothing, since neither SQLite nor Django ever runs ANALYZE,
    so the benchmark sees the plans the application would. `connection`: Django's.
    """
    if connection.vendor == "postgresql":
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
