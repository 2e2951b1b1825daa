"""Fixtures shared by every app: vocabularies, personas, the demo region."""

import pytest

from tests.factories import MembershipFactory, StructureFactory, UserFactory

PASSWORD = "mot-de-passe-de-test"


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


def _load_demo_region():
    from apps.directory.services import demo_data_loaded, load_demo_data, load_vocabularies
    from apps.geo.services import load_reference_geography, load_territories

    if not demo_data_loaded():
        load_reference_geography(["18", "28", "36", "37", "41", "45"])
        load_territories()
        load_vocabularies()
        load_demo_data(with_users=False)


@pytest.fixture(scope="session")
def _demo_region_committed(django_db_setup, django_db_blocker):
    """Loaded once per test process, outside any test transaction."""
    with django_db_blocker.unblock():
        _load_demo_region()


@pytest.fixture
def demo_region(_demo_region_committed, db):
    """The Centre-Val de Loire départements, SPRO territories and demo directory.

    A transactional test elsewhere may have flushed the committed copy: reload it then
    (inside this test's transaction, so it is rolled back with it).
    """
    _load_demo_region()
