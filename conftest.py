"""Fixtures shared by every app: vocabularies, personas, the demo region."""

import pytest
import time_machine

from tests.clock import FROZEN_NOW
from tests.factories import MembershipFactory, StructureFactory, UserFactory

PASSWORD = "mot-de-passe-de-test"


@pytest.fixture(autouse=True)
def _no_login_lockout_by_default(settings):
    """django-axes needs the request in authenticate(); tests that call it directly run without it.

    The lockout itself is tested in apps/accounts/tests/test_security.py, which switches it back on.
    """
    settings.AXES_ENABLED = False


@pytest.fixture(autouse=True)
def _fixed_clock(request):
    """Every test runs on the same fixed, ticking clock: no test depends on today's date.

    Browser tests are left out: their server runs on the same clock in its own process (tests/e2e).
    """
    if request.node.get_closest_marker("e2e"):
        yield None
        return
    with time_machine.travel(FROZEN_NOW, tick=True) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def _sessions_without_time_limits(settings):
    """Tests that move the clock by hours keep their session; the limits are tested in
    apps/accounts/tests/test_invitation_and_idle.py, which sets them back."""
    settings.SPRO_SESSION_IDLE_SECONDS = settings.SESSION_COOKIE_AGE = 10 * 365 * 86400


@pytest.fixture(autouse=True)
def _queue_worker_keeps_the_test_transaction(monkeypatch):
    """The e-mail worker recycles database connections between tasks, as a request would; inside a test
    that would close the test's transaction (run_scheduled_jobs --once runs the worker in-process)."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Counters (call-back throttling) and cached vocabularies must not leak from one test to the next."""
    from django.core.cache import cache

    from apps.api.search_params import forget

    cache.clear()
    forget()  # the search API's vocabularies and communes kept in the process
    yield
    cache.clear()
    forget()


@pytest.fixture
def vocabularies(db):
    from apps.directory.services import load_vocabularies

    load_vocabularies()


@pytest.fixture
def structure_a(db):
    return StructureFactory(slug="structure-a", name="Structure A")


@pytest.fixture
def structure_b(db):
    return StructureFactory(slug="structure-b", name="Structure B")


@pytest.fixture
def member_a(structure_a):
    return MembershipFactory(structure=structure_a, user=UserFactory(email="membre.a@test.spro.example")).user


@pytest.fixture
def member_b(structure_b):
    return MembershipFactory(structure=structure_b, user=UserFactory(email="membre.b@test.spro.example")).user


@pytest.fixture
def region_admin(db):
    return UserFactory(email="region@test.spro.example", role="region_admin")


@pytest.fixture(scope="module")
def demo_region(django_db_setup, django_db_blocker):
    """The Centre-Val de Loire départements, SPRO territories and demo directory.

    Loaded once per test module inside a transaction that is rolled back when the module
    ends, so other modules never see it; each test still runs in its own savepoint.
    """
    from django.db import transaction

    from apps.directory.services import load_demo_data, load_vocabularies
    from apps.geo.services import load_reference_geography, load_territories

    with django_db_blocker.unblock(), transaction.atomic():
        load_reference_geography(["18", "28", "36", "37", "41", "45"])
        load_territories()
        load_vocabularies()
        load_demo_data(with_users=False)
        yield
        transaction.set_rollback(True)
