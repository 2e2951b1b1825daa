"""The mallette: a resource's audience is enforced on every download (audience × role), versions, counts."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.resources import services
from apps.resources.models import Audience, Resource, ResourceCategory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ROLES = ["anonymous", "unattached", "member", "coordinator", "support_team", "region_admin"]

# audience → role → status of a download (200: the file; 302: log in first; 403: refused)
ALLOWED = {
    Audience.PUBLIC: set(ROLES),
    Audience.MEMBERS: {"member", "coordinator", "support_team", "region_admin"},
    Audience.COORDINATORS: {"coordinator", "support_team", "region_admin"},
}


@pytest.fixture
def category(db):
    return ResourceCategory.objects.create(code="fiches-reperes", title="Fiches repères")


def _resource(category, audience, slug=None, **extra):
    resource = Resource.objects.create(
        category=category,
        slug=slug or f"ressource-{audience}",
        title=f"Ressource {audience}",
        audience=audience,
        **extra,
    )
    if not resource.url:
        services.add_version(resource, ContentFile(PDF, name="fiche.pdf"))
    return resource


@pytest.mark.django_db
@pytest.mark.parametrize("audience", list(Audience))
@pytest.mark.parametrize("role", ROLES)
def test_the_audience_is_enforced_on_download(category, as_role, audience, role):
    resource = _resource(category, audience)
    client = as_role(role)
    allowed = role in ALLOWED[audience]
    expected = 200 if allowed else (302 if role == "anonymous" else 403)
    for url in (
        f"/mallette/ressources/{resource.slug}/telecharger/",
        f"/mallette/ressources/{resource.slug}/versions/1/",
    ):
        response = client.get(url)
        assert response.status_code == expected, url
        if expected == 302:
            assert response["Location"].startswith("/compte/connexion/")
        if allowed:
            assert b"".join(response.streaming_content) == PDF
    assert client.get(f"/mallette/ressources/{resource.slug}/").status_code == expected
    resource.refresh_from_db()
    assert resource.download_count == (2 if allowed else 0)  # only served downloads count
    listed = client.get("/mallette/").content.decode()
    assert (resource.title in listed) == allowed


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_a_resource_taken_offline_is_seen_by_its_maintainers_only(category, as_role, role):
    resource = _resource(category, Audience.PUBLIC, is_active=False)
    status = as_role(role).get(f"/mallette/ressources/{resource.slug}/telecharger/").status_code
    assert status == (200 if role in {"support_team", "region_admin"} else 404)


@pytest.mark.django_db
def test_a_link_is_counted_and_followed(category, as_role):
    resource = _resource(category, Audience.PUBLIC, url="https://www.onisep.fr/")
    response = as_role("anonymous").get(f"/mallette/ressources/{resource.slug}/telecharger/")
    assert (response.status_code, response["Location"]) == (302, "https://www.onisep.fr/")
    resource.refresh_from_db()
    assert resource.download_count == 1


@pytest.mark.django_db
def test_versions_are_kept_and_the_latest_is_served(category, as_role):
    resource = _resource(category, Audience.MEMBERS)
    client = as_role("support_team")
    response = client.post(
        f"/mallette/ressources/{resource.slug}/nouvelle-version/",
        {"file": SimpleUploadedFile("v2.pdf", PDF + b"% v2\n"), "note": "Mise à jour 2026"},
    )
    assert response.status_code == 302
    assert [v.number for v in resource.versions.all()] == [2, 1]
    latest = client.get(f"/mallette/ressources/{resource.slug}/telecharger/")
    assert b"".join(latest.streaming_content).endswith(b"% v2\n")
    first = client.get(f"/mallette/ressources/{resource.slug}/versions/1/")
    assert b"".join(first.streaming_content) == PDF
    bad = client.post(
        f"/mallette/ressources/{resource.slug}/nouvelle-version/",
        {"file": SimpleUploadedFile("v3.pdf", b"<html>pas un pdf</html>")},
    )
    assert bad.status_code == 200 and "n&#x27;est pas un PDF" in bad.content.decode()
    assert resource.versions.count() == 2


@pytest.mark.django_db
def test_search_and_category_filter(category, as_role):
    _resource(category, Audience.PUBLIC, slug="grille", description="La grille de pré-entretien du premier accueil")
    other = ResourceCategory.objects.create(code="affiches", title="Affiches")
    _resource(other, Audience.PUBLIC, slug="affiche")
    client = as_role("anonymous")
    assert "grille" in client.get("/mallette/", {"q": "pré-entretien"}).content.decode()
    page = client.get("/mallette/", {"categorie": "affiches"}).content.decode()
    assert "/mallette/ressources/affiche/" in page and "/mallette/ressources/grille/" not in page


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "status"), [("member", 403), ("coordinator", 403), ("support_team", 302)])
def test_only_the_region_and_the_support_team_add_resources(category, as_role, role, status):
    response = as_role(role).post(
        "/mallette/nouvelle/",
        {"category": category.pk, "title": "Kit", "audience": "members", "is_active": "on",
         "file": SimpleUploadedFile("kit.pdf", PDF)},
    )  # fmt: skip
    assert response.status_code == status
    assert Resource.objects.filter(title="Kit").exists() == (status == 302)


@pytest.mark.django_db
def test_the_demo_mallette_holds_real_documents_written_from_the_seeds(frameworks):
    from pypdf import PdfReader

    from apps.orientation.grid import load_default_grid
    from apps.resources import demo

    load_default_grid()
    assert demo.load() >= 10
    expected = {
        "fiche-repere-1-premier-accueil": "Le premier niveau d'accueil individualisé doit permettre au bénéficiaire",
        "fiche-repere-2-grille-pre-entretien": "La personne a-t-elle un projet professionnel ?",
        "referentiel-coordination-spro": "Animer un comité de coordination d'un projet territorial",
        "fiche-mission-coordination-spro": "Planifier, organiser et animer les réunions du comité",
    }
    for slug, sentence in expected.items():
        version = Resource.objects.get(slug=slug).current_version()
        with version.file.open("rb") as handle:
            text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(handle.read())).pages)
        assert " ".join(sentence.split()) in " ".join(text.replace("’", "'").split()), slug
    assert set(Resource.objects.values_list("category__code", flat=True)) >= {
        "affiches", "fiche-mission", "fiches-reperes", "diaporamas", "kit-communication", "outils-animation",
        "charte-graphique",
    }  # fmt: skip
