"""iCalendar (RFC 5545) export of sessions, with the icalendar library: one session or a whole feed."""

from datetime import date
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from apps.core import region_pack

UID_DOMAIN = "spro.example"


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", f"-//{region_pack.current().text('site_name')}//Programme d'appui//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", " ".join(name.split()))  # a property value is one line
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def _event(session, with_online_url: bool = False) -> Event:
    zone = ZoneInfo(settings.TIME_ZONE)
    event = Event()
    event.add("uid", f"session-{session.pk}@{UID_DOMAIN}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", session.starts_at.astimezone(zone))
    event.add("dtend", session.ends_at.astimezone(zone))
    event.add("summary", session.title)
    url = settings.SPRO_SITE_URL + session.get_absolute_url()
    lines = [session.get_kind_display(), f"Organisation : {session.organiser_label}"]
    if session.description:
        lines.append(session.description)
    if session.online_url and with_online_url:  # only for whom the page shows it (selectors.sees_online_url)
        lines.append(f"Lien de connexion : {session.online_url}")
    elif session.online_url:
        lines.append("Le lien de connexion est communiqué aux inscrit·es.")
    lines.append(f"Inscription et informations : {url}")
    event.add("description", "\n\n".join(lines))
    if session.location_label:
        event.add("location", session.location_label)
    event.add("url", url)
    event.add("status", "CANCELLED" if session.status == session.Status.CANCELLED else "CONFIRMED")
    event.add("last-modified", session.updated_at)
    if session.place_id:
        event.add("geo", (session.place.latitude, session.place.longitude))
    return event


def calendar_ics(name: str, events: list[tuple[Event, int]]) -> bytes:
    """Any events as one iCalendar file: (event, year of its start) pairs; also used by the public agenda."""
    calendar = _calendar(name)
    years = []
    for event, year in events:
        calendar.add_component(event)
        years.append(year)
    if years:  # the VTIMEZONE only needs to cover the years of the events
        first, last = max(min(years) - 1, 1), min(max(years) + 2, 9999)
        calendar.add_missing_timezones(first_date=date(first, 1, 1), last_date=date(last, 1, 1))
    return calendar.to_ical()


def _serialise(name: str, sessions, with_online_url: bool = False) -> bytes:
    return calendar_ics(name, [(_event(s, with_online_url), s.starts_at.year) for s in sessions])


def session_ics(session, with_online_url: bool = False) -> bytes:
    return _serialise(session.title, [session], with_online_url)


def feed_ics(sessions, name: str = "") -> bytes:
    name = name or f"Programme d'appui du {region_pack.current().text('site_name')}"
    """The public feed: never a connection link."""
    return _serialise(name, sessions)
