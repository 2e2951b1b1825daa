"""Schemathesis against our own OpenAPI document: no 5xx, responses conform to the schema (reduced budget)."""

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import ignored_auth, positive_data_acceptance

from spro.wsgi import application
from tests.factories import CommuneFactory, PlaceFactory, ServiceFactory, StructureFactory

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)
READ_ONLY = schema.include(method="GET")


@pytest.fixture
def keep_test_connection():
    """Calling the WSGI app directly would close the test's database connection at the end of each request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def small_directory(vocabularies):
    blois = CommuneFactory()
    place = PlaceFactory(structure=StructureFactory(slug="ml-blaisois"), commune=blois)
    ServiceFactory(structure=place.structure, at=[place], name="Accueil des jeunes")


@READ_ONLY.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@pytest.mark.django_db
def test_read_endpoints_never_fail_and_match_their_schema(case, small_directory, keep_test_connection):
    cache.clear()  # the anonymous API throttle would otherwise answer 429 during the run
    # Public reads accept anonymous callers by design, and valid-looking codes that do not exist answer 400/404.
    case.call_and_validate(excluded_checks=[ignored_auth, positive_data_acceptance])
