"""A throwaway PostgreSQL cluster for the restart drill (`bench/faults.py pg-restart`): its own data
folder under /tmp and its own loopback port, so the machine's PostgreSQL is never touched."""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from bench.lib import load


def pg_bin() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: int(p.parts[-3].split(".")[0]))
    if not found:
        raise RuntimeError("no PostgreSQL server binaries in /usr/lib/postgresql/<version>/bin")
    return found[-1].parent


class Cluster:
    """A throwaway PostgreSQL cluster under /tmp on a free loopback port, run as the postgres OS user."""

    def __init__(self):
        self.bin = pg_bin()
        self.port = load.free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="spro-drill-"))
        self.data = self.folder / "data"
        self.logfile = self.folder / "postgres.log"
        self.options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c max_connections=40"
        # A throwaway cluster: no fsync (the load is faster; a fast shutdown still checkpoints).
        self.options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"

    @property
    def server(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}"

    def run(self, tool: str, *args: str, timeout: float = 120) -> None:
        command = [str(self.bin / tool), *args]
        if os.geteuid() == 0:  # initdb and postgres refuse to run as root
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, cwd=self.folder, capture_output=True, text=True, timeout=timeout, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"{tool} {' '.join(args)} failed: {done.stdout[-800:]} {done.stderr[-800:]}")

    def create(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        self.run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "-N")
        self.start()

    def start(self) -> None:
        self.run("pg_ctl", "-D", str(self.data), "-o", self.options, "-l", str(self.logfile), "-w", "start")

    def stop(self, mode: str = "fast") -> None:
        self.run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def restart(self) -> None:
        self.run("pg_ctl", "-D", str(self.data), "-o", self.options, "-l", str(self.logfile), "-m", "fast", "restart")

    def destroy(self) -> None:
        try:
            if (self.data / "postmaster.pid").exists():
                self.stop("immediate")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
