"""Trainings in a real browser: from the home page to an aide-soignant training near Châteauroux, its next
sessions, the schemes that may fund it for a job seeker, and a call-back request to a nearby door."""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e


def test_a_job_seeker_finds_aide_soignant_near_chateauroux_and_asks_a_door_to_call_back(page: Page):
    page.goto("/")
    page.get_by_role("link", name="Formations et métiers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Trouver une formation")
    page.get_by_label("Mots-clés").fill("aide-soignant")
    page.get_by_label("Commune ou code postal").fill("Châteauroux")
    page.get_by_text("Plus de critères").click()
    page.get_by_label("Votre situation").select_option(label="Demandeur·se d'emploi")
    page.get_by_role("button", name="Rechercher des formations").click()

    results = page.locator("#resultats")
    expect(results.get_by_role("heading", level=2)).to_contain_text("à moins de 20 km de Châteauroux")
    first = results.locator("li.card").first
    expect(first).to_contain_text("Prochaine session : du")
    expect(first).to_contain_text("même commune")  # the nearest upcoming session first
    expect(results).to_contain_text("Formation financée par la Région")

    results.get_by_role("link", name=re.compile("aide-soignant", re.IGNORECASE)).first.click()
    expect(page.get_by_role("heading", level=2, name="Prochaines sessions")).to_be_visible()
    expect(page.get_by_role("heading", level=3, name="Qui peut financer cette formation ?")).to_be_visible()
    expect(page.locator("text=Aide individuelle à la formation (AIF)").first).to_be_visible()  # job seekers only

    page.get_by_role("link", name=re.compile(r"^Être rappelé·e par ")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Être rappelé·e par "))
    need = page.get_by_label(re.compile("^Votre question en quelques mots"))
    expect(need).to_have_value(re.compile(r"^Projet de formation : "))  # the project, nothing personal
    page.get_by_label("26 à 44 ans").check()
    page.get_by_label("Prénom de la personne à rappeler").fill("Camille")
    page.get_by_label("Par téléphone").check()
    page.get_by_label("Téléphone", exact=True).fill("06 39 98 00 01")
    page.get_by_label(re.compile(r"^J'accepte que ")).check()
    page.get_by_role("button", name="Envoyer ma demande de rappel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Votre demande de rappel est envoyée")


def test_a_job_page_from_the_accent_free_search(page: Page):
    page.goto("/metiers/?q=aide soignant")
    page.get_by_role("link", name="Aide-soignant / Aide-soignante").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aide-soignant / Aide-soignante")
    page.get_by_label("Commune ou code postal").fill("36000")
    page.get_by_role("button", name="Voir pour ma situation").click()
    expect(page.get_by_text("Indiquez aussi votre situation")).to_be_visible()
    page.get_by_label("Votre situation", exact=True).select_option(label="Salarié·e du privé (CDI, CDD, intérim)")
    page.get_by_role("button", name="Voir pour ma situation").click()
    expect(page.locator("#formations-titre")).to_contain_text("près de Châteauroux")
    expect(page.get_by_role("link", name=re.compile(r"^Être rappelé·e par ")).first).to_be_visible()
