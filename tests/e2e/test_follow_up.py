"""The person's voice, in the browser: a person answers the follow-up from the e-mail link on a phone
(390×844), then the Région reads the territory's count of answers go up by one once the 5-minute refresh has
run. axe-core on the new
public pages (follow-up, "Cette page vous a aidé ?"). Without JavaScript and the consultations: unit tests
(apps/feedback/tests)."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from .helpers import login, sent_emails
from .test_accessibility import AXE_OPTIONS

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}
REGION_EMAIL = "admin@demo.spro.example"
PERSON_EMAIL = "camille.suivi@personne.example"  # the fictional person of apps/feedback/demo.py
TERRITORY = "/indicateurs/territoires/loir-et-cher/"
ANSWERS_LABEL = "Réponses au suivi des personnes"


def phone_page(new_context) -> Page:
    page = new_context(is_mobile=True, has_touch=True).new_page()
    page.set_viewport_size(PHONE)
    return page


def assert_accessible(page: Page) -> None:
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, f"{page.url}:\n{results.generate_report()}"


def answers_shown(page: Page) -> int:
    """The territory's « Réponses au suivi des personnes » as the Région reads it (a number: the demo holds
    answers of this year for the territory, well above the small-count threshold)."""
    page.goto(TERRITORY + "?rubrique=voice")
    item = page.locator("li", has=page.locator(".key-label", has_text=ANSWERS_LABEL)).first
    text = item.locator(".key-value").inner_text().strip()
    assert re.fullmatch(r"\d[\d\u202f\u00a0 ]*", text), f"{ANSWERS_LABEL}: « {text} » is not a number"
    return int(re.sub(r"\D", "", text))


def follow_up_link() -> str:
    mails = [m for m in sent_emails() if PERSON_EMAIL in m["to"]]
    assert len(mails) == 1, mails
    assert "Camille" not in mails[0]["body"]  # no personal data in the message
    return re.search(r"https?://\S+(/suivi/\S+/)", mails[0]["body"]).group(1)


def test_a_person_answers_on_a_phone_and_the_region_sees_it(new_context, manage_on_server):
    region = new_context().new_page()
    login(region, REGION_EMAIL)
    before = answers_shown(region)
    assert before >= 5

    manage_on_server("send_follow_ups")  # the scheduled job: the demo fiche ended 23 days ago
    link = follow_up_link()

    phone = phone_page(new_context)
    phone.goto(link)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Votre demande d'orientation : 4 questions")
    assert_accessible(phone)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways scrolling
    phone.get_by_role("button", name="Envoyer mes réponses").click()
    expect(phone.get_by_role("alert")).to_contain_text("Question 1, une réponse : cochez une réponse.")
    assert_accessible(phone)
    phone.get_by_label("Oui", exact=True).first.check()
    phone.get_by_label("Oui, c'était le bon endroit").check()
    phone.get_by_label("Je suis accompagné·e (rendez-vous, suivi)").check()
    phone.get_by_role("group", name="Conseilleriez-vous ce service à un·e proche ?").get_by_label("Oui").check()
    phone.get_by_role("button", name="Envoyer mes réponses").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Merci pour vos réponses")
    assert_accessible(phone)
    phone.goto(link)  # single use
    expect(phone.get_by_role("heading", level=1)).to_have_text("Lien non valable")

    manage_on_server("refresh_indicators", "--mois-en-cours")  # the 5-minute job: the page never recomputes
    assert answers_shown(region) == before + 1


def test_a_page_rating_and_its_comment_on_a_phone(new_context):
    page = phone_page(new_context)
    page.goto("/quelle-porte/?lieu=41000&statut=demandeur-emploi&age=30&theme=trouver-emploi")
    box = page.locator("#avis")
    expect(box).to_contain_text("Cette page vous a aidé ?")
    assert_accessible(page)
    box.get_by_role("button", name="Oui").click()  # htmx swaps the box in place
    expect(page.locator("#avis")).to_contain_text("Merci, votre avis est compté")
    page.get_by_label("Un commentaire ? (facultatif)").fill("Appelez-moi au 06 12 34 56 78")
    page.get_by_role("button", name="Envoyer le commentaire").click()
    expect(page.locator("#avis")).to_contain_text("Commentaire : retirez un numéro de téléphone.")
    assert_accessible(page)
    page.get_by_label("Un commentaire ? (facultatif)").fill("Les portes proposées sont claires.")
    page.get_by_role("button", name="Envoyer le commentaire").click()
    expect(page.locator("#avis")).to_contain_text("Merci pour votre commentaire")
