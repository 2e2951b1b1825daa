"""iCalendar: per-session .ics and the filtered feed parse with the icalendar library."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from tests.factories import UserFactory

from .factories import RegistrationFactory, SessionFactory, TerritoryFactory

pytestmark = pytest.mark.django_db


def test_a_session_ics_parses_with_the_icalendar_library(client, forum):
    response = client.get(reverse("programme:session_ics", args=[forum.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    assert str(event["SUMMARY"]) == forum.title
    assert event.decoded("DTSTART") == forum.starts_at
    assert event.decoded("DTEND") == forum.ends_at
    assert event.decoded("DTSTART").tzinfo.key == "Europe/Paris"
    assert str(event["UID"]) == f"session-{forum.pk}@spro.example"
    assert str(event["LOCATION"]) == "Tours (37)"
    assert f"/programme/sessions/{forum.pk}/" in str(event["URL"])
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]


def test_the_feed_lists_the_filtered_upcoming_sessions(client, forum):
    cher = TerritoryFactory(code="cher", name="Cher")
    bourges = SessionFactory(territory=cher, title="Forum de Bourges")
    SessionFactory(territory=cher, title="Forum passé", starts_at=timezone.now() - timedelta(days=30))
    SessionFactory(territory=cher, title="Brouillon", status="draft")
    SessionFactory(territory=cher, title="Annulé", status="cancelled")

    everything = Calendar.from_ical(client.get(reverse("programme:calendar_feed")).content)
    summaries = {str(e["SUMMARY"]): e for e in everything.walk("VEVENT")}
    assert set(summaries) == {forum.title, bourges.title, "Annulé"}
    assert str(summaries["Annulé"]["STATUS"]) == "CANCELLED"

    cher_only = Calendar.from_ical(client.get(reverse("programme:calendar_feed"), {"territoire": "cher"}).content)
    assert {str(e["SUMMARY"]) for e in cher_only.walk("VEVENT")} == {bourges.title, "Annulé"}


def test_times_are_given_in_french_local_time(client, tours):
    paris = ZoneInfo("Europe/Paris")
    start = (timezone.now() + timedelta(days=3)).astimezone(paris).replace(hour=9, minute=30, second=0, microsecond=0)
    session = SessionFactory(territory=tours, starts_at=start, ends_at=start + timedelta(hours=3))
    content = client.get(reverse("programme:session_ics", args=[session.pk])).content.decode()
    assert f"DTSTART;TZID=Europe/Paris:{start:%Y%m%d}T093000" in content


VISIO = "https://visio.spro.example/forum-secret"


@pytest.fixture
def online(tours):
    return SessionFactory(territory=tours, online_url=VISIO, title="Forum en ligne")


def _description(response) -> str:
    return " ".join(str(e["DESCRIPTION"]) for e in Calendar.from_ical(response.content).walk("VEVENT"))


def test_the_public_ics_never_carry_the_connection_link(client, online):
    """The page shows the link only to confirmed registrants; neither .ics may publish it (review M3)."""
    for url in (reverse("programme:session_ics", args=[online.pk]), reverse("programme:calendar_feed")):
        text = _description(client.get(url))
        assert VISIO not in text and "communiqué aux inscrit·es" in text


@pytest.mark.parametrize(
    "status, sees", [("confirmed", True), ("waitlisted", False), ("cancelled", False), (None, False)]
)
def test_the_session_ics_carries_the_link_for_confirmed_registrants_only(client, online, status, sees):
    user = UserFactory(email="inscrite@test.spro.example")
    if status:
        RegistrationFactory(session=online, user=user, status=status)
    client.force_login(user)
    response = client.get(reverse("programme:session_ics", args=[online.pk]))
    assert (VISIO in _description(response)) is sees
    assert ("no-store" in response.get("Cache-Control", "")) is sees
    assert VISIO not in _description(client.get(reverse("programme:calendar_feed")))
    page = client.get(reverse("programme:session", args=[online.pk])).content.decode()
    assert (VISIO in page) is sees


def test_a_title_with_a_line_break_still_exports(client, tours):
    session = SessionFactory(territory=tours, title="Forum\r\nEND:VCALENDAR")
    response = client.get(reverse("programme:session_ics", args=[session.pk]))
    assert response.status_code == 200
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) == 1
