"""The support programme in the browser: a forum in Tours from its creation to its survey results.

A support-team member creates a forum with two seats; three members register (the third is put on the
waiting list); one cancels and the third gets the seat; attendance is taken; a participant answers the
survey; the results show a chart with its table. axe-core checks each main page on the way (0 violations).
The e2e server writes its e-mails to files: the test reads the promotion e-mail there.
"""

import re
from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.clock import FROZEN_NOW

from .helpers import login, sent_emails

pytestmark = pytest.mark.e2e

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
SUPPORT_EMAIL = "appui@demo.spro.example"
MEMBERS = ["ml-touraine", "cio-tours", "bij-tours"]  # demo structures of Indre-et-Loire, one account each
MEMBER_STRUCTURES = ["Mission locale Touraine", "CIO de Tours", "Bureau information jeunesse de Tours"]
FORUM_TITLE = "Forum d'interconnaissance de Tours (test de bout en bout)"


def _member_email(key: str) -> str:
    return f"{key}@demo.spro.example"


def assert_accessible(page: Page, name: str) -> None:
    page.wait_for_load_state("load")
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, f"{name} ({page.url}):\n{results.generate_report()}"


def _create_forum(page: Page) -> str:
    login(page, SUPPORT_EMAIL)
    page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Programme d'appui").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Programme d'appui aux acteurs du SPRO")
    assert_accessible(page, "calendrier (équipe d'appui)")
    page.get_by_role("link", name="Nouvelle session").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nouvelle session")
    assert_accessible(page, "nouvelle session")

    day = FROZEN_NOW.date() + timedelta(days=10)  # the server runs on the tests' fixed clock
    page.get_by_label("Type de session").select_option(label="Forum d'interconnaissance")
    page.get_by_label("Intitulé").fill(FORUM_TITLE)
    page.get_by_label("Date", exact=False).first.fill(day.isoformat())
    page.get_by_label("Heure de début").fill("13h30")
    page.get_by_label("Heure de fin").fill("17h30")
    page.get_by_label("Territoire").select_option(label="Indre-et-Loire")
    page.get_by_role("textbox", name=re.compile(r"^Adresse libre")).fill("Salle des fêtes, 37000 Tours")
    page.get_by_label("Nombre de places").fill("2")
    expect(page.get_by_label("Questionnaire de satisfaction")).to_have_value(re.compile(r"^\d+$"))
    page.get_by_role("button", name="Enregistrer").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(FORUM_TITLE)
    expect(page.get_by_role("status")).to_contain_text("est créée")
    expect(page.locator("dd").filter(has_text="2 au total")).to_be_visible()
    return re.search(r"/programme/sessions/\d+/", page.url).group(0)


def _tab(page: Page, name: str):
    return page.get_by_role("navigation", name="Gestion de la session").get_by_role("link", name=name, exact=True)


def _register(page: Page, session_path: str, key: str) -> None:
    login(page, _member_email(key))
    page.goto(session_path)
    page.get_by_role("button", name=re.compile(r"^M'inscrire")).click()


def test_forum_in_tours_registrations_waiting_list_attendance_survey_and_results(new_context):
    organiser = new_context().new_page()
    session_path = _create_forum(organiser)

    # Three members register: the first two get the seats, the third is waitlisted.
    members = [new_context().new_page() for _ in MEMBERS]
    _register(members[0], session_path, MEMBERS[0])
    assert_accessible(members[0], "session, membre inscrit")
    expect(members[0].get_by_role("status")).to_contain_text("Votre inscription est confirmée")
    _register(members[1], session_path, MEMBERS[1])
    expect(members[1].get_by_role("status")).to_contain_text("Votre inscription est confirmée")
    _register(members[2], session_path, MEMBERS[2])
    expect(members[2].get_by_role("status")).to_contain_text("liste d'attente (position 1)")
    expect(members[2].locator("#mon-inscription")).to_contain_text("Vous êtes sur la liste d'attente")
    assert_accessible(members[2], "session, membre en liste d'attente")
    # A member sees which structures take part, never the other participants' e-mails.
    expect(members[2].get_by_role("heading", name="Structures inscrites (2)")).to_be_visible()
    for key in MEMBERS[:2]:
        assert _member_email(key) not in members[2].content()
    response = members[2].goto(session_path + "inscrits/")
    assert response is not None and response.status == 403

    # The first member cancels: the third is promoted automatically.
    members[0].get_by_role("link", name="Annuler mon inscription").click()
    assert_accessible(members[0], "confirmation de désinscription")
    members[0].get_by_role("button", name="Confirmer l'annulation").click()
    expect(members[0].get_by_role("status")).to_contain_text("Votre inscription est annulée")
    members[2].goto(session_path)
    expect(members[2].locator("#mon-inscription")).to_contain_text("Votre inscription est confirmée")
    _check_promotion_email(MEMBERS[2])

    # The organiser sees the list with e-mails, exports it, and takes attendance on the day.
    organiser.goto(session_path)
    _tab(organiser, "Inscrit·es").click()
    table = organiser.get_by_role("table")
    for key in MEMBERS:
        expect(table).to_contain_text(_member_email(key))
    expect(table.get_by_role("row").filter(has_text=_member_email(MEMBERS[0]))).to_contain_text("Inscription annulée")
    expect(table.get_by_role("row").filter(has_text=_member_email(MEMBERS[2]))).to_contain_text("place libérée le")
    assert_accessible(organiser, "liste des inscrit·es")
    for suffix, content_type in [("inscrits.csv", "text/csv"), ("inscrits.xlsx", "spreadsheetml")]:
        export = organiser.request.get(session_path + suffix)
        assert export.ok and content_type in export.headers["content-type"]
    assert _member_email(MEMBERS[2]) in organiser.request.get(session_path + "inscrits.csv").text()

    _tab(organiser, "Émargement").click()
    for structure in MEMBER_STRUCTURES[1:]:
        organiser.get_by_label(re.compile(re.escape(structure))).check()
    assert_accessible(organiser, "émargement")
    organiser.get_by_role("button", name="Enregistrer les présences").click()
    expect(organiser.get_by_role("status")).to_contain_text("Présences enregistrées : 2 présent·e(s) sur 2.")
    sheet = organiser.request.get(session_path + "emargement.pdf")
    assert sheet.ok and sheet.headers["content-type"] == "application/pdf" and sheet.body().startswith(b"%PDF")

    # After the session the survey link is sent; a participant answers it anonymously, once.
    _tab(organiser, "Inscrit·es").click()
    organiser.get_by_role("button", name="Envoyer le lien du questionnaire maintenant").click()
    expect(organiser.get_by_role("status")).to_contain_text("envoyé à 2 participant·e(s)")

    participant = members[1]
    participant.goto(session_path)
    participant.get_by_role("link", name="Donner mon avis (questionnaire anonyme)").click()
    expect(participant.get_by_role("heading", level=1)).to_contain_text("Votre avis sur")
    assert_accessible(participant, "questionnaire")
    survey_url = participant.url
    groups = participant.locator("fieldset")
    groups.nth(0).get_by_label("5 — Tout à fait").check()
    groups.nth(1).get_by_label("4 — Plutôt").check()
    participant.get_by_label("Oui, plusieurs").check()
    participant.get_by_label("Le « speed dating SPRO »").check()
    groups.nth(4).get_by_label("4 — Plutôt").check()
    participant.get_by_label("Visiteur·se").check()
    participant.get_by_label("Vos suggestions pour le prochain forum").fill("Plus de temps pour les échanges.")
    participant.get_by_role("button", name="Envoyer mes réponses").click()
    expect(participant.get_by_role("heading", level=1)).to_have_text("Merci pour votre avis")
    participant.goto(survey_url)
    expect(participant.get_by_role("heading", level=1)).to_have_text("Questionnaire déjà rempli")

    # The results show a chart, with its data table.
    _tab(organiser, "Résultats du questionnaire").click()
    expect(organiser.locator("p").filter(has_text="1 réponse sur 2 personnes invitées")).to_be_visible()
    chart = organiser.get_by_role("img", name=re.compile("Diagramme en barres : réponses à la question « Globalement"))
    expect(chart).to_be_visible()
    assert chart.get_attribute("src").startswith("data:image/svg+xml;base64,")
    first_table = organiser.get_by_role("table", name=re.compile("Globalement"))
    expect(first_table.get_by_role("row").filter(has_text="5 — Tout à fait")).to_contain_text("1")
    expect(organiser.locator("p").filter(has_text="moyenne : 5,0 sur 5")).to_be_visible()
    assert_accessible(organiser, "résultats du questionnaire")


def test_programme_pages_are_accessible_and_the_seed_programme_is_browsable(page: Page):
    page.goto("/programme/programme/")
    current = page.get_by_role("region", name=re.compile(r"^Programme 2026-2027"))  # the roadmap of seed 003
    expect(current.get_by_role("heading", level=3, name=re.compile(r"^Axe \d"))).to_have_count(5)
    expect(current.get_by_role("link", name=re.compile(r"^Action \d"))).to_have_count(13)
    history = page.get_by_role("region", name=re.compile(r"^Programme 2015-2016"))  # seed 001
    expect(history.get_by_role("heading", level=3, name=re.compile(r"^Axe \d"))).to_have_count(6)
    expect(history.get_by_role("link", name=re.compile(r"^Action \d"))).to_have_count(8)
    assert_accessible(page, "axes et actions")
    history.get_by_role("link", name=re.compile("^Action 6")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Action 6")
    assert_accessible(page, "action")
    page.goto("/programme/?territoire=indre-et-loire&passees=on")
    assert_accessible(page, "calendrier filtré")
    page.goto("/programme/")
    page.get_by_role("main").get_by_role("link", name=re.compile("Forum d'interconnaissance.*Bourges")).first.click()
    assert_accessible(page, "session (visiteur)")
    login(page, SUPPORT_EMAIL)
    page.goto("/programme/questionnaires/")
    page.get_by_role("link", name=re.compile("^Résultats")).first.click()
    expect(page.get_by_role("img", name=re.compile("Diagramme en barres")).first).to_be_visible()
    assert_accessible(page, "résultats agrégés")
    page.goto("/programme/interconnaissance/")
    assert_accessible(page, "interconnaissance")


def _check_promotion_email(key: str) -> None:
    """The promoted member got an e-mail (the e2e server writes e-mails to files, see tests/e2e/conftest.py)."""
    promoted = [
        m["body"]
        for m in sent_emails()
        if m["to"] == _member_email(key) and m["subject"].startswith("Une place s'est libérée")
    ]
    assert promoted, f"no promotion e-mail to {_member_email(key)}"
    assert FORUM_TITLE in promoted[0] and "votre inscription est confirmée" in promoted[0]
