""" "Quelle porte pour moi ?" in a real browser: the SPRO seed situations, the call-back request, axe-core."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from .helpers import login

pytestmark = pytest.mark.e2e

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
PHONE = {"width": 360, "height": 800}
REGION_ADMIN = "admin@demo.spro.example"
BLOIS_YOUTH = "/quelle-porte/?lieu=41000&statut=jeune-sans-solution&age=19&theme=reprendre-formation"

# (commune, situation, age, question, expected first door)
SEED_SITUATIONS = [
    pytest.param(
        "41000",
        "Jeune sorti·e de l'école sans diplôme ni formation",
        "19",
        "Reprendre une formation après avoir arrêté l'école",
        r"^1\. Mission locale$",
        id="décrocheur à Blois",
    ),
    pytest.param(
        "Tours",
        "Salarié·e du privé (CDI, CDD, intérim)",
        "24",
        "Changer de métier, se reconvertir",
        r"^1\. (Conseil en évolution professionnelle|Transitions Pro)",
        id="salariée en CDD à Tours",
    ),
    pytest.param(
        "45000",
        "Lycéen·ne",
        "16",
        "Choisir une orientation, des études, une formation",
        r"^1\. Centre d'information et d'orientation \(CIO\)$",
        id="lycéen à Orléans",
    ),
]


def answer(page: Page, commune: str, situation: str, age: str, question: str) -> None:
    page.goto("/quelle-porte/")
    page.get_by_label("Commune ou code postal").fill(commune)
    page.get_by_label(situation, exact=True).check()
    page.get_by_label("Votre âge (en années)").fill(age)
    page.get_by_label(question, exact=True).check()
    page.get_by_role("button", name="Voir les portes qui me correspondent").click()


def door_headings(page: Page):
    return page.locator("section.door h2")


def check_axe(page: Page, name: str) -> None:
    page.wait_for_load_state("load")
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, f"{name} ({page.url}):\n{results.generate_report()}"


@pytest.mark.parametrize(("commune", "situation", "age", "question", "first_door"), SEED_SITUATIONS)
def test_seed_situations_find_their_first_door(page: Page, commune, situation, age, question, first_door):
    answer(page, commune, situation, age, question)
    expect(page).to_have_url(re.compile(r"/quelle-porte/\?.*statut="))
    expect(page.get_by_role("heading", level=1)).to_have_text("Vos portes d'entrée")
    expect(door_headings(page).first).to_have_text(re.compile(first_door))
    expect(page.get_by_text("Vous avez déjà un·e conseiller·ère")).to_be_visible()


def test_young_employee_sees_both_cep_and_transitions_pro(page: Page):
    answer(page, "Tours", "Salarié·e du privé (CDI, CDD, intérim)", "24", "Évoluer dans son emploi")
    expect(door_headings(page).filter(has_text="Conseil en évolution professionnelle")).to_have_count(1)
    expect(door_headings(page).filter(has_text="Transitions Pro")).to_have_count(1)


def test_the_assistant_works_without_javascript_and_back_keeps_answers(new_context):
    page = new_context(java_script_enabled=False).new_page()
    answer(page, "41000", "Jeune sorti·e de l'école sans diplôme ni formation", "19", "Trouver un emploi")
    expect(door_headings(page).first).to_have_text("1. Mission locale")
    page.get_by_role("link", name="Modifier mes réponses").first.click()
    expect(page.get_by_label("Commune ou code postal")).to_have_value("41000")
    expect(page.get_by_label("Trouver un emploi", exact=True)).to_be_checked()


def test_errors_are_summarised_and_link_to_the_questions(page: Page):
    page.goto("/quelle-porte/")
    page.get_by_role("button", name="Voir les portes qui me correspondent").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("4 réponses sont à corriger")
    summary.get_by_role("link", name=re.compile(r"^Question 3, votre âge")).click()
    expect(page.get_by_label("Votre âge (en années)")).to_be_focused()


def test_call_back_request_from_the_result_page(page: Page):
    page.goto(BLOIS_YOUTH)
    page.get_by_role("link", name=re.compile(r"^Être rappelé·e par cette structure")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Être rappelé·e par "))
    expect(page.get_by_label("16 à 25 ans")).to_be_checked()  # carried over from the assistant
    page.get_by_label("Prénom de la personne à rappeler").fill("Sacha")
    page.get_by_label("Par téléphone").check()
    page.get_by_label("Téléphone", exact=True).fill("06 11 22 33 44")
    page.get_by_label(re.compile(r"^J'accepte que ")).check()
    page.get_by_role("button", name="Envoyer ma demande de rappel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Votre demande de rappel est envoyée")
    # The server's clock is fixed (tests/clock.py): 5 working days after Thursday 26 November 2026.
    # Playwright runs the pattern as a JavaScript regex, where \w misses accented letters ("décembre").
    expect(page.get_by_role("status").filter(has_text="avant le")).to_contain_text("avant le jeudi 3 décembre 2026")


def test_under_15_are_asked_for_a_parent(page: Page):
    page.goto("/quelle-porte/?lieu=Blois&statut=collegien&age=13&theme=choisir-orientation")
    expect(page.get_by_text("Vous avez moins de 15 ans")).to_be_visible()
    page.get_by_role("link", name=re.compile(r"^Être rappelé·e par cette structure")).first.click()
    page.get_by_label("Prénom de la personne à rappeler").fill("Lina")
    page.get_by_label("Par e-mail", exact=True).check()
    page.get_by_label("Adresse e-mail").fill("lina.fictive@exemple.fr")
    page.get_by_label(re.compile(r"^J'accepte que ")).check()
    page.get_by_role("button", name="Envoyer ma demande de rappel").click()
    expect(page.get_by_role("alert")).to_contain_text("un parent ou votre responsable légal")


@pytest.mark.parametrize(
    "path",
    ["/quelle-porte/", BLOIS_YOUTH],
    ids=["formulaire", "résultats"],
)
def test_fits_a_360_px_phone(page: Page, path):
    page.set_viewport_size(PHONE)
    page.goto(path)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def _callback_form(page: Page) -> None:
    page.goto(BLOIS_YOUTH)
    page.get_by_role("link", name=re.compile(r"^Être rappelé·e par cette structure")).first.click()


def _callback_form_with_errors(page: Page) -> None:
    _callback_form(page)
    page.get_by_role("button", name="Envoyer ma demande de rappel").click()
    page.get_by_role("alert").wait_for()


AXE_PAGES = [
    ("formulaire", lambda page: page.goto("/quelle-porte/")),
    ("formulaire avec erreurs", lambda page: page.goto("/quelle-porte/?lieu=Nullepartville&age=5")),
    ("résultats", lambda page: page.goto(BLOIS_YOUTH)),
    ("résultats avec handicap", lambda page: page.goto(BLOIS_YOUTH.replace("age=19", "age=30") + "&handicap=on")),
    ("rappel", _callback_form),
    ("rappel avec erreurs", _callback_form_with_errors),
]


@pytest.mark.parametrize(("name", "open_page"), AXE_PAGES, ids=[name for name, _ in AXE_PAGES])
def test_no_axe_violation(page: Page, name, open_page):
    open_page(page)
    check_axe(page, name)
    page.set_viewport_size(PHONE)
    check_axe(page, f"{name}, 360 px")


def _rule_form_with_errors(page: Page) -> None:
    page.goto("/orientation/regles/brouillon/nouvelle/")
    page.get_by_label("Âge minimum").fill("30")
    page.get_by_label("Âge maximum").fill("20")
    page.get_by_label("Poids").fill("500")
    page.get_by_role("button", name="Enregistrer dans le brouillon").click()
    page.get_by_role("alert").wait_for()


def _toggle_first_rule(page: Page) -> None:
    page.goto("/orientation/regles/")
    page.get_by_role("link", name=re.compile(r"^Désactiver dans le brouillon la règle")).first.click()


RULES_PAGES = [
    ("règles", lambda page: page.goto("/orientation/regles/")),
    ("règles, essai", lambda page: page.goto("/orientation/regles/?age=16&statut=lyceen&theme=&lieu=45000")),
    ("nouvelle règle", lambda page: page.goto("/orientation/regles/brouillon/nouvelle/")),
    ("nouvelle règle, erreurs", _rule_form_with_errors),
    ("désactiver une règle", _toggle_first_rule),
]


@pytest.mark.parametrize(("name", "open_page"), RULES_PAGES, ids=[name for name, _ in RULES_PAGES])
def test_rules_pages_have_no_axe_violation(page: Page, name, open_page):
    login(page, REGION_ADMIN)
    open_page(page)
    check_axe(page, name)


def test_region_admin_tries_a_seed_situation(page: Page):
    login(page, REGION_ADMIN)
    page.get_by_role("link", name="Règles d'aiguillage").click()
    page.get_by_label("Âge").fill("19")
    page.get_by_label("Situation", exact=True).select_option("jeune-sans-solution")
    page.get_by_label("Commune ou code postal").fill("41000")
    page.get_by_role("button", name="Voir les portes").click()
    first = page.get_by_role("list", name="Portes proposées").get_by_role("listitem").first
    expect(first.get_by_role("heading")).to_have_text("1. Mission locale")
    expect(first).to_contain_text("Règle : Jeune de 16 à 25 ans sorti de l'école sans solution")
