"""The public events as iCalendar (RFC 5545), with the project's producer (apps/programme/ics.py)."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Event

from apps.programme.ics import UID_DOMAIN, calendar_ics

FEED_NAME = "Agenda public du SPRO"


def _event(public_event) -> Event:
    zone = ZoneInfo(settings.TIME_ZONE)
    url = settings.SPRO_SITE_URL + public_event.get_absolute_url()
    event = Event()
    event.add("uid", f"evenement-public-{public_event.pk}@{UID_DOMAIN}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", public_event.starts_at.astimezone(zone))
    event.add("dtend", public_event.ends_at.astimezone(zone))
    event.add("summary", public_event.title)
    lines = [
        f"{public_event.get_kind_display()} — {public_event.get_audience_display()}",
        public_event.description,
        f"Informations : {url}",
    ]
    if public_event.link:
        lines.append(f"Site de l'événement : {public_event.link}")
    event.add("description", "\n\n".join(line for line in lines if line))
    if public_event.location_label:
        event.add("location", public_event.location_label)
    event.add("url", url)
    event.add("status", "CONFIRMED")
    event.add("last-modified", public_event.updated_at)
    if public_event.place_id and public_event.place.latitude is not None:
        event.add("geo", (public_event.place.latitude, public_event.place.longitude))
    return event


def event_ics(public_event) -> bytes:
    return calendar_ics(public_event.title, [(_event(public_event), public_event.starts_at.year)])


def feed_ics(events, name: str = FEED_NAME) -> bytes:
    return calendar_ics(name, [(_event(e), e.starts_at.year) for e in events])
