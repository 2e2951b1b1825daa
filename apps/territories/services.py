"""Writes of the territories app: the monthly computation of coverage and panoramas, documents.

`refresh_month()` is the only writer of `CoverageRun`, `CommuneCoverage` and `TerritoryPanorama`. It computes
the current month (the clock's), replacing what the month held: the last computation of a month is the one
kept, and a month that has ended is never recomputed (the directory of that month is gone).
"""

import time
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from apps.directory.models import Network, Place
from apps.geo.models import Commune, Territory
from apps.indicators.filters import month_start

from . import figures
from .coverage import CommuneRow, compute_distances, territory_coverage
from .models import CommuneCoverage, CoverageRun, DocumentVersion, TerritoryDocument, TerritoryPanorama

BATCH = 2000


class PanoramaError(Exception):
    """A refusal, with a French message for the person or the command."""


def current_month() -> date:
    return month_start(timezone.localdate())


def refresh_due(now=None) -> bool:
    """The scheduled jobs recompute the current month when it has no computation or its last one is old."""
    now = now or timezone.now()
    run = CoverageRun.objects.filter(month=month_start(timezone.localdate(now))).first()
    hours = getattr(settings, "SPRO_PANORAMA_REFRESH_HOURS", 24)
    return run is None or run.computed_at <= now - timedelta(hours=hours)


def refresh_month(month: date | None = None) -> CoverageRun:
    """Compute the coverage of every commune and the panorama of every territory and of the Région."""
    month = month or current_month()
    if month != current_month():
        raise PanoramaError(
            "Seul le mois en cours peut être calculé : un mois passé garde les chiffres de son annuaire."
        )
    started = time.monotonic()
    distances, place_counts = compute_distances()
    now = timezone.now()
    with transaction.atomic():
        CommuneCoverage.objects.filter(month=month).delete()
        batch = []
        for code, (km, nearest) in distances.items():
            batch.append(CommuneCoverage(month=month, commune_id=code, distances=km, nearest=nearest))
            if len(batch) >= BATCH:
                CommuneCoverage.objects.bulk_create(batch)
                batch = []
        CommuneCoverage.objects.bulk_create(batch)
        _write_panoramas(month, distances, now)
        run, _ = CoverageRun.objects.update_or_create(
            month=month,
            defaults={
                "computed_at": now,
                "duration_ms": int(1000 * (time.monotonic() - started)),
                "communes": len(distances),
                "places": place_counts,
            },
        )
    return run


def _write_panoramas(month: date, distances: dict, now) -> None:
    by_territory = figures.communes_by_territory()
    region_codes = set().union(*by_territory.values()) if by_territory else set()
    communes = {
        code: (name, population)
        for code, name, population in Commune.objects.filter(code__in=region_codes).values_list(
            "code", "name", "population"
        )
    }
    rows_by_code = {}
    for code, (name, population) in communes.items():
        km, nearest = distances.get(code, ({}, {}))
        rows_by_code[code] = CommuneRow(code, name, population, km, nearest)
    places = figures.public_places()
    networks = list(Network.objects.order_by("position", "label"))
    scopes = [(territory, by_territory.get(territory.pk, set())) for territory in Territory.objects.all()]
    scopes.append((None, region_codes))
    coverages = {}
    for territory, codes in scopes:
        rows = [rows_by_code[code] for code in sorted(codes) if code in rows_by_code]
        coverages[territory.pk if territory else None] = (territory, codes, rows)
    needed = {
        place_id
        for _territory, _codes, rows in coverages.values()
        for row in rows
        for place_id in row.nearest.values()
        if place_id
    }
    place_names = {
        pk: f"{name} ({commune})"
        for pk, name, commune in Place.objects.filter(pk__in=needed).values_list("pk", "name", "commune__name")
    }
    for territory, codes, rows in coverages.values():
        population = sum(row.population or 0 for row in rows)
        data = {
            "computed_at": now.isoformat(),
            "population": {"value": population, "communes": len(rows)},
            "offer": figures.offer_figures(places, codes, population, networks),
            "activity": figures.activity_figures(territory, month),
            "trained": figures.trained_figures(territory, month),
            "training": figures.training_figures(territory, month),
            "coverage": territory_coverage(rows, place_names),
        }
        TerritoryPanorama.objects.update_or_create(
            month=month, territory=territory, defaults={"computed_at": now, "figures": data}
        )


# --- Documents ---------------------------------------------------------------------------------------------


@transaction.atomic
def add_document_version(territory, kind: str, title: str, upload, user, note: str = "") -> DocumentVersion:
    """A new version of the territory's document with this kind and title (version 1 of a new document)."""
    now = timezone.now()
    document, _ = TerritoryDocument.objects.get_or_create(
        territory=territory, kind=kind, title=title.strip(), defaults={"created_at": now}
    )
    document = TerritoryDocument.objects.select_for_update().get(pk=document.pk)
    last = document.versions.order_by("-number").values_list("number", flat=True).first() or 0
    author = user.get_full_name() or user.email
    return DocumentVersion.objects.create(
        document=document,
        number=last + 1,
        file=upload,
        uploaded_at=now,
        uploaded_by=user,
        author_name=author,
        note=note.strip(),
    )
