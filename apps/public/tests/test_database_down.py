from unittest import mock

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_down():
    error = OperationalError("server closed the connection unexpectedly")
    with (
        mock.patch("apps.public.views.search_page", side_effect=error),
        mock.patch("apps.api.search.search_rows", side_effect=error),
    ):
        yield


def test_a_page_answers_503_in_french_when_the_database_is_away(client, vocabularies, database_down):
    response = client.get("/recherche/", {"q": "emploi"})
    assert response.status_code == 503 and response["Retry-After"] == "10"
    assert "Service momentanément indisponible" in response.content.decode()


def test_the_api_answers_503_json_when_the_database_is_away(client, vocabularies, database_down):
    response = client.get("/api/v1/services/search")
    assert response.status_code == 503
    assert response.json()["detail"].startswith("Service momentanément indisponible")
