"""Reads of the programme: calendar, registrations, and the interconnaissance figures for the indicators."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations

from django.db.models import Case, Count, ExpressionWrapper, F, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from apps.geo.models import Territory

from .models import Registration, Session, SupportAxis

Status = Registration.Status


def calendar_sessions(
    *,
    territory: Territory | None = None,
    regional_only: bool = False,
    axis: SupportAxis | None = None,
    audience: str = "",
    month: date | None = None,
    past: bool = False,
    include_drafts: bool = False,
) -> QuerySet:
    """Published sessions for the calendar, soonest first (or most recent first for past ones)."""
    qs = Session.objects.select_related("action__axis", "axis", "territory", "organiser_structure", "place__commune")
    qs = qs.annotate(confirmed_count=Count("registrations", filter=Q(registrations__status=Status.CONFIRMED)))
    qs = qs.annotate(seats_left=ExpressionWrapper(F("capacity") - F("confirmed_count"), output_field=IntegerField()))
    if not include_drafts:
        qs = qs.exclude(status=Session.Status.DRAFT)
    if regional_only:
        qs = qs.filter(territory__isnull=True)
    elif territory is not None:
        qs = qs.filter(territory=territory)
    if axis is not None:
        qs = qs.filter(axis=axis)
    if audience:
        qs = qs.filter(audience__in=[audience, "all"])
    if month is not None:
        qs = qs.filter(starts_at__year=month.year, starts_at__month=month.month)
    elif past:
        qs = qs.filter(ends_at__lt=timezone.now())
    else:
        qs = qs.filter(ends_at__gte=timezone.now())
    return qs.order_by("-starts_at") if past and month is None else qs.order_by("starts_at", "pk")


def calendar_months(past: bool = False) -> list[date]:
    """The months (first day) that have at least one session, for the month filter."""
    qs = Session.objects.exclude(status=Session.Status.DRAFT)
    now = timezone.now()
    qs = qs.filter(ends_at__lt=now) if past else qs.filter(ends_at__gte=now)
    months = {date(d.year, d.month, 1) for d in qs.dates("starts_at", "month")}
    return sorted(months, reverse=past)


def programme_axes(period: str | None = None) -> QuerySet:
    qs = SupportAxis.objects.prefetch_related("actions").annotate(session_count=Count("sessions"))
    return qs.filter(period=period) if period else qs


def registration_of(session: Session, user) -> Registration | None:
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(session=session, user=user).select_related("structure").first()


def sees_online_url(session: Session, user) -> bool:
    """The connection link is for the organisers and the confirmed registrants: on the page and in the .ics."""
    if user.has_perm("programme.manage_session", session):
        return True
    registration = registration_of(session, user)
    return registration is not None and registration.status == Status.CONFIRMED


def participants(session: Session) -> QuerySet:
    """Everyone registered or waiting, for the organisers' list (e-mails included)."""
    order = Case(
        When(status=Status.CONFIRMED, then=Value(0)), When(status=Status.WAITLISTED, then=Value(1)), default=Value(2)
    )
    return session.registrations.select_related("user", "structure").order_by(order, "queued_at", "pk")


def confirmed_participants(session: Session) -> QuerySet:
    return (
        session.registrations.filter(status=Status.CONFIRMED)
        .select_related("user", "structure")
        .order_by("user__last_name", "user__first_name", "user__email")
    )


def registered_structures(session: Session) -> list[str]:
    """The structures taking part (confirmed), the only thing other participants see of each other."""
    names = session.registrations.filter(status=Status.CONFIRMED).values_list("structure__name", flat=True)
    return sorted(set(names))


def registrations_of_user(user) -> QuerySet:
    return (
        Registration.objects.filter(user=user)
        .exclude(status=Status.CANCELLED)
        .select_related("session__territory", "structure")
        .order_by("-session__starts_at")
    )


def session_counts(session: Session) -> dict[str, int]:
    counts = session.registrations.aggregate(
        confirmed=Count("pk", filter=Q(status=Status.CONFIRMED)),
        waitlisted=Count("pk", filter=Q(status=Status.WAITLISTED)),
        attended=Count("pk", filter=Q(status=Status.CONFIRMED, attended=True)),
        travel=Count("pk", filter=Q(status=Status.CONFIRMED, travel_expenses_requested=True)),
    )
    counts["left"] = max(session.capacity - counts["confirmed"], 0)
    return counts


# --- Interconnaissance figures (for the indicators) ---------------------------------------------------------


@dataclass
class InterconnaissanceFigures:
    """How much the professionals of a territory met in a year, counted on attendance (people ticked present).

    ``territory`` is None for the whole region. ``structure_pairs`` counts distinct unordered pairs of
    structures that had at least one person present at the same session.
    """

    year: int
    territory: Territory | None
    scope: str = "territory"  # "territory", "regional" (sessions with no territory) or "total" (the whole region)
    sessions: int = 0
    structures: int = 0
    professionals: int = 0
    structure_pairs: int = 0
    pairs: set = field(default_factory=set, repr=False)

    @property
    def label(self) -> str:
        if self.territory is not None:
            return self.territory.name
        return "Sessions régionales" if self.scope == "regional" else "Toute la région"


def _attendance(year: int):
    return (
        Registration.objects.filter(
            status=Status.CONFIRMED,
            attended=True,
            session__starts_at__year=year,
        )
        .exclude(session__status=Session.Status.CANCELLED)
        .values_list("session_id", "session__territory_id", "structure_id", "user_id")
    )


def _figures(year: int, territory, rows, scope: str = "territory") -> InterconnaissanceFigures:
    by_session: dict[int, set[int]] = defaultdict(set)
    users, structures = set(), set()
    for session_id, _territory_id, structure_id, user_id in rows:
        by_session[session_id].add(structure_id)
        users.add(user_id)
        structures.add(structure_id)
    pairs = {pair for members in by_session.values() for pair in combinations(sorted(members), 2)}
    return InterconnaissanceFigures(
        year=year,
        territory=territory,
        scope=scope,
        sessions=len(by_session),
        structures=len(structures),
        professionals=len(users),
        structure_pairs=len(pairs),
        pairs=pairs,
    )


def interconnaissance_figures(year: int, territory: Territory | None = None) -> InterconnaissanceFigures:
    """The interconnaissance figures of one territory (sessions held there) or of the whole region (None)."""
    rows = _attendance(year)
    if territory is not None:
        rows = rows.filter(session__territory=territory)
    return _figures(year, territory, list(rows), scope="territory" if territory else "total")


def interconnaissance_by_territory(year: int) -> list[InterconnaissanceFigures]:
    """One row per territory that held sessions that year, then regional sessions, then the region as a whole."""
    rows = list(_attendance(year))
    by_territory: dict[int | None, list] = defaultdict(list)
    for row in rows:
        by_territory[row[1]].append(row)
    territories = Territory.objects.in_bulk([t for t in by_territory if t is not None])
    result = [
        _figures(year, territories[t], by_territory[t])
        for t in sorted((t for t in by_territory if t is not None), key=lambda t: territories[t].name)
    ]
    if None in by_territory:
        result.append(_figures(year, None, by_territory[None], scope="regional"))
    result.append(_figures(year, None, rows, scope="total"))
    return result


def attendance_years() -> list[int]:
    years = Registration.objects.filter(attended=True).values_list("session__starts_at__year", flat=True).distinct()
    return sorted(set(years), reverse=True)


def territory_year_sessions(territory: Territory, year: int) -> QuerySet:
    """The sessions held in a territory in a civil year (not drafts, not cancelled), for the annual report."""
    return (
        Session.objects.filter(territory=territory, starts_at__year=year, status=Session.Status.PUBLISHED)
        .annotate(
            present=Count(
                "registrations", filter=Q(registrations__status=Status.CONFIRMED, registrations__attended=True)
            )
        )
        .select_related("action")
        .order_by("starts_at", "pk")
    )
