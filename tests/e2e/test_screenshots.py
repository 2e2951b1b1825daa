"""Screenshots of the public search for the documentation, refreshed by every `make e2e`.

docs/screenshots/search.png: the home page with its search form; docs/screenshots/results.png: the
results of a search near Blois. Both 1280×900, taken by the same headless Chromium as the tests.
"""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .helpers import BLOIS_SEARCH, VIEWPORT

pytestmark = pytest.mark.e2e

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _save(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    page.screenshot(path=path, animations="disabled", caret="hide")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert page.viewport_size == VIEWPORT


def test_screenshot_of_the_home_page(page: Page):
    page.goto("/")
    expect(page.get_by_role("button", name="Trouver un lieu")).to_be_visible()
    _save(page, "search.png")


def test_screenshot_of_search_results(page: Page):
    page.goto(BLOIS_SEARCH)
    heading = page.locator("#titre-resultats")
    expect(heading).to_contain_text("Blois")
    # Show the results rather than the (already filled) form above them.
    page.evaluate("window.scrollTo(0, document.getElementById('resultats').offsetTop - 16)")
    _save(page, "results.png")
