"""Error answers: JSON under /api/, French HTML pages elsewhere; redirects only to this site (review L9, L11)."""

import pytest
from django.test import Client, RequestFactory

from apps.core.redirects import safe_next

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


@pytest.mark.urls("apps.core.tests.urls")
def test_a_bug_under_the_api_is_a_json_500(client):
    response = client.get("/api/broken/")
    assert response.status_code == 500 and response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Erreur interne du serveur : réessayez plus tard."}


@pytest.mark.urls("apps.core.tests.urls")
def test_a_bug_elsewhere_is_the_html_500_page(client):
    response = client.get("/broken/")
    assert response.status_code == 500 and response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize(
    "path, kind",
    [("/api/v1/nulle-part", "application/json"), ("/nulle-part/", "text/html")],
)
def test_not_found(client, path, kind):
    response = client.get(path)
    assert response.status_code == 404 and response["Content-Type"].startswith(kind)


@pytest.mark.parametrize(
    "posted, expected",
    [
        ("/espace/a-verifier/", "/espace/a-verifier/"),
        ("", "directory:to_verify"),
        ("https://evil.example/", "directory:to_verify"),
        ("//evil.example/", "directory:to_verify"),
        ("/\\evil.example", "directory:to_verify"),
        ("javascript:alert(1)", "directory:to_verify"),
        ("https://testserver/espace/", "https://testserver/espace/"),
    ],
)
def test_safe_next_keeps_only_this_site(posted, expected):
    request = RequestFactory().post("/", {"next": posted})
    assert safe_next(request, "directory:to_verify") == expected
