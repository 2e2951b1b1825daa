"""Every URL pattern × every role: the status of a GET compared with a declared matrix.

The resolver of spro/urls.py is walked; each named pattern must have a row in MATRIX (a new URL
without one fails), filled with sample values from the demo region. Roles, in column order:
anonymous, member (of the structure the samples belong to, in the Loir-et-Cher), member of
another structure (in the Cher), coordinator (Loir-et-Cher), region admin, support team (GIP),
staff (technical administration, superuser). The clock is the suite's fixed one (tests/clock.py):
designations, school years and deadlines do not depend on the day the test runs.

`URL_MATRIX_DUMP=1 pytest tests/test_url_matrix.py -s` prints the observed matrix in MATRIX's
format, to review when a URL is added.
"""

import os
import re

import pytest
import time_machine
from django.contrib.auth.hashers import make_password
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver

from .clock import FROZEN_NOW
from .url_matrix_rows import ADMIN_SAMPLES, MATRIX, ROLES

NOW = FROZEN_NOW  # the world is loaded at the instant every test runs at (conftest.py)
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _walk(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            inner = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, prefix + str(pattern.pattern)


PATTERNS = dict(_walk(get_resolver().url_patterns))
APP_PATTERNS = {name: route for name, route in PATTERNS.items() if not route.startswith("admin/")}


def test_every_url_pattern_is_named_and_declared():
    unnamed = [route for name, route in _walk(get_resolver().url_patterns) if not name]
    assert unnamed == []
    assert sorted(set(APP_PATTERNS) - set(MATRIX)) == [], "declare a row in tests/url_matrix_rows.py"
    assert sorted(set(MATRIX) - set(APP_PATTERNS)) == [], "a declared row matches no URL pattern"


def test_every_admin_pattern_belongs_to_the_admin_site():
    """The admin's own patterns are one generated family: sampled below, not declared one by one."""
    admin = [name for name, route in PATTERNS.items() if route.startswith("admin/")]
    assert admin and all(name.startswith("admin:") for name in admin)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The demo region with its accounts, loaded once, rolled back at the module's end."""
    from django.db import transaction

    traveller = time_machine.travel(NOW, tick=False)
    traveller.start()
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER), transaction.atomic():
        samples, users = _load_world()
        yield samples, users
        transaction.set_rollback(True)
    traveller.stop()


def _load_world():
    from apps.accounts.models import User

    from .demo_world import load_demo_world

    load_demo_world()
    User.objects.create(
        email="technique@demo.spro.example", password=make_password("x"), is_staff=True, is_superuser=True
    )
    from .url_matrix_samples import samples_and_users

    return samples_and_users()


def _url(route: str, kwargs: dict) -> str:
    """Fill a route (path() or regex) with the sample values."""
    route = route.replace("^", "").replace("$", "")
    route = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(kwargs[m.group(1)]), route)  # regex groups first
    route = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m.group(1)]), route)
    return "/" + route


def _statuses(url: str, users: dict) -> list[str]:
    statuses = []
    for role in ROLES:
        client = Client()
        if users[role] is not None:
            client.force_login(users[role])
        statuses.append(str(client.get(url).status_code))
    return statuses


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(APP_PATTERNS))
def test_url_answers_each_role_as_declared(world, name):
    samples, users = world
    kwargs_spec, expected = MATRIX[name]
    kwargs = {key: samples[value] for key, value in (item.split("=") for item in kwargs_spec.split())}
    observed = _statuses(_url(APP_PATTERNS[name], kwargs), users)
    if os.environ.get("URL_MATRIX_DUMP"):
        print(f'\n    "{name}": ("{kwargs_spec}", "{" ".join(observed)}"),')
    assert dict(zip(ROLES, observed, strict=True)) == dict(zip(ROLES, expected.split(), strict=True))


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "args", "expected"), ADMIN_SAMPLES)
def test_admin_answers_each_role_as_declared(world, name, args, expected):
    from django.urls import reverse

    _, users = world
    observed = _statuses(reverse(name, args=args), users)
    assert dict(zip(ROLES, observed, strict=True)) == dict(zip(ROLES, expected.split(), strict=True))
