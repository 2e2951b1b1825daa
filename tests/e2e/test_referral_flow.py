"""The closed loop of a fiche navette in the browser (seed 004: a drop-out pushes the door of the BIJ,
the Mission locale is the right second door).

The BIJ 41 officer logs a first reception and sends a fiche navette to the Mission locale du Blaisois; a member
of the Mission locale finds it in the inbox, accepts it, records the contact and the first appointment, closes
it; the sender sees every step; e-mails went to both sides with no personal data in them.
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from .helpers import login, sent_emails

pytestmark = pytest.mark.e2e

SENDER = "bij-41@demo.spro.example"
RECEIVER = "ml-blaisois@demo.spro.example"
RECEIVER_NAME = "Mission locale du Blaisois"
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def assert_accessible(page: Page, name: str) -> None:
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, f"{name}:\n{results.generate_report()}"


def _log_reception(page: Page) -> None:
    page.goto("/orientation/accueils/nouveau/")
    assert_accessible(page, "premier accueil")
    page.get_by_label("Sur place").check()
    page.get_by_label("Information donnée").check()
    page.get_by_label("Réorientation vers un partenaire (fiche navette)").check()
    page.get_by_label("16 à 25 ans").check()
    page.get_by_label("Situation").select_option(label="Jeune sorti·e de l'école sans diplôme ni formation")
    page.get_by_label("Reprendre une formation après avoir arrêté l'école").check()
    page.get_by_label("Commune de la personne (facultatif)").fill("41000")
    page.get_by_role("button", name="Enregistrer l'accueil").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Adresser la personne à la bonne porte")


def _send_referral(page: Page) -> int:
    suggestions = page.get_by_role("region", name="Portes suggérées pour cette situation")
    expect(suggestions.get_by_role("heading", level=3).first).to_contain_text("Mission locale")
    assert_accessible(page, "nouvelle fiche navette")
    page.get_by_role("link", name=f"Choisir {RECEIVER_NAME}").first.click()
    expect(page.get_by_label("Structure à qui adresser la personne")).to_have_value(re.compile(r"^\d+$"))
    page.get_by_label("Besoin exprimé (facultatif)").fill("Souhaite reprendre une formation qualifiante.")
    page.get_by_label("La personne a été informée et accepte").check()
    page.get_by_label("La personne accepte que ses coordonnées soient transmises").check()
    page.get_by_label("Prénom").fill("Sacha")
    page.get_by_label("Être contacté·e par").select_option(label="Téléphone")
    page.get_by_label("Téléphone", exact=True).fill("06 39 98 00 42")
    page.get_by_role("button", name="Envoyer la fiche navette").click()
    expect(page.get_by_role("status")).to_contain_text(f"envoyée à {RECEIVER_NAME}")
    return int(re.search(r"/orientation/fiches/(\d+)/", page.url).group(1))


def _handle_as_receiver(page: Page, number: int) -> None:
    page.goto("/orientation/fiches/")
    assert_accessible(page, "boîte des fiches navettes")
    page.get_by_role("link", name=f"Fiche n° {number}", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Reçue")
    page.get_by_role("button", name="Afficher les coordonnées").click()
    expect(page.get_by_text("06 39 98 00 42")).to_be_visible()
    assert_accessible(page, "fiche navette reçue")
    for button, state in [
        ("Accepter", "Acceptée"),
        ("Personne contactée", "Personne contactée"),
        ("Premier rendez-vous tenu", "Premier rendez-vous tenu"),
    ]:
        page.get_by_role("button", name=button, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(state)
    page.get_by_label("Issue").select_option(label="Accompagnement engagé")
    page.get_by_role("button", name="Clôturer la fiche").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Clôturée")


def test_a_fiche_navette_from_first_reception_to_closed_loop(new_context):
    sender = new_context().new_page()
    login(sender, SENDER)
    _log_reception(sender)
    number = _send_referral(sender)

    receiver = new_context().new_page()
    login(receiver, RECEIVER)
    _handle_as_receiver(receiver, number)

    sender.goto(f"/orientation/fiches/{number}/")
    timeline = sender.get_by_role("complementary", name="Suivi")
    for step in ["Envoyée", "Reçue", "Acceptée", "Personne contactée", "Premier rendez-vous tenu", "Clôturée"]:
        expect(timeline.get_by_text(step, exact=True)).to_be_visible()

    mails = [m for m in sent_emails() if f"n° {number}" in m["subject"]]
    assert any(m["to"] == RECEIVER and "Nouvelle fiche navette" in m["subject"] for m in mails)
    sender_steps = [m["subject"] for m in mails if m["to"] == SENDER]
    assert len(sender_steps) >= 5, sender_steps  # acknowledgement, received, accepted, contacted, appointment, closed
    assert all("Sacha" not in m["body"] and "06 39 98" not in m["body"] for m in mails)
