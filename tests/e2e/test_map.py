"""The map component in the browser: markers drawn from the page's own data while every tile request is blocked."""

import pytest
from playwright.sync_api import Page, expect

from .helpers import login

pytestmark = pytest.mark.e2e

COORDINATOR = "coord-loir-et-cher@demo.spro.example"


def block_tiles(page: Page) -> list[str]:
    """Abort every request that leaves the test server (the tiles): the page must not need them."""
    blocked: list[str] = []

    def handle(route):
        blocked.append(route.request.url)
        route.abort()

    page.route(lambda url: not url.startswith("http://127.0.0.1"), handle)
    return blocked


def test_territory_map_draws_one_marker_per_listed_place_without_tiles(page: Page):
    blocked = block_tiles(page)
    login(page, COORDINATOR)
    page.goto("/reseau/territoires/loir-et-cher/")
    rows = page.locator("#lieux-caption").locator("xpath=..").locator("tbody tr")
    map_region = page.get_by_role("region", name="Carte des lieux d'accueil du territoire")
    expect(map_region).to_be_visible()
    markers = map_region.locator(".leaflet-marker-icon")
    expect(markers).to_have_count(rows.count())
    assert rows.count() > 5
    assert any("tile" in url for url in blocked)  # the page asked for tiles, got none, and drew its markers anyway
    markers.first.focus()  # keyboard: a marker is focusable and opens its popup with Enter
    page.keyboard.press("Enter")
    expect(map_region.locator(".leaflet-popup-content a")).to_be_visible()


def test_without_javascript_the_list_stays_and_the_map_box_is_hidden(new_context):
    page = new_context(java_script_enabled=False).new_page()
    login(page, COORDINATOR)
    page.goto("/reseau/territoires/loir-et-cher/")
    expect(page.locator("#lieux-caption")).to_be_visible()
    expect(page.locator("[data-map]")).to_be_hidden()
