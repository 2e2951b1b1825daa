"""Consultations of the public, in the browser: a coordinator writes a short questionnaire for their territory
and opens it; people answer on a tablet (768×1024, touch) through the public link, one sheet on paper is typed
in later; the results show the number of answers per question and per choice under the anonymity rules
(« < 5 », and « n.d. » for a count that subtraction from the total would give back). axe-core on each page.
Who may open what, and the rules themselves: apps/feedback/tests/test_consultations.py."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from .helpers import login
from .test_accessibility import AXE_OPTIONS

pytestmark = pytest.mark.e2e
TABLET = {"viewport": {"width": 768, "height": 1024}, "is_mobile": True, "has_touch": True}
COORDINATOR = "coord-loir-et-cher@demo.spro.example"
TITLE = "Salon de l'apprentissage de Vendôme : votre avis"
KNOWS = "Savez-vous à qui vous adresser pour vous orienter ?"
IDEA = "Qu'est-ce qui vous aiderait ?"
# What the people answer: on the tablet, then one paper sheet typed in by the coordinator.
ON_TABLET = ["Oui"] * 6 + ["Plus ou moins"] * 5
ON_PAPER = ["Non"]


def assert_accessible(page: Page) -> None:
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, f"{page.url}:\n{results.generate_report()}"


def create_consultation(page: Page) -> str:
    """From the dashboard: a new consultation of the Loir-et-Cher with two questions, opened; its public link."""
    page.goto("/compte/tableau-de-bord/")
    page.get_by_role("link", name="Consultations du public").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Consultations du public")
    assert_accessible(page)
    page.get_by_role("link", name="Nouvelle consultation").click()
    assert_accessible(page)
    page.get_by_role("button", name="Créer la consultation").click()
    expect(page.get_by_role("alert")).to_contain_text("Titre")  # the error summary names the field
    assert_accessible(page)
    page.get_by_label("Territoire").select_option(label="Loir-et-Cher")
    page.get_by_label("Titre").fill(TITLE)
    page.get_by_label("Texte d'accueil (facultatif)").fill("Deux questions, réponses anonymes.")
    page.get_by_role("button", name="Créer la consultation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)

    page.get_by_role("textbox", name=re.compile(r"^Question\b")).fill(KNOWS)
    page.get_by_label("Type de réponse").select_option(label="Choix unique dans une liste")
    page.get_by_label("Choix proposés (un par ligne)").fill("Oui\nPlus ou moins\nNon")
    page.get_by_role("button", name="Ajouter la question").click()
    expect(page.locator(".messages")).to_contain_text("Question ajoutée")
    page.get_by_role("textbox", name=re.compile(r"^Question\b")).fill(IDEA)
    page.get_by_label("Type de réponse").select_option(label="Réponse libre (courte)")
    page.get_by_role("button", name="Ajouter la question").click()
    expect(page.get_by_role("main").get_by_role("listitem").filter(has_text=IDEA)).to_have_count(1)
    assert_accessible(page)
    page.get_by_role("button", name="Ouvrir la consultation").click()
    expect(page.get_by_role("main")).to_contain_text("Ouverte")
    assert_accessible(page)
    return page.get_by_role("main").locator("a[href*='/donner-son-avis/']").first.get_attribute("href")


def answer_on_the_tablet(tablet: Page, link: str, choice: str, idea: str = "") -> None:
    tablet.goto(link)
    expect(tablet.get_by_role("heading", level=1)).to_have_text(TITLE)
    tablet.get_by_role("group", name=KNOWS).get_by_label(choice, exact=True).check()
    if idea:
        tablet.get_by_label(IDEA).fill(idea)
    tablet.get_by_role("button", name="Envoyer mes réponses").click()
    expect(tablet.get_by_role("heading", level=1)).to_have_text("Merci pour vos réponses")


def results_of(page: Page, number: int) -> dict[str, str]:
    table = page.get_by_role("table", name=re.compile(rf"Réponses à la question {number} "))
    return {
        row.get_by_role("rowheader").inner_text().strip(): row.get_by_role("cell").inner_text().strip()
        for row in table.locator("tbody tr").all()
    }


def test_a_coordinator_runs_a_consultation_answered_on_a_tablet(new_context):
    coordinator = new_context().new_page()
    login(coordinator, COORDINATOR)
    link = create_consultation(coordinator)

    tablet = new_context(**TABLET).new_page()
    tablet.goto(link)
    assert_accessible(tablet)
    assert tablet.evaluate("document.documentElement.scrollWidth") <= TABLET["viewport"]["width"]
    tablet.get_by_label(IDEA).fill("Écrivez-moi : camille@personne.example")  # personal data is refused
    tablet.get_by_role("button", name="Envoyer mes réponses").click()
    expect(tablet.get_by_role("alert")).to_contain_text("Question 2")
    assert_accessible(tablet)
    for index, choice in enumerate(ON_TABLET):
        answer_on_the_tablet(tablet, link, choice, "Un numéro unique pour tout le département" if index == 0 else "")
    assert_accessible(tablet)  # the thanks page, with its "Nouvelle réponse" button for the next person

    coordinator.reload()
    coordinator.get_by_role("link", name="Saisir des réponses papier").click()
    assert_accessible(coordinator)
    for choice in ON_PAPER:
        coordinator.get_by_role("group", name=KNOWS).get_by_label(choice, exact=True).check()
        coordinator.get_by_role("button", name="Enregistrer cette feuille").click()
        expect(coordinator.locator("body")).to_contain_text("Réponse enregistrée")
    coordinator.get_by_role("link", name=f"← {TITLE}").click()

    total = len(ON_TABLET) + len(ON_PAPER)
    expect(coordinator.get_by_role("main")).to_contain_text(f"{total} réponses dont 1 saisie depuis le papier")
    caption = coordinator.get_by_role("table", name=re.compile("Réponses à la question 1 "))
    expect(caption.locator("caption")).to_have_text(f"Réponses à la question 1 ({total} réponses)")
    # 6, 5 and 1 answers: 1 is under 5, and 12 − 6 − 5 would give it back, so the smaller other count is hidden.
    assert results_of(coordinator, 1) == {"Oui": "6", "Plus ou moins": "n.d.", "Non": "< 5"}
    expect(coordinator.get_by_role("main").get_by_role("listitem")).to_contain_text(
        ["Un numéro unique pour tout le département"]
    )
    assert_accessible(coordinator)

    coordinator.get_by_role("button", name="Clore la consultation").click()
    tablet.goto(link)
    expect(tablet.get_by_role("main")).to_contain_text("ne prend pas de réponse")
    assert_accessible(tablet)
