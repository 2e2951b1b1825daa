"""The lean read path answers as the ORM path, on the benchmark's own queries and directory.

The national benchmark's generator (bench/lib/generator.py, at 2 % of its scale: 400 structures,
2,000 services all over France) and its 400 mixed queries (bench/lib/queries.py), read both ways:
`search_read.search_rows` / `search_page` (one statement) against `selectors.search_services`
(the ORM); then the API's bytes against DRF's serializer and renderer on the ORM's answer.
"""

import pytest
from django.db import transaction
from rest_framework.renderers import JSONRenderer

from apps.api import serializers as s
from apps.api.search import search_payload
from apps.api.search_params import lean_params
from apps.directory import search_read, selectors
from apps.directory.services import load_vocabularies
from apps.geo.services import load_reference_geography, load_territories
from apps.orientation.routing import load_default_rules, routed_networks
from bench.lib import queries
from bench.lib.generator import generate

SEARCHES = 400


@pytest.fixture(scope="module")
def national(django_db_setup, django_db_blocker):
    """The generated directory, once for the module, rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_reference_geography()
        load_territories()
        load_vocabularies()
        load_default_rules()
        generate(0.02)
        yield
        transaction.set_rollback(True)


def _as_query(params: dict) -> dict:
    return {key: str(value) for key, value in params.items()}


def _criteria(query: dict) -> selectors.SearchCriteria:
    serializer = s.SearchParamsSerializer(data=query)
    serializer.is_valid(raise_exception=True)
    data = serializer.validated_data
    status, theme = data.get("status") or "", data.get("theme") or ""
    return selectors.SearchCriteria(
        commune=data.get("commune"),
        status=status,
        theme=theme,
        info_type=data.get("info_type") or "",
        radius_km=data["radius_km"],
        q=data.get("q") or "",
        networks=tuple(routed_networks(status, theme)),
    )


BENCH_QUERIES = [_as_query(p) for p in queries.search_params(SEARCHES)]


def _orm_rows(criteria, offset=0, limit=20) -> search_read.RowPage:
    return search_read._from_orm(criteria, offset, limit)  # selectors.search_services, flattened


@pytest.mark.django_db
def test_the_benchmarks_queries_find_hits(national):
    pages = [search_read.search_rows(_criteria(q)) for q in BENCH_QUERIES[:50]]
    assert sum(page.count for page in pages) > 500 and any(page.remote for page in pages)


@pytest.mark.django_db
def test_lean_rows_equal_the_orm_path_on_the_benchmarks_queries(national):
    different = []
    for query in BENCH_QUERIES:
        criteria = _criteria(query)
        lean, orm = search_read.search_rows(criteria), _orm_rows(criteria)
        if (lean.count, lean.hits, lean.remote) != (orm.count, orm.hits, orm.remote):
            different.append(query)
    assert different == []


@pytest.mark.django_db
@pytest.mark.parametrize("offset", [20, 40, 5000])
def test_later_pages_and_past_the_end_equal_the_orm_path(national, offset):
    for query in BENCH_QUERIES[:60]:
        criteria = _criteria(query)
        lean, orm = search_read.search_rows(criteria, offset=offset), _orm_rows(criteria, offset=offset)
        assert (lean.count, lean.hits) == (orm.count, orm.hits), query


@pytest.mark.django_db
def test_the_results_page_ranking_equals_the_orm_path(national):
    for query in BENCH_QUERIES[:150]:
        criteria = _criteria(query)
        lean, orm = search_read.search_page(criteria), selectors.search_services(criteria)
        assert lean.count == orm.count
        assert [(h.location.pk, h.distance_km) for h in lean.hits] == [(h.location.pk, h.distance_km) for h in orm.hits]
        assert [r.pk for r in lean.remote] == [r.pk for r in orm.remote]


@pytest.mark.django_db
def test_lean_parameters_equal_the_serializers_on_the_benchmarks_queries(national):
    for query in BENCH_QUERIES:
        serializer = s.SearchParamsSerializer(data=query)
        assert serializer.is_valid()
        lean = lean_params(query)
        assert lean is not None
        for key, value in serializer.validated_data.items():
            assert lean[key] == value, (key, query)


@pytest.mark.django_db
def test_api_bytes_equal_drfs_rendering_of_the_orm_answer(national, client, rf):
    """The API's body = JSONRenderer(the payload the ORM path gives), byte for byte."""
    for query in BENCH_QUERIES[:100]:
        response = client.get("/api/v1/services/search", query)
        assert response.status_code == 200
        request = rf.get("/api/v1/services/search", query)
        criteria = _criteria(query)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr("apps.api.search.search_rows", _orm_rows)
            expected = JSONRenderer().render(search_payload(request, _validated(query)))
        assert response.content == expected, (query, criteria)


def _validated(query: dict) -> dict:
    serializer = s.SearchParamsSerializer(data=query)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


# Parameters the lean reader must leave to the serializer (None), or read as it does.
LEFT_TO_THE_SERIALIZER = [
    {"radius_km": ""},
    {"radius_km": "0"},
    {"radius_km": "201"},
    {"radius_km": "12.5"},
    {"radius_km": " 20"},
    {"limit": "101"},
    {"offset": "-1"},
    {"theme": "pas-un-theme"},
    {"status": "inconnu"},
    {"commune": "99999"},
    {"commune": "Blois"},
    {"q": "x" * 101},
    {"q": "emploi\x00"},
    {"q": "tab\there"},
]
READ_AS_THE_SERIALIZER = [
    {},
    {"commune": ""},
    {"radius_km": "050"},
    {"q": "  emploi  "},
    {"q": "é" * 100},
    {"theme": " "},
    {"limit": "100", "offset": "0"},
]


@pytest.mark.django_db
@pytest.mark.parametrize("query", LEFT_TO_THE_SERIALIZER)
def test_doubtful_parameters_are_left_to_the_serializer(national, query):
    assert lean_params(query) is None


@pytest.mark.django_db
@pytest.mark.parametrize("query", READ_AS_THE_SERIALIZER)
def test_plain_parameters_are_read_as_the_serializer_reads_them(national, query):
    lean, validated = lean_params(query), _validated(query)
    assert lean is not None
    for key, value in validated.items():
        assert lean[key] == value, key


@pytest.mark.django_db
def test_an_invalid_parameter_still_gets_the_serializers_error(national, client):
    response = client.get("/api/v1/services/search", {"theme": "pas-un-theme", "commune": "41018"})
    assert response.status_code == 400
    assert response.json() == {"theme": ["Aucun thème ne porte le code « pas-un-theme »."]}


@pytest.mark.django_db
def test_a_deactivated_theme_is_refused_at_once_in_this_process(national, client):
    from apps.directory.models import Theme

    theme = Theme.objects.filter(is_active=True).first()
    assert client.get("/api/v1/services/search", {"theme": theme.code}).status_code == 200
    theme.is_active = False
    theme.save()
    # Another URL: the answer to the first one stays cached until the index changes (as before).
    assert client.get("/api/v1/services/search", {"theme": theme.code, "limit": "10"}).status_code == 400
