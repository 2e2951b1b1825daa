"""Screenshots of the public search for the documentation, refreshed by every `make e2e`.

docs/screenshots/search.png: the home page with its search form; docs/screenshots/results.png: the
results of a search near Blois. Both 1280×900, taken by the same headless Chromium as the tests.
docs/screenshots/phone-place.png and phone-results.png: a place page and the results on a 390×844 phone;
docs/screenshots/map-results.png: the last results and their map (tiles blocked, as in every test).
"""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .helpers import BLOIS_SEARCH, PHONE_CONTEXT, PHONE_VIEWPORT, VIEWPORT, first_place_path, result_cards

pytestmark = pytest.mark.e2e

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _save(page: Page, name: str, viewport: dict = VIEWPORT) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    page.screenshot(path=path, animations="disabled", caret="hide")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert page.viewport_size == viewport


def test_screenshot_of_the_home_page(page: Page):
    page.goto("/")
    expect(page.get_by_role("button", name="Rechercher")).to_be_visible()
    _save(page, "search.png")


def test_screenshot_of_search_results(page: Page):
    page.goto(BLOIS_SEARCH)
    heading = page.locator("#titre-resultats")
    expect(heading).to_contain_text("Blois")
    # Show the results rather than the (already filled) form above them.
    page.evaluate("window.scrollTo(0, document.getElementById('resultats').offsetTop - 16)")
    _save(page, "results.png")


def test_screenshot_of_a_place_on_a_phone(new_context):
    page = new_context(**PHONE_CONTEXT).new_page()
    page.goto(first_place_path(page))
    expect(page.locator(".essentials").get_by_role("link", name="Y aller", exact=False)).to_be_visible()
    _save(page, "phone-place.png", PHONE_VIEWPORT)


def test_screenshot_of_results_on_a_phone(new_context):
    page = new_context(**PHONE_CONTEXT).new_page()
    page.goto(BLOIS_SEARCH)
    expect(result_cards(page).first).to_be_visible()
    result_cards(page).first.evaluate(
        "card => window.scrollTo(0, card.getBoundingClientRect().top + window.scrollY - 8)"
    )
    _save(page, "phone-results.png", PHONE_VIEWPORT)


def test_screenshot_of_the_results_map(page: Page):
    # No network in the tests: the tiles are refused and the map shows its markers on a plain background.
    page.route(lambda url: not url.startswith("http://127.0.0.1"), lambda route: route.abort())
    page.goto(BLOIS_SEARCH)
    region = page.get_by_role("region", name="Carte des lieux de cette page")
    expect(region.locator(".leaflet-marker-icon").first).to_be_visible()
    page.locator("#carte-resultats-figure").evaluate(
        "figure => window.scrollTo(0, figure.getBoundingClientRect().top + window.scrollY - 300)"
    )
    _save(page, "map-results.png")
