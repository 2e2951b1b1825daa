"""Reads of the public agenda: upcoming events with filters, the months that have some."""

from datetime import date

from django.db.models import QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from .models import PublicEvent


def _base() -> QuerySet:
    return PublicEvent.objects.select_related("territory", "place__commune", "place__structure", "commune")


def upcoming_events(territory=None, month: date | None = None, kind: str = "") -> QuerySet:
    """Events not finished yet, soonest first, in a territory, a month (its first day) and of a kind."""
    events = _base().filter(ends_at__gte=timezone.now())
    if territory is not None:
        events = events.filter(territory=territory)
    if month is not None:
        events = events.filter(starts_at__year=month.year, starts_at__month=month.month)
    if kind:
        events = events.filter(kind=kind)
    return events.order_by("starts_at", "title")


def upcoming_months() -> list[date]:
    """The months (first day) in which an upcoming event starts, for the month filter."""
    zone = timezone.get_current_timezone()
    months = (
        PublicEvent.objects.filter(ends_at__gte=timezone.now())
        .annotate(month=TruncMonth("starts_at", tzinfo=zone))
        .values_list("month", flat=True)
        .distinct()
    )
    return sorted({m.date() if hasattr(m, "date") else m for m in months})


def event(pk: int) -> PublicEvent | None:
    return _base().filter(pk=pk).first()


def events_managed_by(user, territory_ids=None) -> QuerySet:
    """Every event the user may edit (past ones too), the latest first."""
    events = _base().order_by("-starts_at", "title")
    if user.has_perm("agenda.manage_all_events"):
        return events
    return events.filter(territory_id__in=territory_ids or [])
