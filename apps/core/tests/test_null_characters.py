"""A NUL character in a query string is refused before any database read (PostgreSQL would fail)."""

import pytest


@pytest.mark.django_db
def test_an_api_filter_with_a_nul_character_is_a_400_in_json(client):
    response = client.get("/api/v1/places/", {"structure": "a\x00b"})
    assert response.status_code == 400
    assert "caractère nul" in response.json()["detail"]


@pytest.mark.django_db
def test_a_page_with_a_nul_character_is_a_400_in_french(client):
    response = client.get("/recherche/", {"lieu": "Blois\x00"})
    assert response.status_code == 400
    assert "caractère nul" in response.content.decode()


@pytest.mark.django_db
def test_ordinary_parameters_pass(client, vocabularies):
    assert client.get("/api/v1/places/", {"structure": "structure-a"}).status_code == 200
