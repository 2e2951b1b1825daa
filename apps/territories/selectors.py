"""Reads of the territories app: the months kept, a month's panorama, the coverage of communes, series, documents."""

import re
from datetime import date

from django.db.models import Prefetch

from apps.core.bounds import FIRST_YEAR
from apps.geo.models import Commune, Territory

from .models import CommuneCoverage, DocumentVersion, SeriesValue, TerritoryDocument, TerritoryPanorama

MONTH_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def parse_month(text: str | None) -> date | None:
    """A month "AAAA-MM" from the SPRO's creation (2014) on; None when malformed or out of range."""
    match = MONTH_RE.match((text or "").strip())
    if not match or not FIRST_YEAR <= int(match.group(1)) <= 9999:
        return None
    return date(int(match.group(1)), int(match.group(2)), 1)


def territories():
    return Territory.objects.order_by("departement_id", "name")


def months_kept(territory=None) -> list[date]:
    """The months whose panorama is kept, most recent first."""
    qs = TerritoryPanorama.objects.filter(territory=territory) if territory else TerritoryPanorama.objects.all()
    return sorted(set(qs.values_list("month", flat=True)), reverse=True)


def panorama(territory, month: date | None) -> TerritoryPanorama | None:
    """The panorama of a territory (None: the Région) for the month, or the latest one when month is None."""
    qs = TerritoryPanorama.objects.filter(territory=territory).select_related("territory")
    if month is not None:
        return qs.filter(month=month).first()
    return qs.order_by("-month").first()


def panoramas_of_month(month: date) -> list[TerritoryPanorama]:
    """Every territory's panorama of the month (in the territories' order), then the Région's."""
    rows = list(TerritoryPanorama.objects.filter(month=month).select_related("territory"))
    order = {pk: i for i, pk in enumerate(territories().values_list("pk", flat=True))}
    rows.sort(key=lambda p: (p.territory_id is None, order.get(p.territory_id, 0)))
    return rows


def territory_commune_codes(territory) -> list[str]:
    return list(Territory.communes.through.objects.filter(territory=territory).values_list("commune_id", flat=True))


def commune_coverage(month: date, territory=None):
    """(commune code, name, population, lat, lon, distances) of the month, in a territory or everywhere."""
    qs = CommuneCoverage.objects.filter(month=month)
    if territory is not None:
        qs = qs.filter(commune_id__in=territory_commune_codes(territory))
    return qs.order_by("commune_id").values_list(
        "commune_id", "commune__name", "commune__population", "commune__latitude", "commune__longitude", "distances"
    )


def series_values(territory) -> list[SeriesValue]:
    """Series imported for the territory itself, then for its communes."""
    codes = territory_commune_codes(territory)
    own = SeriesValue.objects.filter(area_kind=SeriesValue.Area.TERRITORY, area_code=territory.code)
    communes = SeriesValue.objects.filter(area_kind=SeriesValue.Area.COMMUNE, area_code__in=codes)
    return list(own.order_by("series", "period")) + list(communes.order_by("series", "area_code", "period"))


def commune_names(codes) -> dict[str, str]:
    return dict(Commune.objects.filter(code__in=list(codes)).values_list("code", "name"))


def documents(territory):
    versions = DocumentVersion.objects.order_by("-number")
    return (
        TerritoryDocument.objects.filter(territory=territory)
        .prefetch_related(Prefetch("versions", queryset=versions))
        .order_by("kind", "title")
    )
