"""A coordinator opens the Dreux panorama, sees the communes furthest from a Mission locale on the map and in a
table, and downloads the PDF for the committee."""

import re

import pytest
from playwright.sync_api import Page, expect

from .helpers import login
from .test_map import block_tiles

pytestmark = pytest.mark.e2e

COORDINATOR = "coord-dreux@demo.spro.example"


def test_coordinator_reads_the_dreux_panorama_and_downloads_its_pdf(page: Page):
    block_tiles(page)
    login(page, COORDINATOR)
    page.get_by_role("link", name="Panoramas des territoires").click()
    page.get_by_role("link", name="Panorama du territoire Dreux").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Panorama du territoire Dreux")

    table = page.locator("#communes-eloignees")
    expect(table.locator("caption")).to_contain_text("les plus éloignées d'un lieu Mission locale")
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(10)
    distances = [
        float(re.sub(r"[^\d,]", "", text).replace(",", "."))
        for text in rows.locator("td:nth-child(3)").all_inner_texts()
    ]
    assert distances == sorted(distances, reverse=True) and distances[0] > 10

    map_region = page.get_by_role("region", name="Carte : distance de chaque commune au lieu le plus proche")
    expect(map_region).to_be_visible()
    communes_figure = page.locator(".key-figures li").filter(
        has=page.locator(".key-label", has_text=re.compile(r"^Communes$"))
    )
    communes = int(communes_figure.locator(".key-value").inner_text().replace("\u202f", "").replace(" ", ""))
    expect(map_region.locator("path.map__point")).to_have_count(communes)
    furthest = rows.first.locator("th").inner_text()
    expect(page.locator(".map__legend")).to_contain_text("plus de 30 km")
    # The map's data names the same furthest commune as the table.
    labels = page.evaluate("JSON.parse(document.getElementById('carte-couverture-data').textContent).map(m => m.label)")
    assert furthest in labels

    with page.expect_download(timeout=90_000) as info:  # weasyprint renders the PDF on the server: allow a slow machine
        page.get_by_role("link", name="Télécharger le panorama (PDF)").click(no_wait_after=True)
    download = info.value
    assert re.fullmatch(r"panorama-dreux-\d{4}-\d{2}\.pdf", download.suggested_filename)
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
