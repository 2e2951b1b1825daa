import pytest

from tests.factories import MembershipFactory, StructureFactory, UserFactory

from .factories import SessionFactory, TerritoryFactory


@pytest.fixture
def tours(db):
    return TerritoryFactory()


@pytest.fixture
def forum(tours):
    """A forum in Tours with two seats, next week."""
    return SessionFactory(territory=tours, capacity=2, title="Forum d'interconnaissance de Tours")


@pytest.fixture
def support_user(db):
    return UserFactory(
        email="appui@test.spro.example", role="support_team", first_name="Dominique", last_name="Appui", password=None
    )


@pytest.fixture
def make_member(db):
    """A professional, member of a structure of their own."""

    def make(name: str):
        structure = StructureFactory(slug=f"structure-{name}", name=f"Structure {name.title()}")
        user = UserFactory(
            email=f"{name}@test.spro.example", first_name=name.title(), last_name="Testeur", password=None
        )  # no password hashing: fast
        MembershipFactory(user=user, structure=structure)
        return user

    return make


def structure_of(user):
    return user.memberships.get().structure
