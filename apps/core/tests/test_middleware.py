from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError
from django.test import Client

pytestmark = [pytest.mark.django_db, pytest.mark.urls("apps.core.tests.urls")]


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


def assert_french_503(response):
    assert response.status_code == 503 and response["Retry-After"] == "10"
    assert "Service momentanément indisponible" in response.content.decode()


def test_a_database_error_in_a_view_is_a_503_page(client):
    assert_french_503(client.get("/away/"))


def test_a_database_error_in_an_api_view_is_a_503_json(client):
    response = client.get("/api/away/")
    assert response.status_code == 503 and response["Retry-After"] == "10"
    assert response.json()["detail"].startswith("Service momentanément indisponible")


@pytest.mark.parametrize("error", [OperationalError("the database system is shutting down"), InterfaceError("closed")])
def test_a_database_error_after_the_view_in_the_session_middleware_is_a_503(client, error):
    with mock.patch("django.contrib.sessions.backends.db.SessionStore.save", side_effect=error):
        response = client.get("/remember/")
    assert_french_503(response)


def test_other_errors_are_still_a_500(client):
    with mock.patch("django.contrib.sessions.backends.db.SessionStore.save", side_effect=ValueError("bug")):
        response = client.get("/remember/")
    assert response.status_code == 500
