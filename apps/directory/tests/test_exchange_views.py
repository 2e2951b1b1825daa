"""The staff import page /espace/import/: region admins only, errors or counts shown."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.directory.models import Service
from tests.factories import CommuneFactory, DepartementFactory, RegionFactory

pytestmark = pytest.mark.django_db
URL = "/espace/import/"
SERVICE = {
    "source": "partenaire",
    "id": "partenaire--1",
    "structure_id": "spro-cvl--structure-a",
    "nom": "Permanence emploi",
    "description": "Une permanence pour l'emploi.",
    "date_maj": "2025-01-01",
    "adresse": "1 cours Napoléon",
    "code_insee": "2A004",
}


@pytest.fixture
def ajaccio(db):
    departement = DepartementFactory(code="2A", name="Corse-du-Sud", region=RegionFactory(code="94", name="Corse"))
    return CommuneFactory(code="2A004", name="Ajaccio", postal_codes="20000", departement=departement)


def _upload(records):
    return SimpleUploadedFile("services.json", json.dumps(records).encode(), "application/json")


def test_members_are_refused(client, member_a):
    client.force_login(member_a)
    assert client.get(URL).status_code == 403


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/compte/" in response["Location"]


def test_page_shows_the_form(client, region_admin):
    client.force_login(region_admin)
    page = client.get(URL).content.decode()
    assert 'enctype="multipart/form-data"' in page and '<label for="id_services">' in page


def test_errors_are_listed_and_nothing_written(client, region_admin, structure_a, ajaccio):
    client.force_login(region_admin)
    bad = [dict(SERVICE, nom="ab"), dict(SERVICE, id="partenaire--2", code_insee="99999")]
    page = client.post(URL, {"services": _upload(bad)}).content.decode()
    assert 'role="alert"' in page and "Rien n'a été importé : 2 erreurs" in page
    assert "enregistrement n° 2 (id « partenaire--2 ») : champ « code_insee »" in page
    assert not Service.objects.filter(source="partenaire").exists()


def test_valid_file_shows_counts(client, region_admin, structure_a, ajaccio):
    client.force_login(region_admin)
    page = client.post(URL, {"services": _upload([SERVICE])}).content.decode()
    assert "Import terminé" in page and "Services créés : 1" in page
    assert Service.objects.get(source_id="partenaire--1").structure == structure_a


def test_a_file_is_required(client, region_admin):
    client.force_login(region_admin)
    page = client.post(URL, {}).content.decode()
    assert 'role="alert"' in page and "Joignez au moins un fichier" in page
