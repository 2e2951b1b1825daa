"""Reads of the training domain: the training search (nearest upcoming session first), jobs, doors that help."""

import math
from dataclasses import dataclass, field
from datetime import date

from django.db.models import F, Min, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from apps.core.geo_math import bounding_box, haversine_km
from apps.core.text import normalize
from apps.directory.selectors import squared_km_from
from apps.geo.models import Commune
from apps.orientation.routing import MAX_DOOR_KM, Door, Situation, orient

from .funding import Person, active_schemes, fundable_q, funding_for
from .models import FundingScheme, Job, Training, TrainingPlace, TrainingSession

RADIUS_STEPS = (20, 50, 100)  # when nothing is found, the search widens to the next step, and says so
DEFAULT_RADIUS_KM = 20
MAX_RADIUS_KM = 200


@dataclass
class TrainingCriteria:
    q: str = ""
    rome: str = ""
    domain: str = ""
    commune: Commune | None = None
    radius_km: int = DEFAULT_RADIUS_KM
    start_after: date | None = None
    mode: int | None = None
    level: str = ""
    person: Person = field(default_factory=Person)
    funded_only: bool = False


@dataclass
class TrainingHit:
    training: Training
    session: TrainingSession | None
    distance_km: float | None
    funding: list[FundingScheme]


@dataclass
class TrainingPage:
    hits: list[TrainingHit]
    count: int
    radius_km: int | None  # the radius of the answer (None without a commune)
    widened_from: int | None = None  # the radius asked for, when nothing was found within it


def refresh_next_starts(today: date) -> None:
    """Move each place's next start on once that session has begun (at most once a day, for the places
    concerned: the import computed them on its own day)."""
    stale = TrainingPlace.objects.filter(next_start__lt=today)
    if stale.exists():
        upcoming = TrainingSession.objects.filter(place_id=OuterRef("pk"), start__gte=today).order_by("start")
        stale.update(next_start=Subquery(upcoming.values("start")[:1]))


def _training_filters(criteria: TrainingCriteria, schemes: list[FundingScheme], prefix: str) -> Q:
    """The criteria on the training's columns; prefix "training__" from a session, "" on a place (copies)."""
    q = Q()
    for word in normalize(criteria.q).split():
        q &= Q(**{f"{prefix}search_text__contains": word})
    if criteria.rome:
        q &= Q(training__romes__code=criteria.rome) if prefix else Q(rome_key__contains=f" {criteria.rome} ")
    if criteria.domain:
        q &= Q(**{f"{prefix}formacode_domain": criteria.domain})
    if criteria.mode is not None:
        q &= Q(**{f"{prefix}teaching_mode": criteria.mode})
    if criteria.level:
        q &= Q(**{f"{prefix}level": criteria.level})
    if criteria.funded_only:
        q &= fundable_q(criteria.person, prefix, schemes)
    return q


def _candidates(criteria: TrainingCriteria, schemes: list[FundingScheme]) -> tuple[QuerySet, str]:
    """The rows the search groups by training, and the name of their start column.

    Usually the places with their next start (one small table, no join). With a start date after today,
    the sessions themselves: a place's next session may start before that date and a later one after it.
    """
    today = timezone.localdate()
    if criteria.start_after and criteria.start_after > today:
        sessions = TrainingSession.objects.filter(start__gte=criteria.start_after)
        return sessions.filter(_training_filters(criteria, schemes, "training__")), "start"
    refresh_next_starts(today)
    places = TrainingPlace.objects.filter(next_start__isnull=False)
    return places.filter(_training_filters(criteria, schemes, "")), "next_start"


def _within(rows: QuerySet, commune: Commune, radius: int) -> QuerySet:
    """Indexed bounding box first, then the distance on what is left."""
    min_lat, max_lat, min_lon, max_lon = bounding_box(commune.latitude, commune.longitude, radius)
    return (
        rows.filter(latitude__range=(min_lat, max_lat), longitude__range=(min_lon, max_lon))
        .annotate(distance=squared_km_from(commune, "commune_code"))
        .filter(distance__lte=radius * radius)
    )


def _ranked(rows: QuerySet, start: str, located: bool) -> QuerySet:
    """One row per training: its nearest upcoming session's distance, then its next start."""
    grouped = rows.values("training_id")
    if located:
        return grouped.annotate(d=Min("distance"), s=Min(start)).order_by("d", "s", "training_id")
    return grouped.annotate(s=Min(start)).order_by("s", "training_id")


def search_trainings(criteria: TrainingCriteria, offset: int = 0, limit: int = 20) -> TrainingPage:
    schemes = active_schemes()
    rows, start = _candidates(criteria, schemes)
    commune = criteria.commune if criteria.commune and criteria.commune.latitude is not None else None
    located = commune is not None and criteria.mode != 2  # entirely remote: wherever the person lives
    if not located:
        ranked = _ranked(rows, start, located=False)
        return _page(ranked, criteria, schemes, offset, limit, radius=None)
    asked = min(max(int(criteria.radius_km), 1), MAX_RADIUS_KM)
    radii = [asked] + [r for r in RADIUS_STEPS if r > asked]
    for radius in radii:
        ranked = _ranked(_within(rows, commune, radius), start, located=True)
        page = _page(ranked, criteria, schemes, offset, limit, radius=radius)
        if page.count:
            page.widened_from = asked if radius != asked else None
            return page
    return page


# What a result shows (the search page, the API, the funding rule): the rest of a training is not read.
HIT_FIELDS = (
    "title", "teaching_mode", "hours", "level", "certifying", "alternance", "financer_codes", "provider__name",
)  # fmt: skip
SESSION_FIELDS = ("training_id", "session_id", "start", "end", "commune_code", "town", "latitude", "longitude")


def _page(ranked, criteria, schemes, offset, limit, radius) -> TrainingPage:
    if radius is not None:
        # Within a radius the trainings are a few thousand at most: one grouped query gives the order and
        # the count (a second COUNT query would scan the rows again).
        ids = list(ranked.values_list("training_id", flat=True))
        count, ids = len(ids), ids[offset : offset + limit]
    else:
        ids = list(ranked.values_list("training_id", flat=True)[offset : offset + limit])
        count = len(ids) + offset if len(ids) < limit and (ids or offset == 0) else ranked.count()
    if not ids:
        return TrainingPage(hits=[], count=count, radius_km=radius)
    trainings = Training.objects.select_related("provider").only(*HIT_FIELDS).in_bulk(ids)
    nearest = nearest_sessions(ids, criteria.commune, criteria.start_after, refreshed=True)
    hits = []
    for pk in ids:
        session, distance = nearest.get(pk, (None, None))
        hits.append(TrainingHit(trainings[pk], session, distance, funding_for(trainings[pk], criteria.person, schemes)))
    return TrainingPage(hits=hits, count=count, radius_km=radius)


def session_distance(commune: Commune | None, session: TrainingSession) -> float | None:
    if commune is None or commune.latitude is None or session.latitude is None:
        return None
    if session.commune_code == commune.code:
        return 0.0
    return round(haversine_km(commune.latitude, commune.longitude, session.latitude, session.longitude), 1)


def upcoming_sessions(training: Training, commune: Commune | None = None) -> list[tuple[TrainingSession, float | None]]:
    today = timezone.localdate()
    sessions = training.sessions.filter(start__gte=today).select_related("commune").order_by("start", "pk")
    return [(s, session_distance(commune, s)) for s in sessions]


def nearest_sessions(ids, commune: Commune | None, start_after: date | None = None, refreshed: bool = False) -> dict:
    """For each training, its nearest upcoming session (then the earliest) and the distance to it.

    Sessions at one place are equally far: only each place's next session can be the answer, unless a
    start date after today is asked (then every session from that date).
    """
    today = timezone.localdate()
    if start_after and start_after > today:
        sessions = TrainingSession.objects.filter(training_id__in=ids, start__gte=start_after)
    else:
        if not refreshed:
            refresh_next_starts(today)
        sessions = TrainingSession.objects.filter(training_id__in=ids, start=F("place__next_start"))
    best: dict[int, tuple[TrainingSession, float | None]] = {}
    for session in sessions.only(*SESSION_FIELDS).order_by("start", "pk"):
        distance = session_distance(commune, session)
        current = best.get(session.training_id)
        key = math.inf if distance is None else distance
        if current is None or key < (math.inf if current[1] is None else current[1]):
            best[session.training_id] = (session, distance)
    return best


# Doors: the routing's themes for getting into a training and paying for it, or for a job.
TRAINING_THEMES = ("reprendre-formation", "financer-formation")
JOB_THEMES = ("decouvrir-metiers", "changer-metier")


@dataclass
class NearbyDoor:
    door: Door
    places: list  # DoorPlace within MAX_DOOR_KM


def doors_near(
    commune: Commune | None, themes: tuple[str, ...], person: Person | None = None, limit: int = 4
) -> list[NearbyDoor]:
    """The routing's doors for these themes, one per network, with their places within MAX_DOOR_KM
    (the same reach as the suggested second doors of a fiche navette). None without a commune."""
    if commune is None:
        return []
    person = person or Person()
    found: list[NearbyDoor] = []
    seen: set[int] = set()
    for theme in themes:
        situation = Situation(
            age=person.age, status=person.status, theme=theme, handicap=person.handicap, commune=commune
        )
        for door in orient(situation).doors:
            if door.network.pk in seen:
                continue
            places = [dp for dp in door.places if dp.distance_km is not None and dp.distance_km <= MAX_DOOR_KM]
            if places:
                seen.add(door.network.pk)
                found.append(NearbyDoor(door, places))
    return found[:limit]


def suggest_jobs(query: str, limit: int = 10) -> list[Job]:
    """Jobs whose label starts with, then contains, the words typed, accents and case ignored."""
    key = normalize(query)
    if len(key) < 2:
        return []
    words = key.split()
    qs = Job.objects.all()
    for word in words:
        qs = qs.filter(label_search__contains=word)
    starts = list(qs.filter(label_search__startswith=words[0]).order_by("label")[:limit])
    more = qs.exclude(code__in=[j.code for j in starts]).order_by("label")[: limit - len(starts)]
    return starts + list(more) if len(starts) < limit else starts


def resolve_job(text: str) -> Job | None:
    """A ROME code ("J1501"), a label, or "label (J1501)" as the autocomplete writes it."""
    text = (text or "").strip()
    if not text:
        return None
    for token in text.replace("(", " ").replace(")", " ").split():
        if len(token) == 5 and token[0].isalpha() and token[1:].isdigit():
            job = Job.objects.filter(code=token.upper()).first()
            if job:
                return job
    found = suggest_jobs(text, limit=2)
    exact = [j for j in found if j.label_search == normalize(text)]
    return exact[0] if exact else (found[0] if len(found) == 1 else None)


def jobs_for_training(training: Training) -> list[Job]:
    return list(Job.objects.filter(code__in=training.romes.values("code")).prefetch_related("sectors"))


def job_search(query: str) -> QuerySet:
    qs = Job.objects.all()
    for word in normalize(query).split():
        qs = qs.filter(label_search__contains=word)
    return qs.order_by("label")


OFFER_SOURCE = "Offre de formation importée (flux LHEO 2.3 du Carif-Oref)"


def territory_training_figures(territory, first_day: date, last_day: date) -> dict:
    """The training offer of a territory (the Région when None) for a territory panorama: sessions that start
    between the two days at one of its communes, and how many different trainings they belong to."""
    sessions = TrainingSession.objects.filter(start__gte=first_day, start__lte=last_day)
    if territory is not None:
        sessions = sessions.filter(commune__territories=territory)
    return {
        "sessions": sessions.count(),
        "trainings": sessions.values("training_id").distinct().count(),
        "source": OFFER_SOURCE,
    }
