"""The closed loop of a fiche navette in the browser (seed 004: a drop-out pushes the door of the BIJ,
the Mission locale is the right second door).

The BIJ 41 officer logs a first reception without the person's commune and sends a fiche navette to the
Mission locale du Blaisois, suggested from the place of reception in Blois; a member of the Mission locale
finds it in the inbox, accepts it, fixes the first appointment (date and time), records it held, closes it
with an outcome; the sender sees every step and the outcome in its "Terminées" list; every e-mail names the
state it announces, with no personal data in it. The server's clock is fixed (tests/clock.py).
"""

import re
from pathlib import Path

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
    expect(page.get_by_label("Commune de la personne (facultatif)")).to_have_value("")  # left empty on purpose
    page.get_by_role("button", name="Enregistrer l'accueil").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Adresser la personne à la bonne porte")


def _send_referral(page: Page) -> int:
    suggestions = page.get_by_role("region", name="Portes suggérées pour cette situation")
    expect(suggestions.get_by_role("heading", level=3).first).to_contain_text("Mission locale")
    expect(suggestions).to_contain_text("BIJ 41 — Blois (Blois), lieu de l'accueil")
    expect(suggestions).not_to_contain_text("Niveau ")
    choices = suggestions.locator("li.card ul > li")
    labels = [text.rsplit(" — Choisir", 1)[0] for text in choices.all_inner_texts()]
    assert labels and len(set(labels)) == len(labels), labels  # two suggestions never read the same
    assert not any(label.startswith("BIJ 41") for label in labels)  # never the sender itself
    for label in labels:  # every place within 60 km of Blois
        distance = re.search(r"\((même commune|[\d,]+ km)\)", label).group(1)
        assert distance == "même commune" or float(distance[:-3].replace(",", ".")) <= 60, label
    assert_accessible(page, "nouvelle fiche navette")
    page.get_by_role("link", name=re.compile(rf"^Choisir {RECEIVER_NAME}, Blois")).first.click()
    # the long list is a type-ahead over the real select: the choice lands in the select
    expect(page.locator("select[name='receiver']")).to_have_value(re.compile(r"^\d+$"))
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
    expect(page.get_by_text("Souhaite reprendre une formation qualifiante.")).to_have_count(0)
    page.get_by_role("button", name="Afficher les données de la personne").click()
    expect(page.get_by_text("06 39 98 00 42")).to_be_visible()
    expect(page.get_by_text("Souhaite reprendre une formation qualifiante.")).to_be_visible()
    assert_accessible(page, "fiche navette reçue")
    page.get_by_role("button", name="Accepter", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Acceptée")
    page.get_by_label("Date du premier rendez-vous").fill("2026-12-03")
    page.get_by_label("Heure").fill("14:00")
    page.get_by_role("button", name="Fixer le rendez-vous").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Personne contactée")
    expect(page.locator("#premier-rendez-vous")).to_contain_text("jeudi 3 décembre 2026 à 14:00")
    with page.expect_download() as download:
        page.get_by_role("link", name="Ajouter à mon agenda (.ics)").click()
    assert "DTSTART;TZID=Europe/Paris:20261203T140000" in Path(download.value.path()).read_text(encoding="utf-8")
    assert_accessible(page, "fiche navette avec rendez-vous")
    page.get_by_role("button", name="Premier rendez-vous tenu", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Premier rendez-vous tenu")
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

    sender.goto("/orientation/fiches/")
    tabs = sender.get_by_role("navigation", name="Boîtes de fiches navettes")
    tabs.get_by_role("link", name=re.compile("^Terminées")).click()
    row = sender.get_by_role("row").filter(has=sender.get_by_role("link", name=f"Fiche n° {number}", exact=True))
    expect(row).to_contain_text("Clôturée")
    expect(row).to_contain_text("Accompagnement engagé")
    row.get_by_role("link", name=f"Fiche n° {number}", exact=True).click()
    expect(sender.locator("#premier-rendez-vous")).to_contain_text("jeudi 3 décembre 2026 à 14:00")
    timeline = sender.get_by_role("complementary", name="Suivi")
    for step in ["Envoyée", "Reçue", "Acceptée", "Personne contactée", "Premier rendez-vous tenu", "Clôturée"]:
        expect(timeline.get_by_text(step, exact=True)).to_be_visible()

    mails = [m for m in sent_emails() if f"n° {number}" in m["subject"]]
    assert any(m["to"] == RECEIVER and "Nouvelle fiche navette" in m["subject"] for m in mails)
    announced = [m for m in mails if m["to"] == SENDER and " : " in m["subject"]]
    states = ["Reçue", "Acceptée", "Personne contactée", "Premier rendez-vous tenu", "Clôturée"]
    # One e-mail per state (the file backend does not keep their order within a second)...
    by_subject = {m["subject"]: m["body"] for m in announced}
    assert len(announced) == len(states) and set(by_subject) == {
        f"Fiche navette n° {number} : {s.lower()}" for s in states
    }
    for state in states:  # ...and its body names the state its subject announces
        assert f"est passée à l'état : {state}." in by_subject[f"Fiche navette n° {number} : {state.lower()}"]
    assert all("Sacha" not in m["body"] and "06 39 98" not in m["body"] for m in mails)
