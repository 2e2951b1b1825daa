"""The search by service as JSON: the same selector as the public page, flattened for API clients."""

import hashlib
import json

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import reverse
from rest_framework.utils.urls import remove_query_param, replace_query_param

from apps.directory import search_index
from apps.directory.search_read import search_rows
from apps.directory.selectors import SearchCriteria
from apps.orientation.routing import routed_networks

from .search_params import lean_params


def cached_search_response(request, validate) -> HttpResponse:
    """The JSON answer to this exact URL, from the cache while the search index has not changed.

    Popular searches (a town, a theme) come back again and again; the key holds the index's
    version, so an edit of the directory makes every process compute afresh. `validate()` gives
    the validated parameters (it raises on bad input, which is never cached).
    """
    seconds = settings.SPRO_SEARCH_CACHE_SECONDS
    url = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    key = f"api-search:{search_index.version()}:{url}"
    body = cache.get(key) if seconds else None
    if body is None:
        body = render_json(search_payload(request, lean_params(request.GET) or validate()))
        if seconds:
            cache.set(key, body, seconds)
    return HttpResponse(body, content_type="application/json")


def search_payload(request, params: dict) -> dict:
    """params: the validated parameters (`lean_params`, or the SearchParamsSerializer's data)."""
    status, theme = params.get("status") or "", params.get("theme") or ""
    criteria = SearchCriteria(
        commune=params.get("commune"),
        status=status,
        theme=theme,
        info_type=params.get("info_type") or "",
        radius_km=params["radius_km"],
        q=params.get("q") or "",
        networks=tuple(routed_networks(status, theme)),
    )
    limit, offset = params["limit"], params["offset"]
    page = search_rows(criteria, offset=offset, limit=limit)
    commune = criteria.commune
    place_url = _url_maker(request, "public:place")
    service_url = _url_maker(request, "public:service")
    return {
        "count": page.count,
        "results": [_hit(hit, place_url) for hit in page.hits],
        "remote": [_remote(service, service_url) for service in page.remote],
        "commune": _commune(commune) if commune else None,
        "radius_km": params["radius_km"],
        "next": _page_link(request, limit, offset + limit) if offset + limit < page.count else None,
        "previous": _page_link(request, limit, max(offset - limit, 0)) if offset > 0 else None,
    }


def render_json(payload: dict) -> bytes:
    """What DRF's JSONRenderer gives with the project's settings (compact, UTF-8, no NaN), byte for
    byte, without its negotiation and encoder class: a few tenths of a millisecond per answer."""
    text = json.dumps(payload, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").encode()


_PK = 987654321  # reversed once per answer, then replaced: reverse() for each of 20 rows costs more


def _url_maker(request, name: str):
    template = request.build_absolute_uri(reverse(name, args=[_PK]))
    marker = str(_PK)
    return lambda pk: template.replace(marker, str(pk))


HIT_ORDER = ("service_id", "service_name", "structure_name", "structure_slug", "network", "access_modes", "cep_level")
HIT_ORDER += ("place_id", "place_name", "address", "postal_code", "commune_code", "commune_name", "latitude")
HIT_ORDER += ("longitude", "distance_km")
REMOTE_ORDER = HIT_ORDER[:7]
PLACE_FIELDS = ("place_id", "place_name", "address", "postal_code", "commune_code", "commune_name")


def _hit(hit: dict, place_url) -> dict:
    out = {key: hit[key] for key in HIT_ORDER}
    out["url"] = place_url(hit["place_id"])
    return out


def _remote(service: dict, service_url) -> dict:
    out = {key: service[key] for key in REMOTE_ORDER} | dict.fromkeys(PLACE_FIELDS)
    out |= {"latitude": None, "longitude": None, "distance_km": None, "url": service_url(service["service_id"])}
    return out | {"phone": service["phone"], "website": service["website"]}


def _commune(commune) -> dict:
    return {
        "code": commune.code,
        "name": commune.name,
        "label": commune.label,
        "latitude": commune.latitude,
        "longitude": commune.longitude,
    }


def _page_link(request, limit: int, offset: int) -> str:
    url = replace_query_param(request.build_absolute_uri(), "limit", limit)
    return replace_query_param(url, "offset", offset) if offset else remove_query_param(url, "offset")
