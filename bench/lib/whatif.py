"""What the proposed fixes would give, measured before they are made (`run.py --what-if`).

Applied in the benchmark process only, by replacing functions of the running application; the
application's code is not changed. Each patch is the smallest stand-in for one fix of the README's
"À améliorer" list:

1. remote_services: only the few hundred services with no place are considered (here a list of
   their ids computed once per process; in the application a `has_place` column kept up to date,
   or a cached list invalidated on writes), with NOT EXISTS instead of LEFT JOIN … IS NULL, the
   territory condition as `territory_id IN (…)` and no DISTINCT.
2. search_services: the page's hits also select place__structure__network (the results page reads
   group.place.structure.network: 2 queries per place group otherwise).
3. PostgreSQL JIT off (run.py sets PGOPTIONS=-c jit=off for this run).
"""

from django.db.models import Exists, OuterRef, Q

from apps.directory import selectors
from apps.directory.models import Service, ServiceLocation
from apps.geo.models import Territory

_remote_ids: list[int] | None = None


def remote_services(criteria):
    global _remote_ids
    if _remote_ids is None:
        placeless = ~Exists(ServiceLocation.objects.filter(service_id=OuterRef("pk")))
        _remote_ids = list(Service.objects.filter(placeless).exclude(remote_modes=[]).values_list("pk", flat=True))
    qs = Service.objects.filter(pk__in=_remote_ids, is_active=True)
    commune = criteria.commune
    if commune is not None:
        territories = Territory.communes.through.objects.filter(commune_id=commune.code).values("territory_id")
        qs = qs.filter(
            Q(reach=Service.Reach.FRANCE)
            | Q(reach=Service.Reach.REGION, reach_code=commune.departement.region_id)
            | Q(reach=Service.Reach.DEPARTEMENT, reach_code=commune.departement_id)
            | Q(reach=Service.Reach.TERRITORY, structure__territory_id__in=territories)
        )
    qs = selectors.filter_services(qs, criteria)
    return list(qs.select_related("structure__network").order_by("cep_level", "name")[:10])


def search_services(criteria, offset: int = 0, limit: int = 20):
    locations = ServiceLocation.objects.filter(service__is_active=True, place__is_active=True)
    locations = selectors.filter_services(locations, criteria, prefix="service__")
    if criteria.commune is not None and criteria.commune.latitude is not None:
        ranked = selectors._rank_by_distance(locations, criteria)
    else:
        order = ("place__commune__name", "service__name", "id")
        ranked = [(None, pk) for pk in locations.order_by(*order).values_list("id", flat=True)]
    page = ranked[offset : offset + limit]
    related = ("service__structure__network", "place__commune", "place__structure__network")
    by_id = {
        loc.pk: loc for loc in ServiceLocation.objects.filter(pk__in=[pk for _, pk in page]).select_related(*related)
    }
    hits = [selectors.SearchHit(by_id[pk], distance) for distance, pk in page]
    return selectors.SearchPage(hits=hits, count=len(ranked), remote=remote_services(criteria))


def apply() -> None:
    from apps.api import search as api_search
    from apps.orientation import routing
    from apps.public import views as public_views

    selectors.remote_services = remote_services
    selectors.search_services = search_services
    routing.remote_services = remote_services
    api_search.search_services = search_services
    public_views.search_services = search_services
