"""Indicators in the browser: a coordinator's dashboard and XLSX export, the CREFOP synthesis, axe-core."""

import io
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from openpyxl import load_workbook
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from .helpers import MEMBER_SLUG, login

pytestmark = pytest.mark.e2e

COORDINATOR_EMAIL = "coord-loir-et-cher@demo.spro.example"  # demo coordinator of the Loir-et-Cher territory
ADMIN_EMAIL = "admin@demo.spro.example"
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def _current_year(page: Page) -> str:
    """The most recent civil year offered by the period filter (the demo activity covers the last 12 months)."""
    options = page.get_by_label("Période", exact=True).locator("option").all_inner_texts()
    return next(re.search(r"\d{4}", text).group(0) for text in options if text.startswith("Année"))


def test_coordinator_filters_their_dashboard_by_year_and_downloads_xlsx(page: Page):
    login(page, COORDINATOR_EMAIL)
    page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Indicateurs").click()
    page.get_by_role("link", name="Loir-et-Cher").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Indicateurs — Territoire Loir-et-Cher")

    year = _current_year(page)
    page.get_by_label("Période", exact=True).select_option(label=f"Année {year}")
    page.get_by_role("button", name="Afficher les indicateurs").click()
    expect(page).to_have_url(re.compile(rf"periode={year}"))
    expect(page.locator("p.lead")).to_contain_text(f"année {year}")
    expect(page.get_by_role("heading", name="Captation des publics")).to_be_visible()
    expect(page.get_by_role("table", name="Premiers accueils par canal")).to_be_visible()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Télécharger en XLSX").click()
    download = download_info.value
    assert download.suggested_filename == f"spro-indicateurs-territoire-loir-et-cher-{year}-01_{year}-12.xlsx"
    workbook = load_workbook(io.BytesIO(Path(download.path()).read_bytes()))
    readme = {row[0]: row[1] for row in workbook["Lisez-moi"].iter_rows(values_only=True) if row[0]}
    assert readme["Période"] == f"année {year}"
    assert readme["Périmètre"] == "Territoire Loir-et-Cher"
    assert "Premiers accueils par canal" in workbook.sheetnames

    # Another territory is off limits, page and export.
    response = page.goto("/indicateurs/territoires/cher/")
    assert response is not None and response.status == 403
    response = page.request.get("/indicateurs/territoires/cher/export.xlsx")
    assert response.status == 403


def test_region_admin_downloads_the_crefop_synthesis_pdf(page: Page):
    login(page, ADMIN_EMAIL)
    page.goto("/indicateurs/region/")
    expect(page.get_by_role("heading", name="Les territoires côte à côte", exact=True)).to_be_visible()
    page.get_by_role("link", name="Synthèse pour le CREFOP (PDF)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Synthèse régionale pour le CREFOP")
    page.get_by_label("Conclusion et perspectives").fill("Poursuivre les forums d'interconnaissance.")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Télécharger la synthèse (PDF)").click()
    download = download_info.value
    assert download.suggested_filename.startswith("spro-synthese-crefop-")
    reader = PdfReader(download.path())
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "Synthèse régionale pour le CREFOP" in text
    assert "Les territoires côte à côte" in text
    assert "Captation des publics" in text and "Aiguillage vers la 2e porte" in text
    assert "Poursuivre les forums d'interconnaissance." in text
    assert re.search(r"\d[\d\u202f ]* premiers accueils ont été enregistrés", text)


PAGES = [
    ("comment nous mesurons", "/indicateurs/methode/", None),
    ("données ouvertes", "/indicateurs/donnees-ouvertes/", None),
    ("mes indicateurs", "/indicateurs/", ADMIN_EMAIL),
    ("tableau de bord régional", "/indicateurs/region/", ADMIN_EMAIL),
    (
        "tableau de bord régional, filtre en erreur",
        "/indicateurs/region/?periode=personnalisee&debut=2026-05",
        ADMIN_EMAIL,
    ),
    ("tableau de bord d'un territoire", "/indicateurs/territoires/loir-et-cher/", COORDINATOR_EMAIL),
    ("tableau de bord d'une structure", f"/indicateurs/structures/{MEMBER_SLUG}/", None),
    ("synthèse CREFOP", "/indicateurs/region/synthese-crefop/", ADMIN_EMAIL),
]


@pytest.mark.parametrize(("name", "path", "email"), PAGES, ids=[name for name, _, _ in PAGES])
def test_indicator_pages_have_no_axe_violation(page: Page, name, path, email):
    if path.startswith("/indicateurs/structures/"):
        login(page)  # a member of that structure
    elif email:
        login(page, email)
    response = page.goto(path)
    assert response is not None and response.status == 200, f"{path} answered {response and response.status}"
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, f"{name} ({path}):\n{results.generate_report()}"
