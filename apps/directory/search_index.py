"""The search index (`SearchEntry`): built from the directory, kept by its writes.

Single-object writes (forms, API, admin) reach it through the signals of `signals.py`; bulk
writes (data·inclusion import, demo data, benchmark generator) call `refresh` themselves.
`rebuild_search_index` (command) rebuilds it whole. It is the only store of what the search
reads, free text included (`SearchEntry.text`): nothing else has to be kept in step.
"""

from collections import defaultdict
from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import connection, transaction
from django.db.models import Exists, F, OuterRef

from apps.core.bulk import insert_rows
from apps.core.text import normalize

from .models import PlaceQuerySet, SearchEntry, SearchIndexVersion, Service, ServiceLocation

CHUNK = 2000
_deferred: ContextVar[set | None] = ContextVar("search_index_deferred", default=None)


def refresh(service_ids: Iterable[int] | None = None) -> int:
    """Recompute the entries of these services (all of them when None); returns the entries written."""
    if service_ids is None:
        with transaction.atomic():
            bump_version()
            SearchEntry.objects.all().delete()
            ids = list(Service.objects.public().order_by("pk").values_list("pk", flat=True))
            # Whole ranges of ids: BETWEEN costs nothing to build, IN lists of 2,000 ids do.
            return sum(_write(chunk, by_range=True) for chunk in _chunks(ids))
    pending = _deferred.get()
    ids = sorted(set(service_ids))
    if pending is not None:
        pending.update(ids)
        return 0
    if not ids:
        return 0
    written = 0
    with transaction.atomic():
        bump_version()
        for chunk in _chunks(ids):
            # A dense run of ids (an import) is read as a range: the services in between that were
            # not asked for are refreshed too, which changes nothing for them and is cheaper than IN.
            by_range = chunk[-1] - chunk[0] < 2 * len(chunk)
            SearchEntry.objects.filter(**_of(chunk, by_range)).delete()
            written += _write(chunk, by_range)
    return written


@contextmanager
def deferred():
    """Collect the refreshes asked within the block and run them once at its end (bulk edits)."""
    if _deferred.get() is not None:
        yield
        return
    token = _deferred.set(set())
    try:
        yield
        pending = _deferred.get()
    finally:
        _deferred.reset(token)
    refresh(pending)


def bump_version() -> None:
    """Every cached search answer is now out of date (the row is created on first use).

    Called first in every refresh: the row lock it takes until commit also serialises concurrent
    refreshes, so two edits of one service never both insert its entries."""
    if not SearchIndexVersion.objects.filter(pk=1).update(number=F("number") + 1):
        SearchIndexVersion.objects.get_or_create(pk=1, defaults={"number": 1})


def version() -> int:
    # Read on every API search, cached or not: plain SQL, a third of the ORM's cost for one value.
    table = connection.ops.quote_name(SearchIndexVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT number FROM {table} WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else 0


def _chunks(ids: list[int]):
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


FIELDS = ["service", "location", "place_id", "latitude", "longitude", "commune_code", "is_remote"]
FIELDS += ["reach", "reach_code", "territory_id", "cep_level", "network", "name", "statuses", "themes", "info_types"]
FIELDS += ["text"]


def _of(service_ids: list[int], by_range: bool, field: str = "service_id") -> dict:
    if by_range:
        return {f"{field}__gte": service_ids[0], f"{field}__lte": service_ids[-1]}
    return {f"{field}__in": service_ids}


def _tags(service_ids: list[int], by_range: bool) -> dict[str, dict[int, str]]:
    """For each criterion, service id → "|code|code|"."""
    tags = {}
    for relation in ("statuses", "themes", "info_types"):
        field = getattr(Service, relation).field
        code_of = dict(field.related_model.objects.values_list("pk", "code"))
        through, target = field.remote_field.through, field.m2m_reverse_name()
        codes = defaultdict(list)
        rows = through.objects.filter(**_of(service_ids, by_range)).values_list("service_id", target)
        for service_id, term_id in rows:
            codes[service_id].append(code_of[term_id])
        tags[relation] = {pk: "|" + "|".join(sorted(c)) + "|" for pk, c in codes.items()}
    return tags


def _locations(service_ids: list[int], by_range: bool) -> dict[int, list[tuple]]:
    """service id → (location id, place id, latitude, longitude, commune code) of its public places."""
    public_places = PlaceQuerySet.public_q("place__")
    rows = ServiceLocation.objects.filter(public_places, **_of(service_ids, by_range)).values_list(
        "service_id", "pk", "place_id", "place__latitude", "place__longitude", "place__commune_id"
    )
    locations = defaultdict(list)
    for service_id, *location in rows:
        locations[service_id].append(tuple(location))
    return locations


SERVICE_COLUMNS = ("pk", "name", "cep_level", "reach", "reach_code", "structure__territory_id", "remote_modes")
SERVICE_COLUMNS += ("has_place", "structure__network__code")
# What a service is found by in the free-text search (the network label may be missing).
TEXT_SOURCES = ("name", "description", "structure__name", "structure__network__label")


def search_text(*parts: str | None) -> str:
    return normalize(" ".join(part for part in parts if part))


def _write(service_ids: list[int], by_range: bool = False) -> int:
    services = (
        Service.objects.public()
        .filter(**_of(service_ids, by_range, "pk"))
        .annotate(has_place=Exists(ServiceLocation.objects.filter(service_id=OuterRef("pk"))))
    )
    services = services.values_list(*SERVICE_COLUMNS, *TEXT_SOURCES)
    locations, tags = _locations(service_ids, by_range), _tags(service_ids, by_range)
    rows = []
    for pk, name, cep_level, reach, reach_code, territory_id, remote_modes, has_place, network, *text in services:
        common = (reach, reach_code, territory_id, cep_level, network or "", name)
        common += tuple(tags[relation].get(pk, "") for relation in ("statuses", "themes", "info_types"))
        common += (search_text(*text),)
        if not has_place and remote_modes:  # a phone line or a website that covers an area
            rows.append((pk, None, None, None, None, "", True, *common))
        for location_id, place_id, lat, lon, commune in locations[pk]:
            rows.append((pk, location_id, place_id, lat, lon, commune, False, *common))
    insert_rows(SearchEntry, FIELDS, rows)
    return len(rows)
