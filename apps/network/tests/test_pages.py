"""The Region's path through the pages, without JavaScript: convention, signatories, grant, signatures, amendment."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from apps.network.models import Convention

pytestmark = pytest.mark.django_db


def test_region_admin_runs_a_convention_through_the_pages(client, region_admin, ml_blaisois, cio_blois, cidff_41):
    client.force_login(region_admin)
    today = timezone.localdate().isoformat()
    response = client.post(reverse("network:convention_create"), {"territory": ml_blaisois.territory_id, "year": 2027})
    convention = Convention.objects.get(year=2027)
    assert response["Location"] == convention.get_absolute_url()
    client.post(
        reverse("network:signatories_add", args=[convention.pk]),
        {"structures": [ml_blaisois.pk, cio_blois.pk], "role": "member"},
    )
    client.post(
        reverse("network:grant_edit", args=[convention.pk]),
        {
            "beneficiary": ml_blaisois.pk,
            "lump_sum_cents": "8 000",
            "envelope_cents": "12 345,67",
            "voted_on": "2026-10-01",
            "balance_deadline": "2028-06-30",
        },
    )
    assert convention.grant.envelope_cents == 1_234_567
    client.post(reverse("network:convention_send", args=[convention.pk]))
    assert client.get(reverse("network:signatures", args=[convention.pk])).status_code == 200
    client.post(reverse("network:signatures", args=[convention.pk]), {"same_date": today})
    convention.refresh_from_db()
    assert convention.status == "signed"
    page = client.get(convention.get_absolute_url()).content.decode()
    assert "Forfait coordination — avance (100 %)" in page and "8\u202f000,00\u00a0€" in page
    assert "Enveloppe projets — avance (50 %)" in page and "6\u202f172,83\u00a0€" in page
    assert "Historique des modifications" in page

    response = client.post(
        reverse("network:amendment_create", args=[convention.pk]),
        {"subject": "Entrée du CIDFF", "add_structure": cidff_41.pk, "add_role": "resource_partner"},
    )
    amendment = convention.amendments.get()
    assert response["Location"] == amendment.get_absolute_url()
    client.post(reverse("network:amendment_send", args=[amendment.pk]))
    client.post(reverse("network:amendment_signatures", args=[amendment.pk]), {"same_date": today})
    page = client.get(convention.get_absolute_url()).content.decode()
    assert "CIDFF de Loir-et-Cher" in page and "avenant n° 1" in page and "Partenaire ressource" in page

    upload = SimpleUploadedFile("convention.pdf", b"%PDF-1.4 signee", content_type="application/pdf")
    client.post(reverse("network:document_upload", args=[convention.pk]), {"document": upload})
    response = client.get(reverse("network:document", args=[convention.pk]))
    assert b"".join(response.streaming_content) == b"%PDF-1.4 signee"
    bad = SimpleUploadedFile("virus.exe", b"MZ", content_type="application/octet-stream")
    response = client.post(reverse("network:document_upload", args=[convention.pk]), {"document": bad})
    assert response.status_code == 200 and "erreur" in response.content.decode()


def test_forms_show_their_errors_accessibly(client, region_admin, ml_blaisois):
    client.force_login(region_admin)
    response = client.post(reverse("network:convention_create"), {"territory": "", "year": "1900"})
    html = response.content.decode()
    assert 'role="alert"' in html and 'href="#id_territory"' in html and 'href="#id_year"' in html


@pytest.mark.parametrize(
    "name",
    ["home", "conventions", "pending", "grants", "coordinators", "regional_committee"],
)
def test_network_pages_answer(client, region_admin, name, signed_41):
    client.force_login(region_admin)
    assert client.get(reverse(f"network:{name}"), follow=True).status_code == 200


def test_public_directory_needs_no_login(client, coordinator_41):
    page = client.get(reverse("network:coordinators")).content.decode()
    assert "Manon Essai" in page and "Loir-et-Cher" in page


def test_territory_page_lists_its_places_with_their_map(client, region_admin, loir_et_cher, ml_blaisois):
    from apps.geo.models import Commune
    from tests.factories import PlaceFactory

    blois = Commune.objects.get(code="41018")
    loir_et_cher.communes.add(blois)
    inside = PlaceFactory(structure=ml_blaisois, name="Antenne de Blois", commune=blois)
    elsewhere = PlaceFactory(
        structure=ml_blaisois, name="Antenne ailleurs", commune__code="45234", commune__name="Orléans"
    )
    closed = PlaceFactory(structure=ml_blaisois, name="Antenne fermée", commune=blois, is_active=False)
    client.force_login(region_admin)
    page = client.get(reverse("network:territory", args=[loir_et_cher.code])).content.decode()
    assert "1 lieu d'accueil dans les communes du territoire" in page
    assert inside.name in page and elsewhere.name not in page and closed.name not in page
    assert f'"url": "/lieux/{inside.pk}/"' in page  # the map's markers come from the same list
