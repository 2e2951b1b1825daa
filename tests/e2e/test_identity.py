"""The platform's identity in a browser: its icons load on every page, and a printed place, fiche navette
or programme session looks intended (no menu, no buttons, no forms; links leading outside show their address)."""

import re

import pytest
from playwright.sync_api import Page, expect

from .helpers import first_place_path, login

pytestmark = pytest.mark.e2e


def test_the_icons_and_the_manifest_load(page: Page):
    missing = []
    page.on("response", lambda r: missing.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto("/")
    for selector in ["link[rel=icon]", "link[rel=apple-touch-icon]", "link[rel=manifest]"]:
        for href in [link.get_attribute("href") for link in page.locator(selector).all()]:
            response = page.request.get(href)
            assert response.ok, f"{selector}: {href} answered {response.status}"
    expect(page.get_by_role("banner").locator("img.brand-mark")).to_have_js_property("complete", True)
    assert page.get_by_role("banner").locator("img.brand-mark").evaluate("img => img.naturalWidth") > 0
    assert missing == []


def _assert_printed_as_intended(page: Page) -> None:
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Menu principal")).to_be_hidden()
    for button in page.locator("main button, main .button").all():
        expect(button).to_be_hidden()
    for form in page.locator("main form[method=post]").all():
        expect(form).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_a_printed_place_page_keeps_its_address_and_hours(page: Page):
    page.goto(first_place_path(page))
    _assert_printed_as_intended(page)
    expect(page.locator(".place-address")).to_be_visible()
    expect(page.locator(".hours li").first).to_be_visible()
    map_link = page.get_by_role("link", name=re.compile(r"^Voir sur une carte"))
    after = map_link.evaluate("link => getComputedStyle(link, '::after').content")
    assert "openstreetmap.org" in after, after


def test_a_printed_fiche_navette_keeps_its_facts_and_follow_up(page: Page):
    login(page)
    page.goto("/orientation/fiches/?boite=terminees")
    page.locator("a[href^='/orientation/fiches/']").filter(has_text="Fiche n°").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Fiche navette n°")
    _assert_printed_as_intended(page)
    expect(page.get_by_role("heading", name="Suivi")).to_be_visible()


def test_a_printed_programme_session_keeps_its_date_and_place(page: Page):
    login(page)
    page.goto("/programme/")
    page.get_by_role("main").locator("a[href^='/programme/sessions/']").first.click()
    expect(page).to_have_url(re.compile(r"/programme/sessions/\d+/$"))
    _assert_printed_as_intended(page)
    expect(page.get_by_role("heading", name="Infos pratiques")).to_be_visible()
