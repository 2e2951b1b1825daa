"""The public search by service, as a person looking for help near Blois would use it."""

import re

import pytest
from playwright.sync_api import Page, expect

from .helpers import result_cards

pytestmark = pytest.mark.e2e


def _search_blois_jobseeker(page: Page) -> None:
    page.goto("/")
    page.get_by_label("Commune ou code postal").fill("41000")
    page.get_by_label("Votre situation").select_option(label="Demandeur·se d'emploi")
    page.get_by_label("Votre question porte sur").select_option(label="Trouver un emploi")
    page.get_by_role("button", name="Trouver un lieu").click()


def _expect_blois_results(page: Page) -> None:
    expect(page).to_have_url(re.compile(r"/recherche/\?.*lieu=41000.*statut=demandeur-emploi.*theme=trouver-emploi"))
    heading = page.locator("#titre-resultats")
    expect(heading).to_contain_text(re.compile(r"\d+ services? à moins de \d+ km de Blois"))
    address = result_cards(page).first.locator(".meta span").filter(has_text=re.compile(r"\b\d{5}\b"))
    expect(address).to_contain_text(re.compile(r"\b41\d{3} Blois\b"))


def _open_first_result(page: Page) -> None:
    first = result_cards(page).first
    service_names = [name.strip() for name in first.locator("a[href^='/services/']").all_inner_texts()]
    assert service_names, "the first result lists no service"
    first.locator("h3 a").click()

    expect(page).to_have_url(re.compile(r"/lieux/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    expect(page.get_by_role("heading", level=1)).not_to_be_empty()
    expect(page.get_by_role("heading", name="Services proposés dans ce lieu")).to_be_visible()
    listed = page.locator(".result-list > li.card h3")
    expect(listed.first).to_be_visible()
    for name in service_names:
        expect(listed.filter(has_text=name)).not_to_have_count(0)


def test_search_by_commune_status_and_theme(page: Page):
    _search_blois_jobseeker(page)
    _expect_blois_results(page)
    _open_first_result(page)


def test_search_works_without_javascript(new_context):
    page = new_context(java_script_enabled=False).new_page()
    _search_blois_jobseeker(page)
    _expect_blois_results(page)
    _open_first_result(page)


def test_no_result_shows_the_phone_line_and_a_wider_radius(page: Page):
    page.goto("/recherche/?lieu=41000&q=zzzzzz")
    empty = page.locator(".empty-state")
    expect(empty).to_be_visible()
    expect(page.locator("#titre-resultats")).to_contain_text("Aucun service")
    expect(empty.get_by_role("link", name="0 800 222 100")).to_have_attribute("href", "tel:0800222100")
    wider = empty.get_by_role("link", name=re.compile(r"Élargir la recherche à \d+ km"))
    expect(wider).to_have_attribute("href", re.compile(r"rayon=\d+"))
    wider.click()
    expect(page).to_have_url(re.compile(r"rayon=50"))
    expect(page.locator("#titre-resultats")).to_contain_text("à moins de 50 km de Blois")


def test_commune_field_suggests_communes(page: Page):
    page.goto("/")
    field = page.get_by_label("Commune ou code postal")
    field.press_sequentially("chateaur", delay=50)
    datalist = page.locator("#" + field.get_attribute("list"))
    options = datalist.locator("option").filter(has_text="Châteauroux")
    expect(options.first).to_have_attribute("value", re.compile("Châteauroux"))
    expect(datalist.locator("option").first).to_contain_text("Châteauroux")
