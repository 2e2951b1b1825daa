"""The search index (`SearchEntry`): built from the directory, kept by its writes.

Single-object writes (forms, API, admin) reach it through the signals of `signals.py`; bulk
writes (data·inclusion import, demo data, benchmark generator) call `refresh` themselves.
`rebuild_search_index` (command) rebuilds it whole.
"""

from collections import defaultdict
from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction
from django.db.models import F

from .models import SearchEntry, SearchIndexVersion, Service, ServiceLocation

CHUNK = 2000
_deferred: ContextVar[set | None] = ContextVar("search_index_deferred", default=None)


def refresh(service_ids: Iterable[int] | None = None) -> int:
    """Recompute the entries of these services (all of them when None); returns the entries written."""
    if service_ids is None:
        with transaction.atomic():
            bump_version()
            SearchEntry.objects.all().delete()
            ids = list(Service.objects.filter(is_active=True).order_by("pk").values_list("pk", flat=True))
            return sum(_write(chunk) for chunk in _chunks(ids))
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
            SearchEntry.objects.filter(service_id__in=chunk).delete()
            written += _write(chunk)
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
    """Every cached search answer is now out of date (the row is created on first use)."""
    if not SearchIndexVersion.objects.filter(pk=1).update(number=F("number") + 1):
        SearchIndexVersion.objects.get_or_create(pk=1, defaults={"number": 1})


def version() -> int:
    return SearchIndexVersion.objects.filter(pk=1).values_list("number", flat=True).first() or 0


def _chunks(ids: list[int]):
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _tags(service_ids: list[int]) -> dict[str, dict[int, str]]:
    """For each criterion, service id → "|code|code|"."""
    tags = {}
    for relation, target in (("statuses", "status"), ("themes", "theme"), ("info_types", "infotype")):
        through = getattr(Service, relation).through
        codes = defaultdict(list)
        rows = through.objects.filter(service_id__in=service_ids).values_list("service_id", f"{target}__code")
        for service_id, code in rows:
            codes[service_id].append(code)
        tags[relation] = {pk: "|" + "|".join(sorted(c)) + "|" for pk, c in codes.items()}
    return tags


def _write(service_ids: list[int]) -> int:
    services = Service.objects.filter(pk__in=service_ids, is_active=True).values_list(
        "pk", "name", "cep_level", "reach", "reach_code", "structure__territory_id", "remote_modes"
    )
    locations = defaultdict(list)
    rows = ServiceLocation.objects.filter(service_id__in=service_ids).values_list(
        "pk", "service_id", "place_id", "place__is_active", "place__latitude", "place__longitude", "place__commune_id"
    )
    for pk, service_id, place_id, active, lat, lon, commune in rows:
        locations[service_id].append((pk, place_id, active, lat, lon, commune))
    tags = _tags(service_ids)
    entries = []
    for pk, name, cep_level, reach, reach_code, territory_id, remote_modes in services:
        common = {
            "service_id": pk,
            "name": name,
            "cep_level": cep_level,
            "reach": reach,
            "reach_code": reach_code,
            "territory_id": territory_id,
            "statuses": tags["statuses"].get(pk, ""),
            "themes": tags["themes"].get(pk, ""),
            "info_types": tags["info_types"].get(pk, ""),
        }
        if not locations[pk]:
            if remote_modes:  # a phone line or a website that covers an area
                entries.append(SearchEntry(is_remote=True, **common))
            continue
        for location_id, place_id, active, lat, lon, commune in locations[pk]:
            if active:
                entries.append(
                    SearchEntry(
                        location_id=location_id,
                        place_id=place_id,
                        latitude=lat,
                        longitude=lon,
                        commune_code=commune,
                        **common,
                    )
                )
    SearchEntry.objects.bulk_create(entries, batch_size=500)
    return len(entries)
