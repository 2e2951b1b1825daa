"""Keyboard users: the skip link comes first and takes the focus to the main content."""

import re

import pytest
from playwright.sync_api import Page, expect

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
