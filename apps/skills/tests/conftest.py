"""Personas of professionalisation: one per role, two territories, the shipped frameworks."""

import pytest

from apps.accounts.models import User
from apps.network.tests.factories import CoordinatorFactory, territory
from apps.skills.frameworks import load_default_frameworks
from tests.factories import MembershipFactory, StructureFactory, UserFactory

ROLES = ["anonymous", "unattached", "member", "coordinator", "support_team", "region_admin"]


@pytest.fixture(autouse=True)
def fast_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def loir_et_cher(db):
    return territory("loir-et-cher", "Loir-et-Cher", "41", "Loir-et-Cher")


@pytest.fixture
def cher(db):
    return territory("cher", "Cher", "18", "Cher")


@pytest.fixture
def ml_blaisois(loir_et_cher):
    return StructureFactory(slug="ml-blaisois", name="Mission locale du Blaisois", territory=loir_et_cher)


@pytest.fixture
def frameworks(db):
    return {fw.code: fw for fw, _ in load_default_frameworks()}


@pytest.fixture
def coordination(frameworks):
    return frameworks["coordination-spro"]


def member_of(structure, email, first="Alex", last="Essai"):
    user = UserFactory(email=email, first_name=first, last_name=last)
    MembershipFactory(user=user, structure=structure)
    return user


@pytest.fixture
def personas(ml_blaisois, loir_et_cher):
    """role → user (None for the visitor)."""
    coordinator = UserFactory(email="coord-41@test.spro.example", first_name="Manon", last_name="Essai")
    CoordinatorFactory(territory=loir_et_cher, user=coordinator, structure=ml_blaisois)
    return {
        "anonymous": None,
        "unattached": UserFactory(email="sans-role@test.spro.example"),
        "member": member_of(ml_blaisois, "membre@test.spro.example"),
        "coordinator": coordinator,
        "support_team": UserFactory(email="appui@test.spro.example", role=User.Role.SUPPORT_TEAM),
        "region_admin": UserFactory(email="region@test.spro.example", role=User.Role.REGION_ADMIN),
    }


@pytest.fixture
def as_role(client, personas):
    def login(role):
        if personas[role] is not None:
            client.force_login(personas[role])
        return client

    return login
