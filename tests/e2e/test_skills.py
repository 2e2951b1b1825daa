"""Professionalisation in a browser: a coordinator fills part of their talent tree and asks a colleague to
endorse a skill; the colleague endorses it through the e-mailed link; the support team sees the wish count of
that skill grow and turns it into a programme session. axe-core finds no violation on the new pages."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from .helpers import login, sent_emails

pytestmark = pytest.mark.e2e

COORDINATOR = "coord-loir-et-cher@demo.spro.example"
COLLEAGUE = "ml-blaisois@demo.spro.example"
SUPPORT = "appui@demo.spro.example"
SKILL = "Animer un comité de coordination d'un projet territorial pour décider d'un plan d'action"
OTHER_SKILL = "Ecouter sans préjugé, questionner et reformuler les propos de l'autre"
NETWORK = "/professionnalisation/reseau/coordination-spro/"
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def _wish_count(page: Page) -> int:
    page.goto(NETWORK)
    row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=re.compile("IV.10. " + SKILL[:30])))
    text = row.locator("td").first.inner_text().strip()
    assert text.isdigit(), f"the demo data should put more than 4 wishes on IV.10, got {text!r}"
    return int(text)


def _no_axe_violation(page: Page, path: str) -> None:
    if path:
        page.goto(path)
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


def test_talent_tree_endorsement_and_session_from_the_most_wanted_skill(new_context):
    support = new_context().new_page()
    login(support, SUPPORT)
    wishes_before = _wish_count(support)

    # 1. The coordinator fills part of the tree: a level and a wish on IV.10, a level on another skill.
    coordinator = new_context().new_page()
    login(coordinator, COORDINATOR)
    coordinator.get_by_role("link", name="Mon arbre des talents").click()
    coordinator.get_by_role(
        "link", name="Référentiel d'une fonction de coordination territoriale SPRO", exact=True
    ).click()
    coordinator.get_by_label(f"Mon niveau : {SKILL}").select_option(label="2 — Pratique accompagnée")
    coordinator.get_by_label(f"{SKILL} : je souhaite la développer").check()
    coordinator.get_by_label(f"Mon niveau : {OTHER_SKILL}").select_option(label="4 — Transmission")
    coordinator.get_by_role("button", name="Enregistrer mon arbre").click()
    expect(coordinator.get_by_role("status")).to_contain_text("2 compétence(s) modifiée(s)")
    expect(coordinator.get_by_role("row", name=re.compile("VII. Softs skills"))).to_contain_text("1 / 29")

    # 2. An experience on IV.10, then a request for an endorsement.
    coordinator.get_by_role("link", name="0 expérience(s) ou outil(s), 0 recommandation(s) — " + SKILL).click()
    expect(coordinator.get_by_role("heading", level=1)).to_have_text(SKILL)
    coordinator.get_by_label("Titre").fill("Comité de Blois, mars 2026")
    coordinator.get_by_label("Récit ou description").fill("Un plan d'action co-construit en sous-groupes.")
    coordinator.get_by_role("button", name="Ajouter").click()
    expect(coordinator.get_by_role("heading", name="Comité de Blois, mars 2026")).to_be_visible()
    coordinator.get_by_label("Adresse e-mail professionnelle du ou de la collègue").fill(COLLEAGUE)
    coordinator.get_by_role("button", name="Envoyer la demande").click()
    expect(coordinator.get_by_role("status")).to_contain_text("La demande de recommandation est envoyée")
    request = [m for m in sent_emails() if COLLEAGUE in m["to"] and "recommandation" in m["subject"]][-1]
    link = re.search(r"https?://\S+/professionnalisation/recommandation/\S+/", request["body"]).group(0)
    path = "/" + link.split("/", 3)[3]

    # 3. The colleague endorses through the link, once.
    colleague = new_context().new_page()
    login(colleague, COLLEAGUE)
    colleague.goto(path)
    expect(colleague.get_by_role("heading", level=1)).to_contain_text("Recommander")
    _no_axe_violation(colleague, "")
    colleague.get_by_label("Un mot sur ce que vous avez vu (facultatif)").fill("Animation claire et participative.")
    colleague.get_by_role("button", name="Je recommande").click()
    expect(colleague.get_by_role("status")).to_contain_text("Merci")
    colleague.goto(path)
    expect(colleague.get_by_role("heading", level=1)).to_have_text("Ce lien ne peut plus servir")
    coordinator.reload()
    expect(coordinator.get_by_role("cell", name=re.compile("Recommandé·e le"))).to_contain_text(
        "Animation claire et participative."
    )

    # 4. The support team sees one more wish on IV.10 and creates a session from it, pre-filled.
    assert _wish_count(support) == wishes_before + 1
    row = support.get_by_role("row").filter(has=support.get_by_role("rowheader", name=re.compile("IV.10. ")))
    row.get_by_role("button", name=re.compile("Créer une session")).click()
    expect(support).to_have_url(re.compile(r"/programme/sessions/\d+/modifier/$"))
    expect(support.get_by_label("Intitulé")).to_have_value("Échanges de pratiques : " + SKILL)
    # the message, among the type-ahead's own live regions (role status too)
    expect(support.get_by_role("status").filter(has_text="créée en brouillon")).to_have_count(1)
    support.get_by_label("État").select_option(label="Publiée")
    support.get_by_role("button", name="Enregistrer").click()
    expect(support).to_have_url(re.compile(r"/programme/sessions/\d+/$"))
    expect(support.get_by_role("heading", level=1)).to_have_text("Échanges de pratiques : " + SKILL)

    # 5. The coordinator, who wishes that skill, now sees the session among their suggestions.
    coordinator.goto("/professionnalisation/")
    expect(coordinator.get_by_role("link", name="Échanges de pratiques : " + SKILL)).to_be_visible()


NEW_PAGES = [
    ("/professionnalisation/", COORDINATOR),
    ("/professionnalisation/arbre/coordination-spro/", COORDINATOR),
    ("/professionnalisation/arbre/coordination-spro/historique/", "pro-01@demo.spro.example"),
    ("/professionnalisation/ma-fiche/", COLLEAGUE),
    ("/professionnalisation/mise-en-relation/", "pro-01@demo.spro.example"),
    ("/professionnalisation/qui-fait-quoi/", COLLEAGUE),
    ("/professionnalisation/guides/loir-et-cher/", COLLEAGUE),
    ("/professionnalisation/referentiels/", SUPPORT),
    ("/professionnalisation/referentiels/coordination-spro/v1/", SUPPORT),
    ("/professionnalisation/referentiels/coordination-spro/nouvelle-version/", SUPPORT),
    ("/professionnalisation/referentiels/nouveau/", SUPPORT),
    (NETWORK, SUPPORT),
    ("/mallette/", None),
    ("/mallette/", COLLEAGUE),
    ("/mallette/ressources/fiche-repere-1-premier-accueil/", COLLEAGUE),
    ("/mallette/etat-des-lieux/", SUPPORT),
    ("/mallette/nouvelle/", SUPPORT),
    ("/mallette/ressources/fiche-repere-1-premier-accueil/nouvelle-version/", SUPPORT),
    ("/mallette/etat-des-lieux/nouveau/", SUPPORT),
]


@pytest.mark.parametrize(("path", "account"), NEW_PAGES)
def test_the_new_pages_have_no_axe_violation(new_context, path, account):
    page = new_context().new_page()
    if account:
        login(page, account)
    _no_axe_violation(page, path)


def test_a_skill_page_and_a_form_with_errors_have_no_axe_violation(new_context):
    page = new_context().new_page()
    login(page, "pro-01@demo.spro.example")
    page.goto("/professionnalisation/arbre/coordination-spro/")
    page.get_by_role("link", name=re.compile(r"expérience\(s\) ou outil\(s\)")).first.click()
    page.get_by_label("Titre").fill("Sans contenu")
    page.get_by_role("button", name="Ajouter").click()
    expect(page.get_by_role("alert")).to_contain_text("Ajoutez un récit, un lien ou un fichier")
    _no_axe_violation(page, "")
