"""Qui fait quoi and the territory guide: network only, listed people only; the CSV cannot run formulas."""

import csv
import io

import pytest
from pypdf import PdfReader

from apps.skills import services
from apps.skills.models import ProfessionalProfile
from tests.factories import PlaceFactory, ServiceFactory

from .conftest import member_of

PAGES = ["/professionnalisation/qui-fait-quoi/", "/professionnalisation/guides/loir-et-cher/"]


@pytest.fixture
def people(ml_blaisois, coordination):
    listed = member_of(ml_blaisois, "listee@test.spro.example", "Lison", "Listée")
    hidden = member_of(ml_blaisois, "cachee@test.spro.example", "Hortense", "Cachée")
    formula = member_of(ml_blaisois, "formule@test.spro.example", "Fanny", "Formule")
    for user in (listed, hidden, formula):
        services.profile_of(user)
    ProfessionalProfile.objects.filter(user=listed).update(
        listed=True, job_title="Chargée d'accueil", is_spro_contact=True
    )
    ProfessionalProfile.objects.filter(user=formula).update(listed=True, job_title='=HYPERLINK("x")')
    services.rate(listed, coordination.skills().get(key="IV.10"), 4, False)
    place = PlaceFactory(structure=ml_blaisois)
    ServiceFactory(structure=ml_blaisois, name="Accompagnement des 16-25 ans", at=[place])
    return {"listed": listed, "hidden": hidden}


@pytest.mark.django_db
def test_the_guide_and_the_directory_list_only_listed_people(people, as_role):
    client = as_role("member")
    for url in PAGES:
        page = client.get(url).content.decode()
        assert "Lison Listée" in page and "Hortense Cachée" not in page, url
    guide = client.get("/professionnalisation/guides/loir-et-cher/").content.decode()
    assert "Mission locale du Blaisois" in guide and "Accompagnement des 16-25 ans" in guide
    assert "contact SPRO" in guide
    csv_text = client.get("/professionnalisation/guides/loir-et-cher/guide.csv").content.decode("utf-8-sig")
    assert "Lison Listée" in csv_text and "Cachée" not in csv_text
    pdf = client.get("/professionnalisation/guides/loir-et-cher/guide.pdf")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Lison Listée" in text and "Cachée" not in text and "Mission locale du Blaisois" in text


@pytest.mark.django_db
def test_the_guide_csv_neutralises_formulas(people, as_role):
    content = as_role("member").get("/professionnalisation/guides/loir-et-cher/guide.csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    assert rows[0][0] == "Réseau"
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


@pytest.mark.django_db
def test_the_directory_filters_by_skill_offered(people, as_role):
    client = as_role("member")
    page = client.get("/professionnalisation/qui-fait-quoi/", {"skill": "coordination-spro:IV.10"}).content.decode()
    assert "Lison Listée" in page and "Fanny" not in page
    page = client.get("/professionnalisation/qui-fait-quoi/", {"contacts": "on"}).content.decode()
    assert "Lison Listée" in page and "Fanny" not in page


@pytest.mark.django_db
def test_a_profile_can_only_name_services_of_ones_own_structures(people, as_role, cher):
    from tests.factories import StructureFactory

    other = ServiceFactory(structure=StructureFactory(territory=cher))
    response = as_role("member").post(
        "/professionnalisation/ma-fiche/", {"listed": "on", "services": [other.pk], "job_title": "Conseillère"}
    )
    assert response.status_code == 200
    assert not ProfessionalProfile.objects.filter(listed=True, user__email="membre@test.spro.example").exists()


# Who may open each page: one table, every role (the URL matrix covers the demo world as well).
PERMISSIONS = {
    # url: allowed roles (others: 302 to log in for the visitor, 403 for the rest)
    "/professionnalisation/": {"member", "coordinator", "support_team", "region_admin"},
    "/professionnalisation/arbre/coordination-spro/": {"member", "coordinator", "support_team", "region_admin"},
    "/professionnalisation/ma-fiche/": {"member", "coordinator", "support_team", "region_admin"},
    "/professionnalisation/mise-en-relation/": {"member", "coordinator", "support_team", "region_admin"},
    "/professionnalisation/referentiels/": {"member", "coordinator", "support_team", "region_admin"},
    "/professionnalisation/referentiels/nouveau/": {"support_team", "region_admin"},
    "/professionnalisation/referentiels/coordination-spro/nouvelle-version/": {"support_team", "region_admin"},
    "/professionnalisation/reseau/coordination-spro/": {"coordinator", "support_team", "region_admin"},
    "/professionnalisation/qui-fait-quoi/": {"member", "coordinator", "support_team", "region_admin"},
    "/professionnalisation/guides/loir-et-cher/": {"member", "coordinator", "support_team", "region_admin"},
    "/professionnalisation/guides/loir-et-cher/guide.csv": {"member", "coordinator", "support_team", "region_admin"},
}


@pytest.mark.django_db
@pytest.mark.parametrize("url", PERMISSIONS)
@pytest.mark.parametrize("role", ["anonymous", "unattached", "member", "coordinator", "support_team", "region_admin"])
def test_permissions_as_a_table(coordination, as_role, role, url):
    status = as_role(role).get(url).status_code
    expected = 200 if role in PERMISSIONS[url] else (302 if role == "anonymous" else 403)
    assert status == expected
