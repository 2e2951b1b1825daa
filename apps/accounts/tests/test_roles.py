"""The regional roles have one definition (accounts/models.py) and one module of predicates
(accounts/perms.py) that every app composes: checked as a table, and by reading the sources."""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser

from apps.accounts import perms
from apps.accounts.models import Membership, User
from apps.indicators import access
from apps.network import perms as network_perms
from apps.programme import perms as programme_perms
from tests.factories import MembershipFactory, StructureFactory, UserFactory

APPS = Path(__file__).resolve().parents[2]

KINDS = {
    "anonymous": lambda: AnonymousUser(),
    "nobody": lambda: UserFactory(email="rien@test.spro.example"),
    "support": lambda: UserFactory(email="gip@test.spro.example", role=User.Role.SUPPORT_TEAM),
    "support_inactive": lambda: UserFactory(email="ex-gip@test.spro.example", role="support_team", is_active=False),
    "region": lambda: UserFactory(email="region@test.spro.example", role=User.Role.REGION_ADMIN),
    "region_inactive": lambda: UserFactory(email="ex-region@test.spro.example", role="region_admin", is_active=False),
    "superuser": lambda: UserFactory(email="root@test.spro.example", is_superuser=True),
}
# kind → (is_region_admin, is_support_team)
EXPECTED = {
    "anonymous": (False, False),
    "nobody": (False, False),
    "support": (False, True),
    "support_inactive": (False, False),
    "region": (True, False),
    "region_inactive": (False, False),
    "superuser": (True, False),
}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_regional_roles_table(kind):
    user = KINDS[kind]()
    assert (perms.is_region_admin(user), perms.is_support_team(user)) == EXPECTED[kind]
    if user.is_authenticated:
        assert (user.is_region_admin, user.is_support_team) == EXPECTED[kind]
        assert User.objects.region_admins().filter(pk=user.pk).exists() == EXPECTED[kind][0]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("membership", "member", "admin"), [(None, False, False), ("member", True, False), ("admin", True, True)]
)
def test_structure_roles_table(membership, member, admin):
    structure, other = StructureFactory(), StructureFactory()
    user = UserFactory()
    if membership:
        MembershipFactory(user=user, structure=structure, role=membership)
    assert perms.is_member_of_structure(user, structure) is member
    assert perms.is_admin_of_structure(user, structure) is admin
    assert not perms.is_member_of_structure(user, other) and not perms.is_admin_of_structure(user, other)
    assert not perms.is_member_of_structure(AnonymousUser(), structure)
    assert Membership.Role.ADMIN == "admin"


def test_every_app_uses_the_same_predicates():
    assert network_perms.is_support_team is perms.is_support_team
    assert programme_perms.is_support_team is perms.is_support_team
    assert access.is_support_team is perms.is_support_team


def _sources():
    for path in sorted(APPS.rglob("*")):
        parts = set(path.relative_to(APPS).parts)
        if path.suffix in {".py", ".html", ".txt"} and not parts & {"tests", "migrations"}:
            yield path


# A role compared as a raw string, or a role predicate defined again outside accounts.
PREDICATES = "is_support_team|is_region_admin|is_member|is_member_of_structure|is_admin_of_structure"
FORBIDDEN = re.compile(rf"role\s*[!=]=|[\"'](support_team|region_admin)[\"']|def ({PREDICATES})\(")
ROLE_HOMES = {APPS / "accounts" / "models.py", APPS / "accounts" / "perms.py"}


def test_no_role_is_compared_or_defined_outside_accounts():
    found = [
        f"{path.relative_to(APPS)}:{number}: {line.strip()}"
        for path in _sources()
        if path not in ROLE_HOMES
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if FORBIDDEN.search(line)
    ]
    assert found == []
