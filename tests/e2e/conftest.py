"""Browser tests: a real server on a throwaway SQLite database with the demo data, driven by Chromium.

pytest-django's ``live_server`` is not used on purpose: its transactional flush would wipe the demo
data between tests. Instead one ``manage.py runserver`` subprocess serves a database prepared with
``migrate`` and ``load_demo``, all three on the fixed clock of tests/clock.py. Under pytest-xdist
(``make e2e`` runs two workers) the demo database is prepared ONCE, by whichever worker comes first
(file lock in the directory the workers share), and each worker serves its own copy with its own
server: the workers never see each other's changes. The browser is Debian's Chromium (playwright
cannot download its own here); when it is missing the tests are skipped, except in CI where they fail.
"""

import fcntl
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import closing
from pathlib import Path

import pytest

from .helpers import VIEWPORT

ROOT = Path(__file__).resolve().parents[2]
DEMO_FILE = ROOT / "regions" / os.environ.get("SPRO_REGION", "24") / "demo" / "directory.json"
# The server runs on the tests' fixed clock (tests/clock.py), started through this wrapper of manage.py.
FROZEN_MANAGE = Path(__file__).resolve().parent / "frozen_manage.py"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
DEFAULT_TIMEOUT_MS = 15_000
SERVER_START_TIMEOUT_S = 60
# The environment of the e2e server (database, e-mail files, clock): `manage_on_server` runs commands with it.
SERVER_ENV: dict = {}


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _manage(env: dict, *args: str) -> str:
    command = [sys.executable, str(FROZEN_MANAGE), *args]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        pytest.fail(
            f"`{' '.join(command[1:])}` failed (exit {done.returncode}):\n{done.stdout}\n{done.stderr}", pytrace=False
        )
    return done.stdout


def _wait_until_up(url: str, process: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"runserver exited with {process.returncode}:\n{log_path.read_text()}", pytrace=False)
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    process.terminate()
    pytest.fail(f"runserver did not answer on {url} within {SERVER_START_TIMEOUT_S} s:\n{log_path.read_text()}")


def _prepared_demo_database(tmp_path_factory, env: dict) -> tuple[Path, Path]:
    """The demo database (migrate + load_demo), prepared once for every xdist worker of the session.

    Workers share the parent of their base temporary directory (a plain run has none: its own is used).
    The first worker to take the lock prepares the file; the others wait, then find it ready.
    """
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    template, mail, ready = shared / "e2e-demo.sqlite3", shared / "e2e-demo-mail", shared / "e2e-demo.ready"
    with open(shared / "e2e-demo.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not ready.exists():
            template.unlink(missing_ok=True)
            shutil.rmtree(mail, ignore_errors=True)
            prepare_env = env | {"DATABASE_URL": f"sqlite:///{template}", "EMAIL_FILE_PATH": str(mail)}
            _manage(prepare_env, "migrate", "--no-input", "--verbosity", "0")
            _manage(prepare_env, "load_demo")
            ready.touch()
    return template, mail


def _copy_demo(source: tuple[Path, Path], database: Path, mail: Path) -> None:
    """A worker's own copy of the demo: the database (backup API: consistent whatever the journal mode) and
    the e-mails the loading sent, as if this worker had loaded it."""
    template, template_mail = source
    with closing(sqlite3.connect(template)) as origin, closing(sqlite3.connect(database)) as copy:
        origin.backup(copy)
    if template_mail.is_dir():
        shutil.copytree(template_mail, mail, dirs_exist_ok=True)


@pytest.fixture(scope="session")
def server_url(tmp_path_factory):
    """Base URL of a dev server (DEBUG, so static files are served) on a fresh demo database."""
    if DEMO_FILE.parent.exists() and not DEMO_FILE.exists():  # a pack with a generated demo has no demo/ folder
        pytest.fail(f"Demo data file missing: {DEMO_FILE.relative_to(ROOT)}", pytrace=False)
    try:
        json.loads(DEMO_FILE.read_text(encoding="utf-8")) if DEMO_FILE.exists() else None
    except ValueError as error:
        pytest.fail(f"Demo data file is not valid JSON ({error}): {DEMO_FILE.relative_to(ROOT)}", pytrace=False)

    workdir = tmp_path_factory.mktemp("e2e-server")
    database = workdir / "e2e.sqlite3"
    env = os.environ.copy()
    env.update(
        DATABASE_URL=f"sqlite:///{database}",
        DJANGO_SETTINGS_MODULE="tests.settings",  # the product's, with the tests' fast password hasher
        DJANGO_DEBUG="true",
        PYTHONUNBUFFERED="1",
        # E-mails land in files that the tests read (the test process gets the same path).
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(workdir / "mail"),
        # No worker beside this server: queued e-mails are sent at once, so the tests can read them.
        SPRO_TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
    )
    os.environ["EMAIL_FILE_PATH"] = env["EMAIL_FILE_PATH"]
    SERVER_ENV.update(env)
    _copy_demo(_prepared_demo_database(tmp_path_factory, env), database, workdir / "mail")

    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = workdir / "runserver.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [sys.executable, str(FROZEN_MANAGE), "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_until_up(url + "/", process, log_path)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def manage_on_server(server_url):
    """Run a management command (a scheduled job) on the e2e server's database, on its clock."""
    return lambda *args: _manage(SERVER_ENV, *args)


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium, shared by the whole session."""
    if not os.path.exists(CHROMIUM):
        message = f"{CHROMIUM} is missing: install the Debian packages chromium and chromium-driver."
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


# Files whose tests are independent of one another (each reads pages, changes nothing another test reads):
# pytest-xdist may hand them out one by one. Every other file's tests run in order, on one worker (a test may
# build on the state an earlier test of its file left), as in a plain run.
INDEPENDENT_TESTS = {"test_accessibility.py"}


def pytest_collection_modifyitems(config, items):
    """Group each file's browser tests for `--dist loadgroup` (see INDEPENDENT_TESTS)."""
    here = Path(__file__).resolve().parent
    for item in items:
        path = item.path
        if path.parent == here and path.name not in INDEPENDENT_TESTS:
            item.add_marker(pytest.mark.xdist_group(path.stem))


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so fixtures know at teardown whether the test failed."""
    report = yield
    setattr(item, f"_e2e_report_{report.when}", report)
    return report


@pytest.fixture
def new_context(request, browser, server_url):
    """Factory of isolated browser contexts (own cookies) on the test server; closed after the test.

    Each page records server errors (HTTP 5xx) and uncaught JavaScript errors: a test that passed
    otherwise fails (at teardown) if there were any.
    """
    contexts, problems = [], []

    def make(**options):
        context = browser.new_context(base_url=server_url, **({"viewport": VIEWPORT, "locale": "fr-FR"} | options))
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        context.on("response", lambda r: problems.append(f"HTTP {r.status} on {r.url}") if r.status >= 500 else None)
        context.on("page", lambda p: p.on("pageerror", lambda e: problems.append(f"JavaScript error: {e}")))
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
    call_report = getattr(request.node, "_e2e_report_call", None)
    if call_report is None or call_report.passed:
        assert not problems, "\n".join(problems)


@pytest.fixture
def page(new_context):
    """A fresh page (JavaScript on, 1280×900, French) in its own context."""
    return new_context().new_page()
