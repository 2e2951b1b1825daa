"""Keyboard users: the skip link, the assistant and the referral inbox, without a mouse."""

import re

import pytest
from playwright.sync_api import Page, expect

from .helpers import login

pytestmark = pytest.mark.e2e


def test_skip_link_is_first_and_moves_focus_to_main_content(page: Page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Aller au contenu")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_visible()  # visible once focused, not only to screen readers

    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#contenu$"))
    main = page.get_by_role("main")
    expect(main).to_be_focused()

    # The next Tab continues from the main content, not from the top of the page.
    page.keyboard.press("Tab")
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")


def _tab_to(page: Page, predicate_js: str, limit: int = 80) -> None:
    """Press Tab until the focused element matches (a JS expression on `el`); the focus must stay visible."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return !!({predicate_js}); }})()"):
            box = page.evaluate("document.activeElement.getBoundingClientRect().width")
            assert box > 0, "the focused element is not visible"
            return
    raise AssertionError(f"Tab never reached an element matching {predicate_js}")


def test_the_assistant_can_be_answered_with_the_keyboard_only(page: Page):
    page.goto("/quelle-porte/")
    _tab_to(page, "el.id === 'id_lieu'")
    page.keyboard.type("Blois")
    page.keyboard.press("Tab")  # into the status radio group
    for _ in range(4):
        page.keyboard.press("ArrowDown")  # arrows move and select within a radio group
    expect(page.get_by_label("Jeune sorti·e de l'école sans diplôme ni formation")).to_be_checked()
    _tab_to(page, "el.id === 'id_age'")
    page.keyboard.type("19")
    page.keyboard.press("Tab")  # into the theme radio group
    for _ in range(2):
        page.keyboard.press("ArrowDown")
    expect(page.get_by_label("Reprendre une formation après avoir arrêté l'école")).to_be_checked()
    page.keyboard.press("Enter")  # implicit submission from a form control

    expect(page.get_by_role("heading", level=2).first).to_contain_text("Mission locale")
    _tab_to(page, "el.tagName === 'A' && el.getAttribute('href').startsWith('/lieux/')")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/lieux/\d+/$"))


def test_the_referral_inbox_can_be_walked_with_the_keyboard_only(page: Page):
    login(page, "ml-blaisois@demo.spro.example")
    page.goto("/orientation/fiches/")
    _tab_to(page, "el.tagName === 'A' && el.textContent.startsWith('Terminées')")
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name=re.compile(r"^Terminées")).first).to_have_attribute("aria-current", "page")
    _tab_to(page, "el.tagName === 'A' && el.textContent.startsWith('Fiche n°')")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Fiche navette n°")
    _tab_to(page, "el.tagName === 'A' && el.textContent.trim() === 'Fiches navettes' && el.closest('nav[aria-label]')")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Fiches navettes")
