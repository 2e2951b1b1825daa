"""Reads of the directory: the search by service, and the lists members work from."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from apps.core.geo_math import bounding_box, haversine_km
from apps.core.text import normalize
from apps.geo.models import Commune

from .models import Place, Service, ServiceLocation, Structure

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


def _vocabulary_filter(qs: QuerySet, prefix: str, relation: str, code: str) -> QuerySet:
    """Keep services tagged with `code`, or not tagged at all for that criterion (accept by default)."""
    if not code:
        return qs
    through = getattr(Service, relation).through
    target = getattr(Service, relation).field.m2m_reverse_field_name()
    service_ref = OuterRef(f"{prefix}id" if prefix else "id")
    tagged = through.objects.filter(service_id=service_ref, **{f"{target}__code": code})
    any_tag = through.objects.filter(service_id=service_ref)
    return qs.filter(Exists(tagged) | ~Exists(any_tag))


def _text_filter(qs: QuerySet, prefix: str, text: str) -> QuerySet:
    for word in normalize(text).split():
        qs = qs.filter(**{f"{prefix}search_text__contains": word})
    return qs


def filter_services(qs: QuerySet, criteria: SearchCriteria, prefix: str = "") -> QuerySet:
    qs = _vocabulary_filter(qs, prefix, "statuses", criteria.status)
    qs = _vocabulary_filter(qs, prefix, "themes", criteria.theme)
    qs = _vocabulary_filter(qs, prefix, "info_types", criteria.info_type)
    return _text_filter(qs, prefix, criteria.q)


def search_services(criteria: SearchCriteria, offset: int = 0, limit: int = 20) -> SearchPage:
    """Services at places matching the criteria, nearest first, plus the remote services that cover the commune."""
    locations = ServiceLocation.objects.filter(service__is_active=True, place__is_active=True)
    locations = filter_services(locations, criteria, prefix="service__")
    if criteria.commune is not None and criteria.commune.latitude is not None:
        ranked = _rank_by_distance(locations, criteria)
    else:
        ranked = [
            (None, pk)
            for pk in locations.order_by("place__commune__name", "service__name", "id").values_list("id", flat=True)
        ]
    page_ids = [pk for _, pk in ranked[offset : offset + limit]]
    by_id = {
        loc.pk: loc
        for loc in ServiceLocation.objects.filter(pk__in=page_ids).select_related(
            "service__structure__network", "place__commune"
        )
    }
    hits = [SearchHit(by_id[pk], distance) for distance, pk in ranked[offset : offset + limit]]
    return SearchPage(hits=hits, count=len(ranked), remote=remote_services(criteria))


def _rank_by_distance(locations: QuerySet, criteria: SearchCriteria) -> list[tuple[float, int]]:
    lat, lon = criteria.commune.latitude, criteria.commune.longitude
    radius = min(max(float(criteria.radius_km), 1), MAX_RADIUS_KM)
    min_lat, max_lat, min_lon, max_lon = bounding_box(lat, lon, radius)
    rows = locations.filter(
        place__latitude__range=(min_lat, max_lat), place__longitude__range=(min_lon, max_lon)
    ).values_list("id", "place_id", "place__latitude", "place__longitude", "place__commune_id")
    ranked = []
    for pk, place_id, place_lat, place_lon, commune_code in rows:
        # Same commune counts as 0 km: the person's "where" is a commune, not an address.
        distance = 0.0 if commune_code == criteria.commune.code else haversine_km(lat, lon, place_lat, place_lon)
        if distance <= radius:
            ranked.append((round(distance, 1), place_id, pk))
    ranked.sort()  # nearest first; the services of one place stay together
    return [(distance, pk) for distance, _, pk in ranked]


def remote_services(criteria: SearchCriteria) -> list[Service]:
    """Services with no place (phone lines, websites) whose area covers the person's commune."""
    qs = Service.objects.filter(is_active=True, locations__isnull=True).exclude(remote_modes=[])
    commune = criteria.commune
    if commune is not None:
        qs = qs.filter(
            Q(reach=Service.Reach.FRANCE)
            | Q(reach=Service.Reach.REGION, reach_code=commune.departement.region_id)
            | Q(reach=Service.Reach.DEPARTEMENT, reach_code=commune.departement_id)
            | Q(reach=Service.Reach.TERRITORY, structure__territory__communes=commune)
        )
    qs = filter_services(qs, criteria)
    return list(qs.select_related("structure__network").order_by("cep_level", "name").distinct()[:10])


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
