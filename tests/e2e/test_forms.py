"""Forms in a real browser: after a failed submit the focus moves to the error summary (static/js/forms.js).

Covered: a public form submitted by a full page load (the assistant), the search whose results htmx swaps
in, and a professional's form (a place of the member's structure).
"""

import re

import pytest
from playwright.sync_api import Page, expect

from .helpers import login, own_place_edit_path

pytestmark = pytest.mark.e2e

SUMMARY = "[data-error-summary]"


def test_a_failed_submit_moves_the_focus_to_the_error_summary(page: Page):
    page.goto("/quelle-porte/")
    page.get_by_role("button", name="Voir les portes qui me correspondent").click()
    summary = page.locator(SUMMARY)
    expect(summary).to_be_focused()
    expect(summary).to_have_attribute("role", "alert")
    expect(summary.get_by_role("link")).to_have_count(4)
    summary.get_by_role("link", name=re.compile(r"^Question 1")).click()
    expect(page.get_by_label("Commune ou code postal")).to_be_focused()


def test_the_focus_moves_to_the_summary_when_htmx_swaps_it_in(page: Page):
    page.goto("/")
    page.get_by_label("Commune ou code postal").fill("Nullepartville")
    page.get_by_role("button", name="Trouver un lieu").click()
    summary = page.locator(f"#resultats {SUMMARY}")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Nullepartville")
    expect(page).to_have_url(re.compile(r"/recherche/\?"))  # swapped by htmx, not a new page from the form's own load


def test_a_professional_form_moves_the_focus_to_its_summary_too(page: Page):
    login(page)
    page.goto(own_place_edit_path(page))
    page.get_by_label("Horaires d'ouverture").fill("tous les jours")
    page.get_by_role("button", name="Enregistrer").click()
    summary = page.locator(SUMMARY)
    expect(summary).to_be_focused()
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("Horaires d'ouverture")).to_be_focused()


def test_without_javascript_the_summary_is_still_there(new_context):
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/quelle-porte/")
    page.get_by_role("button", name="Voir les portes qui me correspondent").click()
    expect(page.locator(SUMMARY)).to_contain_text("4 réponses sont à corriger")


SUPPORT = "appui@demo.spro.example"
NEW_SESSION = "/programme/sessions/nouvelle/"


def test_a_long_drop_down_gets_an_accessible_type_ahead(page: Page):
    login(page, SUPPORT)
    page.goto(NEW_SESSION)
    box = page.get_by_role("combobox", name=re.compile(r"^Lieu"))
    expect(box).to_have_attribute("aria-autocomplete", re.compile(r"^(list|both)$"))
    box.fill("Blaisois")
    options = page.locator("#id_place__listbox").get_by_role("option")
    expect(options.first).to_contain_text("Blaisois")
    count = options.count()
    assert 0 < count < 20  # the 300 places are filtered by what was typed
    page.keyboard.press("ArrowDown")  # as a person does: the keys go where the focus is
    page.keyboard.press("Enter")
    expect(box).to_be_focused()  # the focus comes back to the field once a match is chosen
    expect(box).to_have_value(re.compile("Blaisois"))
    chosen = page.locator("select[name='place']").evaluate("s => s.options[s.selectedIndex].text")
    assert "Blaisois" in chosen  # the form posts the same select as without JavaScript


def test_without_javascript_the_long_drop_down_is_a_plain_select(new_context):
    page = new_context(java_script_enabled=False).new_page()
    login(page, SUPPORT)
    page.goto(NEW_SESSION)
    select = page.locator("select[name='place']")
    expect(select).to_be_visible()
    assert select.locator("option").count() > 25
