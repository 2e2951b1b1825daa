"""Series from outside (all-or-nothing CSV), documents of a territory, and who may do what (as a table)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from apps.geo.models import Territory
from apps.network.tests.factories import CoordinatorFactory
from apps.territories.models import DocumentVersion, SeriesImport, SeriesValue
from apps.territories.series import SeriesImportError, import_series
from apps.territories.services import refresh_month
from tests.factories import MembershipFactory, StructureFactory, UserFactory

pytestmark = pytest.mark.django_db

HEADER = "serie,code,periode,valeur,unite,source,licence\n"
GOOD = (
    HEADER
    + 'demandeurs-emploi-cat-a,dreux,2026-T2,4210,personnes,"France Travail, Dares",Licence Ouverte 2.0\n'
    + 'population-age-15-24,28134,2022,"3 950,5",personnes,INSEE recensement 2022,Licence Ouverte 2.0\n'
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def roles(demo_region):
    dreux = Territory.objects.get(code="dreux")
    structure = StructureFactory(slug="structure-de-test", territory=dreux)
    coordinator = UserFactory(email="coord-dreux@test.spro.example", first_name="Alix", last_name="Essai")
    CoordinatorFactory(territory=dreux, user=coordinator, structure=structure)
    other = UserFactory(email="coord-cher@test.spro.example")
    CoordinatorFactory(territory=Territory.objects.get(code="cher"), user=other, structure=structure)
    return {
        "anonymous": None,
        "member": MembershipFactory(structure=structure, user=UserFactory(email="m@test.spro.example")).user,
        "coordinator": coordinator,
        "other_coordinator": other,
        "support_team": UserFactory(email="appui@test.spro.example", role="support_team"),
        "region_admin": UserFactory(email="region@test.spro.example", role="region_admin"),
        "no_structure": UserFactory(email="seul@test.spro.example"),
    }


def test_a_good_file_is_imported_and_shown_with_its_source(demo_region):
    imported = import_series(GOOD.encode(), "series.csv", None)
    assert imported.rows == 2
    value = SeriesValue.objects.get(series="population-age-15-24")
    assert (value.area_kind, value.area_code, str(value.value)) == ("commune", "28134", "3950.5000")
    refresh_month()
    page = Client().get("/territoires/dreux/").content.decode()
    assert "demandeurs-emploi-cat-a" in page and "France Travail, Dares" in page and "Licence Ouverte 2.0" in page


def test_the_age_structure_comes_from_imported_series(demo_region):
    rows = "population-age-15-24,dreux,2021,14200,personnes,INSEE RP 2021,LO 2.0\n"
    rows += "population-age-15-24,dreux,2022,14350,personnes,INSEE RP 2022,LO 2.0\n"
    refresh_month()
    assert "Structure par âge : pas connue" in Client().get("/territoires/dreux/").content.decode()
    import_series((HEADER + rows).encode(), "ages.csv", None)
    page = Client().get("/territoires/dreux/").content.decode()
    assert "Structure par âge (séries importées par la Région)" in page
    assert "15-24 ans" in page and "INSEE RP 2022" in page


def test_a_second_import_replaces_the_same_series_zone_and_period(demo_region):
    import_series(GOOD.encode(), "a.csv", None)
    import_series(
        (HEADER + "demandeurs-emploi-cat-a,dreux,2026-T2,4300,personnes,Dares,LO 2.0\n").encode(), "b.csv", None
    )
    assert SeriesValue.objects.get(series="demandeurs-emploi-cat-a").value == 4300
    assert SeriesValue.objects.count() == 2


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("x,nulle-part,2024,1,personnes,INSEE,LO", "Ligne 3, champ « code » : « nulle-part » n'est ni un territoire"),
        ("x,99999,2024,1,personnes,INSEE,LO", "Ligne 3, champ « code »"),
        ("x,dreux,2024-13,1,personnes,INSEE,LO", "Ligne 3, champ « periode »"),
        ("x,dreux,1850,1,personnes,INSEE,LO", "Ligne 3, champ « periode » : « 1850 » : année hors"),
        ("x,dreux,2024,beaucoup,personnes,INSEE,LO", "Ligne 3, champ « valeur » : « beaucoup » n'est pas un nombre"),
        ("x,dreux,2024,1,,INSEE,LO", "Ligne 3, champ « unite » : valeur obligatoire manquante."),
        ("x,dreux,2024,1,personnes,,LO", "Ligne 3, champ « source »"),
        ("x,dreux,2024,1,personnes,INSEE,", "Ligne 3, champ « licence »"),
        (
            "demandeurs-emploi-cat-a,dreux,2026-T2,5,personnes,INSEE,LO",
            "Ligne 3 : même série, même zone et même période qu'à la ligne 2",
        ),
    ],
)
def test_a_bad_line_writes_nothing_and_names_the_line(demo_region, line, message):
    content = HEADER + 'demandeurs-emploi-cat-a,dreux,2026-T2,4210,personnes,"France Travail",LO\n' + line + "\n"
    with pytest.raises(SeriesImportError) as raised:
        import_series(content.encode(), "erreur.csv", None)
    assert any(error.startswith(message) for error in raised.value.errors), raised.value.errors
    assert not SeriesValue.objects.exists() and not SeriesImport.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "Le fichier est vide"),
        (b"serie;code;valeur\n", "Ligne 1 : colonne(s) manquante(s) « periode », « unite »"),
        (HEADER.encode(), "aucune ligne de données"),
        ((HEADER + "x,dreux,2024,1,personnes,Région Centre,LO\n").encode("latin-1"), "UTF-8"),
    ],
)
def test_a_bad_file_is_refused_whole(demo_region, content, message):
    with pytest.raises(SeriesImportError) as raised:
        import_series(content, "f.csv", None)
    assert message in raised.value.errors[0]


def test_the_import_page_shows_the_line_and_writes_nothing(roles):
    client = Client()
    client.force_login(roles["region_admin"])
    bad = HEADER + "x,dreux,2024,1,personnes,INSEE,LO\nx,dreux,2025,un,personnes,INSEE,LO\n"
    response = client.post("/territoires/series/importer/", {"file": SimpleUploadedFile("s.csv", bad.encode())})
    assert response.status_code == 400
    assert "Ligne 3, champ « valeur »" in response.content.decode()
    assert not SeriesValue.objects.exists()
    response = client.post("/territoires/series/importer/", {"file": SimpleUploadedFile("s.csv", GOOD.encode())})
    assert response.status_code == 302 and SeriesValue.objects.count() == 2


# Who may do what: one row per role; columns: see the documents, add a Dreux document, import series.
PERMISSIONS = {
    "anonymous": (False, False, False),
    "no_structure": (False, False, False),
    "member": (True, False, False),
    "coordinator": (True, True, False),
    "other_coordinator": (True, False, False),
    "support_team": (True, False, False),
    "region_admin": (True, True, True),
}


@pytest.mark.parametrize(("role", "expected"), PERMISSIONS.items())
def test_permissions_table(roles, role, expected):
    from django.contrib.auth.models import AnonymousUser

    user = roles[role] or AnonymousUser()
    dreux = Territory.objects.get(code="dreux")
    observed = (
        user.has_perm("territories.view_documents"),
        user.has_perm("territories.add_document", dreux),
        user.has_perm("territories.import_series"),
    )
    assert observed == expected


@pytest.mark.parametrize(("role", "expected"), PERMISSIONS.items())
def test_permissions_hold_on_the_server(roles, role, expected):
    client = Client()
    if roles[role]:
        client.force_login(roles[role])
    see, add, import_ = expected
    upload = {"kind": "diagnostic", "title": "Diagnostic 2026", "file": SimpleUploadedFile("d.pdf", PDF)}
    response = client.post("/territoires/dreux/documents/deposer/", upload)
    assert response.status_code == (302 if add else 403 if roles[role] else 302)
    assert DocumentVersion.objects.exists() == add
    response = client.post("/territoires/series/importer/", {"file": SimpleUploadedFile("s.csv", GOOD.encode())})
    assert SeriesValue.objects.exists() == import_
    status = client.get("/territoires/dreux/documents/").status_code
    assert status == (200 if see else 403 if roles[role] else 302)
    assert Client().get("/territoires/dreux/").status_code == 200  # the panorama itself is public


def test_documents_are_versioned_with_date_and_author(roles):
    client = Client()
    client.force_login(roles["coordinator"])
    for note in ["", "Chiffres 2026 ajoutés"]:
        response = client.post(
            "/territoires/dreux/documents/deposer/",
            {
                "kind": "diagnostic",
                "title": "Diagnostic du bassin",
                "note": note,
                "file": SimpleUploadedFile("d.pdf", PDF),
            },
        )
        assert response.status_code == 302
    versions = list(DocumentVersion.objects.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[1].author_name == "Alix Essai" and versions[1].note == "Chiffres 2026 ajoutés"
    member = Client()
    member.force_login(roles["member"])
    page = member.get("/territoires/dreux/documents/").content.decode()
    assert "Diagnostic du bassin" in page and "Alix Essai" in page and "Télécharger la version 2" in page
    assert "Déposer un document" not in page
    download = member.get(f"/territoires/documents/versions/{versions[0].pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF


def test_a_file_that_is_not_a_pdf_is_refused_by_name(roles):
    client = Client()
    client.force_login(roles["region_admin"])
    response = client.post(
        "/territoires/dreux/documents/deposer/",
        {"kind": "panorama", "title": "Panorama", "file": SimpleUploadedFile("p.pdf", b"<html>pas un pdf</html>")},
    )
    assert response.status_code == 200
    assert "n&#x27;est pas un PDF" in response.content.decode()
    assert not DocumentVersion.objects.exists()
