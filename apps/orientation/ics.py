"""The first appointment of a fiche navette as an iCalendar (RFC 5545) file, for the receiving counsellor.

No personal data in it: the person's first name and contact details stay behind login, on the fiche.
"""

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from apps.core import region_pack

UID_DOMAIN = "spro.example"
APPOINTMENT_LENGTH = timedelta(hours=1)


def appointment_ics(referral) -> bytes:
    zone = ZoneInfo(settings.TIME_ZONE)
    start = referral.appointment_at.astimezone(zone)
    calendar = Calendar()
    calendar.add("prodid", f"-//{region_pack.current().text('site_name')}//Fiches navettes//FR")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"fiche-navette-{referral.pk}-rendez-vous@{UID_DOMAIN}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", start)
    event.add("dtend", start + APPOINTMENT_LENGTH)
    event.add("summary", f"Premier rendez-vous — fiche navette n° {referral.pk}")
    url = settings.SPRO_SITE_URL + referral.get_absolute_url()
    event.add("description", f"Fiche navette n° {referral.pk} de {referral.receiver_structure.name}.\n{url}")
    event.add("url", url)
    calendar.add_component(event)
    calendar.add_missing_timezones(first_date=date(start.year - 1, 1, 1), last_date=date(start.year + 2, 1, 1))
    return calendar.to_ical()
