"""The search by service as JSON: the same selector as the public page, flattened for API clients."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import reverse
from rest_framework.renderers import JSONRenderer
from rest_framework.utils.urls import remove_query_param, replace_query_param

from apps.directory import search_index
from apps.directory.models import Service
from apps.directory.selectors import SearchCriteria, SearchHit, search_services
from apps.orientation.routing import routed_networks


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
        body = JSONRenderer().render(search_payload(request, validate()))
        if seconds:
            cache.set(key, body, seconds)
    return HttpResponse(body, content_type="application/json")


def search_payload(request, params: dict) -> dict:
    """params: the validated SearchParamsSerializer data."""
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
    page = search_services(criteria, offset=offset, limit=limit)
    commune = criteria.commune
    return {
        "count": page.count,
        "results": [_hit(request, hit) for hit in page.hits],
        "remote": [_remote(request, service) for service in page.remote],
        "commune": _commune(commune) if commune else None,
        "radius_km": params["radius_km"],
        "next": _page_link(request, limit, offset + limit) if offset + limit < page.count else None,
        "previous": _page_link(request, limit, max(offset - limit, 0)) if offset > 0 else None,
    }


def _service_fields(service: Service) -> dict:
    structure = service.structure
    return {
        "service_id": service.pk,
        "service_name": service.name,
        "structure_name": structure.name,
        "structure_slug": structure.slug,
        "network": structure.network.code if structure.network_id else None,
        "access_modes": list(service.access_modes),
        "cep_level": service.cep_level,
    }


def _hit(request, hit: SearchHit) -> dict:
    place = hit.place
    return _service_fields(hit.service) | {
        "place_id": place.pk,
        "place_name": place.name,
        "address": place.address,
        "postal_code": place.postal_code,
        "commune_code": place.commune_id,
        "commune_name": place.commune.name,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "distance_km": hit.distance_km,
        "url": request.build_absolute_uri(reverse("public:place", args=[place.pk])),
    }


def _remote(request, service: Service) -> dict:
    empty = dict.fromkeys(["place_id", "place_name", "address", "postal_code", "commune_code", "commune_name"])
    return (
        _service_fields(service)
        | empty
        | {
            "latitude": None,
            "longitude": None,
            "distance_km": None,
            "url": request.build_absolute_uri(service.get_absolute_url()),
            "phone": service.phone,
            "website": service.website,
        }
    )


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
