"""Capacity holds when 20 members register at the same instant (row lock on PostgreSQL, write lock on SQLite)."""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from apps.programme import services
from apps.programme.models import Registration
from tests.concurrency import run_at_once

from .conftest import structure_of
from .factories import SessionFactory

pytestmark = pytest.mark.django_db(transaction=True)

CAPACITY = 5
RACERS = 20


def _members(make_member):
    return [make_member(f"membre{i:02d}") for i in range(RACERS)]


def test_twenty_concurrent_registrations_never_exceed_capacity(tours, make_member):
    session = SessionFactory(territory=tours, capacity=CAPACITY)
    members = _members(make_member)
    calls = [lambda u=u: services.register(session, u, structure_of(u)) for u in members]

    results, errors = run_at_once(calls)

    assert not errors, errors
    assert len(results) == RACERS
    statuses = list(Registration.objects.filter(session=session).values_list("status", flat=True))
    assert statuses.count("confirmed") == CAPACITY
    assert statuses.count("waitlisted") == RACERS - CAPACITY
    assert connection.vendor in {"postgresql", "sqlite"}


def test_twenty_concurrent_requests_on_the_register_page_never_exceed_capacity(tours, make_member):
    session = SessionFactory(territory=tours, capacity=CAPACITY)
    members = _members(make_member)
    clients = []
    for member in members:
        client = Client()
        client.force_login(member)
        clients.append((client, structure_of(member).pk))
    url = reverse("programme:register", args=[session.pk])
    calls = [lambda c=c, s=s: c.post(url, {"structure": s}).status_code for c, s in clients]

    results, errors = run_at_once(calls)

    assert not errors, errors
    assert results == [302] * RACERS
    assert Registration.objects.filter(session=session, status="confirmed").count() == CAPACITY
    assert Registration.objects.filter(session=session, status="waitlisted").count() == RACERS - CAPACITY


def test_concurrent_cancellations_promote_each_waiting_person_once(tours, make_member):
    session = SessionFactory(territory=tours, capacity=CAPACITY)
    members = _members(make_member)
    for member in members:
        services.register(session, member, structure_of(member))
    confirmed = list(Registration.objects.filter(session=session, status="confirmed"))
    calls = [lambda r=r: services.cancel_registration(r) for r in confirmed]

    results, errors = run_at_once(calls)

    assert not errors, errors
    promoted = [r.pk for r in results if r is not None]
    assert len(promoted) == len(set(promoted)) == CAPACITY
    assert Registration.objects.filter(session=session, status="confirmed").count() == CAPACITY
    assert Registration.objects.filter(session=session, status="waitlisted").count() == RACERS - 2 * CAPACITY
