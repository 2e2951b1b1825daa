"""The lean read path of the search: the same answers as `selectors.search_services`, as plain rows.

One SQL statement gives the page: the index's entries within the radius are filtered, ranked,
counted and cut to the page in a subquery, and only the page's rows are joined with their service,
structure, network, place and commune. A second gives the remote services. No model instance, no
queryset compiled per request: the statements are text with parameters, built from the same rules
as the ORM path (fit points, routing rank, tag filters, equirectangular distance), and
`apps/directory/tests/test_search_read.py` checks both paths give the same answers.

The ORM path stays for what the lean one does not cover (a commune without coordinates, or none:
ordered by commune name, a rare query), and as the reference of the comparison test.
"""

import json
import math
from dataclasses import dataclass, field

from django.db import connection

from apps.core.geo_math import bounding_box, haversine_km
from apps.core.text import normalize
from apps.geo.models import Commune, Territory

from . import selectors
from .models import Network, Place, SearchEntry, Service, ServiceLocation, Structure
from .selectors import FIT_COUNSEL, FIT_INFO_TYPE, FIT_STATUS, FIT_THEME, KM_PER_DEGREE, MAX_RADIUS_KM, SearchCriteria


@dataclass
class RowPage:
    """A page of hits as dicts (keys of `HIT_KEYS`) and the remote services (keys of `SERVICE_KEYS`)."""

    count: int
    hits: list[dict]
    remote: list[dict] = field(default_factory=list)


SERVICE_KEYS = ("service_id", "service_name", "structure_name", "structure_slug", "network", "access_modes")
SERVICE_KEYS += ("cep_level",)
HIT_KEYS = SERVICE_KEYS + ("place_id", "place_name", "address", "postal_code", "commune_code", "commune_name")
HIT_KEYS += ("latitude", "longitude")
REMOTE_KEYS = SERVICE_KEYS + ("phone", "website")


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _col(model, name: str, alias: str) -> str:
    return f"{alias}.{connection.ops.quote_name(model._meta.get_field(name).column)}"


def _service_columns() -> str:
    """service_id … cep_level, from aliases s (service), st (structure), n (network, may be NULL)."""
    return ", ".join(
        [
            _col(Service, "id", "s"),
            _col(Service, "name", "s"),
            _col(Structure, "name", "st"),
            _col(Structure, "slug", "st"),
            _col(Network, "code", "n"),
            _col(Service, "access_modes", "s"),
            _col(Service, "cep_level", "s"),
        ]
    )


def _service_joins() -> str:
    return (
        f" JOIN {_table(Structure)} st ON st.id = {_col(Service, 'structure', 's')}"
        f" LEFT JOIN {_table(Network)} n ON n.id = {_col(Structure, 'network', 'st')}"
    )


def _e(name: str) -> str:
    return _col(SearchEntry, name, "e")


def _like(word: str) -> str:
    # As the ORM's `contains`: the value's own wildcards escaped.
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _filters(criteria: SearchCriteria) -> tuple[list[str], list]:
    """WHERE terms of `selectors.filter_entries`: tagged with the code or untagged; every word in the text."""
    terms, params = [], []
    for column, code in (("statuses", criteria.status), ("themes", criteria.theme), ("info_types", criteria.info_type)):
        if code:
            terms.append(f"({_e(column)} = '' OR {_e(column)} LIKE %s ESCAPE '\\')")
            params.append(_like(f"|{code}|"))
    for word in normalize(criteria.q).split():
        terms.append(f"{_e('text')} LIKE %s ESCAPE '\\'")
        params.append(_like(word))
    return terms, params


def _rank(criteria: SearchCriteria) -> tuple[str, str, list]:
    """(fit SQL, routing rank SQL, its parameters): `selectors.fit_score` and `selectors.routing_rank`."""
    terms = [f"CASE WHEN {_e('cep_level')} >= 2 THEN {FIT_COUNSEL} ELSE 0 END"]
    wanted = [("statuses", criteria.status, FIT_STATUS), ("themes", criteria.theme, FIT_THEME)]
    for column, code, points in wanted + [("info_types", criteria.info_type, FIT_INFO_TYPE)]:
        if code:
            terms.append(f"CASE WHEN {_e(column)} <> '' THEN {points} ELSE 0 END")
    count = len(criteria.networks)
    if not count:
        return " + ".join(terms), "0", []
    whens = " ".join(f"WHEN %s THEN {count - i}" for i in range(count))
    return " + ".join(terms), f"CASE {_e('network')} {whens} ELSE 0 END", list(criteria.networks)


def _distance(commune: Commune) -> tuple[str, list]:
    """`selectors.squared_km_from`: the same arithmetic in the same order, so the same ties."""
    kx = KM_PER_DEGREE * math.cos(math.radians(commune.latitude))
    dy = f"(({_e('latitude')} - %s) * %s)"
    dx = f"(({_e('longitude')} - %s) * %s)"
    sql = f"CASE WHEN {_e('commune_code')} = %s THEN 0.0 ELSE (({dx} * {dx}) + ({dy} * {dy})) END"
    lon, lat = [commune.longitude, kx], [commune.latitude, KM_PER_DEGREE]
    return sql, [commune.code, *lon, *lon, *lat, *lat]


@dataclass
class _Ranked:
    """The ranked entries of a located search: `sql` gives the page (ids, rank, total), `count_sql` the count."""

    sql: str
    params: list
    count_sql: str
    count_params: list


def _ranked(criteria: SearchCriteria, offset: int, limit: int) -> _Ranked:
    """`selectors.search_services`'s ranking of the entries within the radius, as SQL.

    The covering index of migration 0005 serves the box: the rows of the area are read from it
    alone (the words of `q` aside), then counted and cut to the page in the same pass.
    """
    commune = criteria.commune
    radius = min(max(float(criteria.radius_km), 1), MAX_RADIUS_KM)
    min_lat, max_lat, min_lon, max_lon = bounding_box(commune.latitude, commune.longitude, radius)
    fit, route, route_params = _rank(criteria)
    distance, distance_params = _distance(commune)
    terms, term_params = _filters(criteria)
    where = " AND ".join(
        [
            f"{_e('is_remote')} = %s",
            *terms,
            f"{_e('latitude')} BETWEEN %s AND %s",
            f"{_e('longitude')} BETWEEN %s AND %s",
            f"{distance} <= %s",
        ]
    )
    where_params = [False, *term_params, min_lat, max_lat, min_lon, max_lon, *distance_params, radius * radius]
    # COUNT(*), not COUNT(id): the id is not in the covering index (PostgreSQL would read the table).
    sql = (
        f"SELECT {_e('location')} AS location_id, {_e('service')} AS service_id, {_e('place_id')} AS place_id,"
        f" {route} AS route, {fit} AS fit, {distance} AS distance, COUNT(*) OVER () AS total"
        f" FROM {_table(SearchEntry)} e WHERE {where}"
        f" ORDER BY {ORDER} LIMIT %s OFFSET %s"
    )
    params = [*route_params, *distance_params, *where_params, limit, offset]
    return _Ranked(sql, params, f"SELECT COUNT(*) FROM {_table(SearchEntry)} e WHERE {where}", where_params)


ORDER = "route DESC, fit DESC, distance ASC, place_id ASC, location_id ASC"


def _count(ranked: _Ranked, rows: list, offset: int, total_at: int) -> int:
    """The count rides along the page; past the last page, it is asked alone (as the ORM path does)."""
    if rows:
        return rows[0][total_at]
    if not offset:
        return 0
    with connection.cursor() as cursor:
        cursor.execute(ranked.count_sql, ranked.count_params)
        return cursor.fetchone()[0]


def search_rows(criteria: SearchCriteria, offset: int = 0, limit: int = 20) -> RowPage:
    """The page of `selectors.search_services(criteria, offset, limit)`, as rows, in one statement."""
    if not selectors._located(criteria):
        return _from_orm(criteria, offset, limit)
    ranked = _ranked(criteria, offset, limit)
    sql = (
        f"SELECT pg.total, {_service_columns()}, p.id, {_col(Place, 'name', 'p')}, {_col(Place, 'address', 'p')},"
        f" {_col(Place, 'postal_code', 'p')}, {_col(Place, 'commune', 'p')}, {_col(Commune, 'name', 'c')},"
        f" {_col(Place, 'latitude', 'p')}, {_col(Place, 'longitude', 'p')}"
        f" FROM ({ranked.sql}) pg JOIN {_table(Service)} s ON s.id = pg.service_id {_service_joins()}"
        f" JOIN {_table(Place)} p ON p.id = pg.place_id"
        f" JOIN {_table(Commune)} c ON {_col(Commune, 'code', 'c')} = {_col(Place, 'commune', 'p')}"
        f" ORDER BY {', '.join('pg.' + term for term in ORDER.split(', '))}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, ranked.params)
        rows = cursor.fetchall()
    hits = [_hit(criteria.commune, row[1:]) for row in rows]
    return RowPage(count=_count(ranked, rows, offset, 0), hits=hits, remote=remote_rows(criteria))


def search_page(criteria: SearchCriteria, offset: int = 0, limit: int = 20) -> selectors.SearchPage:
    """`selectors.search_services` for the results page (model instances for its template): the page's
    ids ranked by the lean statement, then the page's rows read as the ORM path reads them."""
    if not selectors._located(criteria):
        return selectors.search_services(criteria, offset=offset, limit=limit)
    ranked = _ranked(criteria, offset, limit)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT location_id, total FROM ({ranked.sql}) pg ORDER BY {ORDER}", ranked.params)
        rows = cursor.fetchall()
    page = selectors.hits_of([pk for pk, _ in rows], criteria.commune)
    return selectors.SearchPage(
        hits=page, count=_count(ranked, rows, offset, 1), remote=selectors.remote_services(criteria)
    )


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _modes(value) -> list:
    if isinstance(value, str):  # the backends hand JSON over as text (Django decodes it itself)
        value = json.loads(value)
    return list(value or [])


def _service(row) -> dict:
    service = dict(zip(SERVICE_KEYS, row[:7], strict=True))
    service["access_modes"] = _modes(service["access_modes"])
    return service


def _hit(commune: Commune, row) -> dict:
    hit = _service(row) | dict(zip(HIT_KEYS[7:], row[7:], strict=True))
    hit["distance_km"] = _distance_km(commune, hit)
    return hit


def _distance_km(commune: Commune, hit: dict) -> float | None:
    """`selectors.distance_km` on a row."""
    if commune is None or commune.latitude is None:
        return None
    if hit["commune_code"] == commune.code:
        return 0.0
    return round(haversine_km(commune.latitude, commune.longitude, hit["latitude"], hit["longitude"]), 1)


def remote_rows(criteria: SearchCriteria) -> list[dict]:
    """`selectors.remote_services`, as rows with phone and website."""
    where, params = [f"{_e('latitude')} IS NULL"], []
    where.append(f"{_e('is_remote')} = %s")
    params.append(True)
    commune = criteria.commune
    if commune is not None:
        through = Territory.communes.through
        reach, code, territory = _e("reach"), _e("reach_code"), _e("territory_id")
        where.append(
            f"({reach} = %s OR ({reach} = %s AND {code} = %s) OR ({reach} = %s AND {code} = %s)"
            f" OR ({reach} = %s AND {territory} IN (SELECT {_q('territory_id')} FROM {_table(through)}"
            f" WHERE {_q('commune_id')} = %s)))"
        )
        params += [Service.Reach.FRANCE, Service.Reach.REGION, commune.departement.region_id]
        params += [Service.Reach.DEPARTEMENT, commune.departement_id, Service.Reach.TERRITORY, commune.code]
    terms, term_params = _filters(criteria)
    where += terms
    params += term_params
    sql = (
        f"SELECT {_service_columns()}, {_col(Service, 'phone', 's')}, {_col(Service, 'website', 's')}"
        f" FROM {_table(SearchEntry)} e JOIN {_table(Service)} s ON s.id = {_e('service')} {_service_joins()}"
        f" WHERE {' AND '.join(where)} ORDER BY {_e('cep_level')}, {_e('name')}, {_e('service')} LIMIT 10"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [_service(row) | {"phone": row[7], "website": row[8]} for row in cursor.fetchall()]


def _from_orm(criteria: SearchCriteria, offset: int, limit: int) -> RowPage:
    """No coordinates to start from: the ORM path, flattened."""
    page = selectors.search_services(criteria, offset=offset, limit=limit)
    hits = [_hit_of(criteria.commune, hit.location) for hit in page.hits]
    remote = [_service_of(service) | {"phone": service.phone, "website": service.website} for service in page.remote]
    return RowPage(count=page.count, hits=hits, remote=remote)


def _service_of(service: Service) -> dict:
    structure = service.structure
    network = structure.network.code if structure.network_id else None
    values = (service.pk, service.name, structure.name, structure.slug, network, service.access_modes)
    return _service((*values, service.cep_level))


def _hit_of(commune, location: ServiceLocation) -> dict:
    place = location.place
    hit = _service_of(location.service) | {
        "place_id": place.pk,
        "place_name": place.name,
        "address": place.address,
        "postal_code": place.postal_code,
        "commune_code": place.commune_id,
        "commune_name": place.commune.name,
        "latitude": place.latitude,
        "longitude": place.longitude,
    }
    hit["distance_km"] = selectors.distance_km(commune, place)
    return hit
