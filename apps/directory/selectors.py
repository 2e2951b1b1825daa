"""Reads of the directory: the search by service, and the lists members work from."""

import math
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.db.models import (
    Case,
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils import timezone

from apps.core.geo_math import bounding_box, haversine_km
from apps.core.text import normalize
from apps.geo.models import Commune, Territory

from .models import Network, Place, PlaceQuerySet, SearchEntry, Service, ServiceLocation, Structure

DEFAULT_RADIUS_KM = 30
MAX_RADIUS_KM = 200


@dataclass
class SearchCriteria:
    commune: Commune | None = None
    status: str = ""
    theme: str = ""
    info_type: str = ""
    radius_km: float = DEFAULT_RADIUS_KM
    q: str = ""
    # The networks the routing gives for the status and theme, best first (apps.orientation.routing).
    networks: tuple[str, ...] = ()


@dataclass
class SearchHit:
    location: ServiceLocation
    distance_km: float | None

    @property
    def service(self) -> Service:
        return self.location.service

    @property
    def place(self):
        return self.location.place


@dataclass
class PlaceGroup:
    place: object
    distance_km: float | None
    services: list[Service]


@dataclass
class SearchPage:
    hits: list[SearchHit]
    count: int
    remote: list[Service] = field(default_factory=list)

    def by_place(self) -> list[PlaceGroup]:
        """Consecutive hits at the same place, as one group: what the results page shows."""
        groups: list[PlaceGroup] = []
        for hit in self.hits:
            if groups and groups[-1].place.pk == hit.place.pk:
                groups[-1].services.append(hit.service)
            else:
                groups.append(PlaceGroup(hit.place, hit.distance_km, [hit.service]))
        return groups


KM_PER_DEGREE = 6371.0088 * math.pi / 180


def _tag_filter(field: str, code: str) -> Q:
    """Tagged with `code`, or not tagged at all for that criterion (accept by default)."""
    return Q(**{field: ""}) | Q(**{f"{field}__contains": f"|{code}|"})


def filter_entries(qs: QuerySet, criteria: SearchCriteria) -> QuerySet:
    wanted = {"statuses": criteria.status, "themes": criteria.theme, "info_types": criteria.info_type}
    for column, code in wanted.items():
        if code:
            qs = qs.filter(_tag_filter(column, code))
    for word in normalize(criteria.q).split():
        qs = qs.filter(text__contains=word)
    return qs


# Points of fit, from the index's columns: a service that targets the status, the theme or the type
# of help asked ranks before one that accepts everyone (untagged); then personalised counsel (CEP
# level 2 or 3) before general information. Targeting both status and theme (8) beats anything else.
FIT_STATUS, FIT_THEME, FIT_INFO_TYPE, FIT_COUNSEL = 4, 4, 3, 2


def fit_score(criteria: SearchCriteria) -> RawSQL:
    """SQL: how well an entry fits the person's situation, theme and type of help (higher first).

    For entries already kept by `filter_entries`: a criterion asked leaves only the entries tagged
    with its code or untagged, so "tagged" (a plain comparison, no second LIKE) means "targets it".
    Raw SQL on the index's columns: the ORM took as long to compile the same CASE as the database
    to run the search's query (1.6 ms per search).
    """
    terms = [f"CASE WHEN {_column('cep_level')} >= 2 THEN {FIT_COUNSEL} ELSE 0 END"]
    wanted = [("statuses", criteria.status, FIT_STATUS), ("themes", criteria.theme, FIT_THEME)]
    for column, code, points in wanted + [("info_types", criteria.info_type, FIT_INFO_TYPE)]:
        if code:
            terms.append(f"CASE WHEN {_column(column)} <> '' THEN {points} ELSE 0 END")
    return RawSQL(" + ".join(terms), [], output_field=IntegerField())


def routing_rank(criteria: SearchCriteria) -> RawSQL:
    """SQL: the routing's networks first, in the routing's order (0 for every other network)."""
    count = len(criteria.networks)
    whens = " ".join(f"WHEN %s THEN {count - i}" for i in range(count))
    return RawSQL(f"CASE {_column('network')} {whens} ELSE 0 END", list(criteria.networks), IntegerField())


def _column(name: str) -> str:
    quote = connection.ops.quote_name
    return f"{quote(SearchEntry._meta.db_table)}.{quote(SearchEntry._meta.get_field(name).column)}"


def ranking_explanation(criteria: SearchCriteria) -> str:
    """The one line that tells the person in which order the results come."""
    first = "les réseaux conseillés pour votre situation et votre question, puis " if criteria.networks else ""
    where = "du plus proche au plus éloigné" if _located(criteria) else "par commune"
    return (
        f"Classés par pertinence : d'abord {first}les services qui s'adressent à votre situation et à votre "
        f"question, le conseil personnalisé avant l'information générale ; à pertinence égale, {where}."
    )


def _located(criteria: SearchCriteria) -> bool:
    return criteria.commune is not None and criteria.commune.latitude is not None


def search_services(criteria: SearchCriteria, offset: int = 0, limit: int = 20) -> SearchPage:
    """Services at places matching the criteria, best fit first then nearest, plus the remote services
    that cover the commune (the order is told by `ranking_explanation`)."""
    entries = filter_entries(SearchEntry.objects.filter(is_remote=False), criteria)
    entries = entries.annotate(fit=fit_score(criteria))
    if _located(criteria):
        entries, order = _within_radius(entries, criteria), ["-fit", "distance", "place_id", "location_id"]
    else:
        order = ["-fit", "location__place__commune__name", "service__name", "location_id"]
    if criteria.networks:
        entries, order = entries.annotate(route=routing_rank(criteria)), ["-route", *order]
    # The count rides along the page's query (one scan of the area, not two).
    rows = list(
        entries.annotate(total=Window(Count("pk")))
        .order_by(*order)
        .values_list("location_id", "total")[offset : offset + limit]
    )
    count = rows[0][1] if rows else (entries.count() if offset else 0)
    hits = hits_of([pk for pk, _ in rows], criteria.commune)
    return SearchPage(hits=hits, count=count, remote=remote_services(criteria))


def hits_of(page_ids: list[int], commune: Commune | None) -> list[SearchHit]:
    """The page's locations, in this order, with what the results page shows of them (one query)."""
    by_id = ServiceLocation.objects.select_related("service__structure__network", "place__commune").in_bulk(page_ids)
    for location in by_id.values():
        if location.place.structure_id == location.service.structure_id:
            # The usual case: the place is the service's structure's own; the results page reads it.
            location.place.structure = location.service.structure
    return [SearchHit(by_id[pk], distance_km(commune, by_id[pk].place)) for pk in page_ids]


def _within_radius(entries: QuerySet, criteria: SearchCriteria) -> QuerySet:
    """Entries within the radius, annotated with their approximate distance for the ORDER BY.

    A bounding box on the indexed coordinates first, then the equirectangular distance (exact
    enough under 200 km, and plain arithmetic on both databases); the same commune counts as 0 km:
    the person's "where" is a commune, not an address.
    """
    commune = criteria.commune
    radius = min(max(float(criteria.radius_km), 1), MAX_RADIUS_KM)
    min_lat, max_lat, min_lon, max_lon = bounding_box(commune.latitude, commune.longitude, radius)
    return (
        entries.filter(latitude__range=(min_lat, max_lat), longitude__range=(min_lon, max_lon))
        .annotate(distance=squared_km_from(commune, "commune_code"))
        .filter(distance__lte=radius * radius)
    )


def squared_km_from(commune: Commune, commune_field: str):
    """SQL: the squared equirectangular distance in km² from the commune to a row's latitude and
    longitude, 0 for a row in that commune (exact enough to order and cut under 200 km)."""
    dy = (F("latitude") - commune.latitude) * KM_PER_DEGREE
    dx = (F("longitude") - commune.longitude) * (KM_PER_DEGREE * math.cos(math.radians(commune.latitude)))
    squared = ExpressionWrapper(dx * dx + dy * dy, output_field=FloatField())
    return Case(When(**{commune_field: commune.code}, then=Value(0.0)), default=squared)


def distance_km(commune: Commune | None, place) -> float | None:
    """The distance shown: 0 in the same commune, else the great-circle distance to 0.1 km."""
    if commune is None or commune.latitude is None:
        return None
    if place.commune_id == commune.code:
        return 0.0
    return round(haversine_km(commune.latitude, commune.longitude, place.latitude, place.longitude), 1)


def remote_services(criteria: SearchCriteria) -> list[Service]:
    """Services with no place (phone lines, websites) whose area covers the person's commune."""
    # Remote entries have no coordinates: "latitude IS NULL" reads them from the coordinates' index.
    entries = SearchEntry.objects.filter(latitude__isnull=True, is_remote=True)
    commune = criteria.commune
    if commune is not None:
        territories = Territory.communes.through.objects.filter(commune_id=commune.code).values("territory_id")
        entries = entries.filter(
            Q(reach=Service.Reach.FRANCE)
            | Q(reach=Service.Reach.REGION, reach_code=commune.departement.region_id)
            | Q(reach=Service.Reach.DEPARTEMENT, reach_code=commune.departement_id)
            | Q(reach=Service.Reach.TERRITORY, territory_id__in=territories)
        )
    entries = filter_entries(entries, criteria).order_by("cep_level", "name", "service_id")
    return [entry.service for entry in entries.select_related("service__structure__network")[:10]]


def services_to_verify(structures=None) -> QuerySet:
    """Active services not verified for six months (or never), oldest first."""
    limit = timezone.localdate() - timedelta(days=settings.SPRO_VERIFY_AFTER_DAYS)
    qs = Service.objects.filter(is_active=True).filter(Q(last_verified_at__lt=limit) | Q(last_verified_at__isnull=True))
    if structures is not None:
        qs = qs.filter(structure__in=structures)
    return qs.select_related("structure").order_by("last_verified_at", "name")


def structure_history(structure) -> list:
    """The latest changes to a structure, its places and its services, newest first (who, when, what)."""
    entries = list(Structure.history.filter(id=structure.pk).select_related("history_user")[:20])
    entries += list(Place.history.filter(structure_id=structure.pk).select_related("history_user")[:20])
    entries += list(Service.history.filter(structure_id=structure.pk).select_related("history_user")[:20])
    entries.sort(key=lambda e: e.history_date, reverse=True)
    for entry in entries:
        # A plain label: the template must not touch instance_type (a class, which templates would call).
        entry.kind = entry.instance_type._meta.verbose_name
    return entries


def territory_places(territory) -> list[Place]:
    """The public reception places in a SPRO territory's communes, by commune then name."""
    return list(
        Place.objects.public()
        .filter(commune__territories=territory)
        .select_related("structure__network", "commune")
        .order_by("commune__name", "structure__name", "name")
    )


def map_points(places) -> list[dict]:
    """Markers for the map component (apps/core/templatetags/maps.py): one per place, linking to its public page."""
    return [
        {
            "lat": place.latitude,
            "lon": place.longitude,
            "label": f"{place.structure.name} — {place.name}" if place.name != place.structure.name else place.name,
            "url": reverse("public:place", args=[place.pk]),
            "detail": f"{place.address}, {place.postal_code} {place.commune.name}",
        }
        for place in places
    ]


def networks_overview() -> list[Network]:
    """The networks that make up the SPRO, each with its number of public places (`place_count`), biggest first."""
    places = PlaceQuerySet.public_q("structures__places__")
    return list(
        Network.objects.filter(is_active=True)
        .annotate(place_count=Count("structures__places", filter=places, distinct=True))
        .filter(place_count__gt=0)
        .order_by("-place_count", "position", "label")
    )


def public_place_count() -> int:
    return Place.objects.public().count()
