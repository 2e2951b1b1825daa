"""The demo a Région would be shown: people with distinct names, events on working days, this year's programme.

Checks the whole demo region (tests/demo_world.py, what `load_demo` loads) on the suite's fixed clock:
no session, meeting, committee, deadline or public event on a weekend, a French public holiday or between
24 and 31 December (apps/core/workdays.py); no two demo accounts with the same display name.
"""

from collections import Counter

import pytest
import time_machine
from django.utils import timezone

from .clock import FROZEN_NOW


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    from django.db import transaction

    from .demo_world import load_demo_world

    traveller = time_machine.travel(FROZEN_NOW, tick=False)
    traveller.start()
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo_world()
        yield
        transaction.set_rollback(True)
    traveller.stop()


def _local_days(moments):
    return [timezone.localtime(m).date() for m in moments if m is not None]


def _dated_things():
    """(what, date) of every dated demo event: sessions, meetings, public events, signatures, payments…"""
    from apps.agenda.models import PublicEvent
    from apps.network.models import Amendment, AmendmentSignature, GrantPayment, Meeting, PlannedAction, Signatory
    from apps.programme.models import Session

    things = []
    for model, fields in [
        (Session, ["starts_at", "ends_at"]),
        (Meeting, ["starts_at", "ends_at"]),
        (PublicEvent, ["starts_at", "ends_at"]),
    ]:
        for row in model.objects.values_list("pk", *fields):
            things += [(f"{model.__name__} {row[0]}", day) for day in _local_days(row[1:])]
    for model, fields in [
        (Signatory, ["signed_on"]),
        (AmendmentSignature, ["signed_on"]),
        (Amendment, ["sent_on", "signed_on"]),
        (GrantPayment, ["due_on", "paid_on"]),
        (PlannedAction, ["start_date", "end_date"]),
    ]:
        for row in model.objects.values_list("pk", *fields):
            things += [(f"{model.__name__} {row[0]}", day) for day in row[1:] if day is not None]
    return things


@pytest.mark.django_db
def test_no_demo_event_falls_on_a_weekend_a_public_holiday_or_christmas_week(demo):
    from apps.core.workdays import is_event_day

    things = _dated_things()
    assert len(things) > 400
    wrong = [(what, day.strftime("%A %d/%m/%Y")) for what, day in things if not is_event_day(day)]
    assert wrong == []


@pytest.mark.django_db
def test_no_two_demo_users_share_a_display_name(demo):
    from apps.accounts.models import User

    names = Counter(user.get_full_name() for user in User.objects.all())
    assert len(names) > 150
    assert [name for name, count in names.items() if count > 1] == []
    assert all(" " in name for name in names), "a first and a last name for everyone"
    assert not User.objects.filter(first_name__icontains="conseiller").exists()


@pytest.mark.django_db
def test_the_programme_of_this_school_year_follows_the_roadmap_with_past_and_upcoming_sessions(demo):
    from apps.programme.models import Registration, Session, SupportAxis

    assert list(SupportAxis.objects.filter(period="2026-2027").values_list("number", flat=True)) == [1, 2, 3, 4, 5]
    assert SupportAxis.objects.filter(period="2015-2016").count() == 6  # the history is kept
    this_year = Session.objects.filter(axis__period="2026-2027")
    past, upcoming = this_year.filter(ends_at__lt=timezone.now()), this_year.filter(starts_at__gt=timezone.now())
    assert past.count() >= 5 and upcoming.count() >= 15
    assert Registration.objects.filter(session__in=past, attended=True).exists()
    assert all(s.is_open_for_registration for s in upcoming.filter(status="published"))


@pytest.mark.django_db
def test_amendments_and_region_contacts_follow_the_seeds(demo):
    from apps.network.models import Amendment, RegionContact

    statuses = dict(Amendment.objects.values_list("convention__territory__code", "status"))
    assert statuses == {"pithiviers": "signed", "cher": "sent"}
    pilots = dict(RegionContact.objects.filter(topic="pilot").values_list("territory__code", "name"))
    east_south = {"cher", "chateauroux", "issoudun", "le-blanc-la-chatre-argenton", "indre-et-loire"}
    east_south |= {"montargis-gien", "pithiviers"}  # seed 004: with the Cher, the Indre and the Indre-et-Loire
    assert {code for code, name in pilots.items() if name == pilots["cher"]} == east_south
    assert {code for code, name in pilots.items() if name == pilots["orleans"]} == set(pilots) - east_south
    assert len(pilots) == 12


@pytest.mark.django_db
def test_public_events_cover_every_territory_at_places_of_the_demo(demo):
    from apps.agenda.models import PublicEvent
    from apps.geo.models import Territory

    events = PublicEvent.objects.select_related("place__structure")
    covered = set(events.values_list("territory__code", flat=True))
    assert covered == set(Territory.objects.exclude(kind="region").values_list("code", flat=True))
    assert all(e.place.structure.source == "demo" for e in events if e.place_id)
    assert all(e.place_id or (e.address and e.commune_id) for e in events)
    assert events.filter(starts_at__gt=timezone.now()).count() >= 12
