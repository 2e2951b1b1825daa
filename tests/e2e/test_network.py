"""Network governance in the browser: the Region's convention of the year, the coordinator's committee,
action plan and annual report (downloaded as a PDF and read), the wall between territories, and axe-core
on the governance pages."""

import io
import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.clock import FROZEN_NOW

from .helpers import login

pytestmark = pytest.mark.e2e

ADMIN = "admin@demo.spro.example"
COORDINATOR_41 = "coord-loir-et-cher@demo.spro.example"
COORDINATOR_18 = "coord-cher@demo.spro.example"
TODAY = FROZEN_NOW.date()  # the server runs on the tests' fixed clock
YEAR = TODAY.year
NEW_YEAR = 2027 if YEAR < 2027 else YEAR + 1  # a year without a convention in the demo data
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def _h1(page: Page):
    return page.get_by_role("heading", level=1)


def _save(page: Page) -> None:
    page.get_by_role("button", name="Enregistrer", exact=True).click()


def _region_creates_and_signs_the_convention(page: Page) -> str:
    login(page, ADMIN)
    page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Réseau", exact=True).click()
    expect(_h1(page)).to_have_text("Gouvernance du réseau")
    page.get_by_role("link", name="Nouvelle convention").first.click()
    page.get_by_label("Territoire SPRO").select_option(label="Loir-et-Cher")
    page.get_by_label("Année civile").fill(str(NEW_YEAR))
    _save(page)
    expect(_h1(page)).to_have_text(f"Convention SPRO Loir-et-Cher {NEW_YEAR}")
    expect(page.locator("#etat-convention")).to_have_text("Brouillon")
    convention_url = page.url

    # signatories from the directory
    page.get_by_role("link", name="Ajouter des signataires").click()
    local = page.get_by_role("group", name="Structures du territoire")
    for name in ["Mission locale du Blaisois", "CIO de Blois", "France Travail Blois", "BIJ 41"]:
        local.get_by_label(name, exact=True).check()
    expect(page.get_by_role("radio", name="Membre")).to_be_checked()
    _save(page)
    expect(page.get_by_role("status")).to_contain_text("4 signataires ajoutés")

    # the grant voted by the standing committee, with odd cents
    page.get_by_role("link", name="Saisir la subvention").click()
    page.get_by_label("Structure bénéficiaire").select_option(label="Mission locale du Blaisois")
    page.get_by_label("Forfait coordination").fill("8 000")
    page.get_by_label("Enveloppe projets").fill("12 345,67")
    page.get_by_label("Votée en commission permanente le").fill((TODAY - timedelta(days=30)).isoformat())
    page.get_by_label("Date limite de la demande de solde").fill(f"{NEW_YEAR + 1}-06-30")
    _save(page)
    expect(page.get_by_role("status")).to_contain_text("La subvention a été enregistrée")

    # sent for signature, then every signature received
    page.get_by_role("button", name="Envoyer pour signature").click()
    expect(page.locator("#etat-convention")).to_have_text("Envoyée pour signature")
    page.get_by_role("link", name="Enregistrer des signatures").click()
    page.get_by_label("Date de signature — Mission locale du Blaisois").fill((TODAY - timedelta(days=2)).isoformat())
    page.get_by_label("Même date pour toutes les signatures attendues").fill(TODAY.isoformat())
    _save(page)
    expect(page.locator("#etat-convention")).to_have_text(re.compile("Signée par tous|En vigueur"))
    payments = page.get_by_role("table", name="Versements")
    expect(payments.get_by_role("row").filter(has_text="Forfait coordination — avance (100 %)")).to_contain_text(
        "8\u202f000,00\u00a0€"
    )
    expect(payments.get_by_role("row").filter(has_text="Enveloppe projets — avance (50 %)")).to_contain_text(
        "6\u202f172,83\u00a0€"  # 50 % of 12 345,67 € rounded down to the cent
    )

    # an amendment adds a resource partner, with its own signatures
    page.get_by_role("link", name="Nouvel avenant").click()
    page.get_by_label("Objet de l'avenant").fill("Entrée du CIDFF comme partenaire ressource")
    partner = page.get_by_role("combobox", name=re.compile(r"^Partenaire ajouté"))  # a long list: the type-ahead
    partner.fill("CIDFF de Loir")
    page.get_by_role("option", name="CIDFF de Loir-et-Cher").click()
    page.get_by_role("radio", name="Partenaire ressource").check()
    _save(page)
    expect(_h1(page)).to_have_text(f"Avenant n° 1 — Convention SPRO Loir-et-Cher {NEW_YEAR}")
    page.get_by_role("button", name="Envoyer l'avenant pour signature").click()
    page.get_by_role("link", name="Enregistrer des signatures de l'avenant").click()
    page.get_by_label("Même date pour toutes les signatures attendues").fill(TODAY.isoformat())
    _save(page)
    expect(page.get_by_text("Signé par tous et appliqué")).to_be_visible()
    page.get_by_role("link", name="Revenir à la convention").click()
    signatories = page.get_by_role("table", name="Signataires de la convention")
    cidff = signatories.get_by_role("row").filter(has_text="CIDFF de Loir-et-Cher")
    expect(cidff).to_contain_text("Partenaire ressource")
    expect(cidff).to_contain_text("avenant n° 1")
    history = page.get_by_role("table", name="Historique des modifications")
    expect(history.get_by_role("row").filter(has_text="Signataire — CIDFF de Loir-et-Cher").first).to_be_visible()
    expect(history).to_contain_text("Envoyée pour signature →")
    return convention_url


def _coordinator_records_the_year(page: Page) -> bytes:
    login(page, COORDINATOR_41)
    page.goto("/reseau/")
    page.get_by_role("link", name="Comité de Loir-et-Cher").click()
    expect(_h1(page)).to_have_text("Comité de coordination locale — Loir-et-Cher")

    # a committee meeting with attendance, minutes and decisions
    page.get_by_role("link", name="Nouvelle réunion").click()
    page.get_by_label("Intitulé").fill("Comité de coordination du printemps")
    page.get_by_label("Date").fill(f"{NEW_YEAR}-03-12")
    page.get_by_label("Heure de début").fill("09:30")
    page.get_by_label("Heure de fin").fill("12:00")
    page.get_by_label("Lieu").fill("Mission locale du Blaisois, Blois")
    page.get_by_label("Ordre du jour").fill("Forum d'interconnaissance\nProgramme d'activités")
    _save(page)
    expect(_h1(page)).to_have_text("Comité de coordination du printemps")
    page.get_by_role("link", name="Saisir les présences et le compte rendu").click()
    present = page.get_by_role("group", name="Membres du comité présents")
    present.get_by_label(re.compile(r"^Mission locale du Blaisois")).check()
    present.get_by_label(re.compile(r"^CIO de Blois")).check()
    page.get_by_role("group", name="Membres du comité excusés").get_by_label(re.compile(r"^BIJ 41")).check()
    page.get_by_label("Autres participant·es").fill("Lou Fictif – Conseil régional")
    page.get_by_label("Compte rendu", exact=True).fill("Le forum d'interconnaissance aura lieu le 10 avril.")
    page.get_by_label("Décisions").fill("Forum le 10 avril\nProchain comité en juin")
    _save(page)
    participants = page.get_by_role("table", name="Présences à la réunion")
    expect(participants.get_by_role("row").filter(has_text="CIO de Blois")).to_contain_text("Présent·e")
    expect(participants.get_by_role("row").filter(has_text="BIJ 41")).to_contain_text("Excusé·e")
    expect(page.get_by_text("Le forum d'interconnaissance aura lieu le 10 avril.")).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text="Prochain comité en juin")).to_be_visible()

    # the action plan of the year
    page.goto("/reseau/")
    page.get_by_role("link", name=f"Programme {YEAR} de Loir-et-Cher").click()
    page.get_by_role("link", name="Ajouter une action").click()
    page.get_by_label("Intitulé").fill("Journée des métiers du numérique")
    page.get_by_label("Objectif").fill("Connaître les métiers qui recrutent")
    page.get_by_label("Publics visés").fill("Conseiller·es en évolution professionnelle")
    page.get_by_role("group", name="Structures partenaires").get_by_label("CIO de Blois", exact=True).check()
    page.get_by_label("Début").fill(f"{YEAR}-11-05")
    page.get_by_role("radio", name="Enveloppe projets").check()
    page.get_by_label("Budget prévu").fill("1 500")
    page.get_by_role("radio", name="Réalisée").check()
    _save(page)
    actions = page.get_by_role("table", name=f"Actions du programme d'activités {YEAR}")
    expect(actions.get_by_role("row").filter(has_text="Journée des métiers du numérique")).to_contain_text(
        "1\u202f500,00\u00a0€"
    )

    # the annual report: pre-filled, completed, submitted, downloaded
    page.get_by_role("link", name=f"Bilan d'activité {YEAR}").click()
    page.get_by_role("button", name=f"Préparer le bilan {YEAR}").click()
    figures = page.get_by_role("table", name=f"Chiffres {YEAR} du territoire")
    receptions = figures.get_by_role("row").filter(has_text="Premiers accueils (CAP-1)")
    expect(receptions).to_be_visible()
    assert int(receptions.get_by_role("cell").nth(1).inner_text()) > 0
    page.get_by_role("link", name="Rédiger le bilan").click()
    page.get_by_label("Synthèse de l'année").fill("Une année tournée vers l'interconnaissance des structures.")
    page.get_by_label("Bilan des actions du programme").fill("Le forum a réuni les conseiller·es du territoire.")
    _save(page)
    page.get_by_role("button", name="Transmettre à la Région").click()
    expect(page.locator("#etat-bilan")).to_have_text("Transmis à la Région")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Télécharger le bilan (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == f"bilan-spro-loir-et-cher-{YEAR}.pdf"
    with open(download.path(), "rb") as handle:
        return handle.read()


def test_region_and_coordinator_run_the_year_of_loir_et_cher(new_context):
    convention_url = _region_creates_and_signs_the_convention(new_context().new_page())

    pdf = _coordinator_records_the_year(new_context().new_page())
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())
    assert f"Bilan d'activité {YEAR} — SPRO Loir-et-Cher" in text
    assert "Une année tournée vers l'interconnaissance des structures." in text
    assert "Journée des métiers du numérique" in text and "Premiers accueils (CAP-1)" in text

    # the coordinator of Cher sees nothing of Loir-et-Cher
    cher = new_context().new_page()
    login(cher, COORDINATOR_18)
    response = cher.goto(convention_url)
    assert response is not None and response.status == 403
    expect(_h1(cher)).to_have_text("Accès refusé")
    response = cher.goto(f"/reseau/territoires/loir-et-cher/bilan/{YEAR}/")
    assert response is not None and response.status == 403
    pk = convention_url.rstrip("/").split("/")[-1]
    response = cher.goto(f"/api/v1/network/conventions/{pk}/")
    assert response is not None and response.status == 404


def _convention_of(territory: str) -> Callable[[Page], str]:
    def find(page: Page) -> str:
        page.goto(f"/reseau/conventions/?annee={YEAR}")
        return page.get_by_role("link", name=f"Convention SPRO {territory} {YEAR}").get_attribute("href")

    return find


def _signatures_form(page: Page) -> str:
    return _convention_of("Montargis / Gien")(page) + "signatures/"


def _grant_of_loir_et_cher(page: Page) -> str:
    page.goto(f"/reseau/subventions/?annee={YEAR}")
    return page.get_by_role("link", name=f"Loir-et-Cher {YEAR}").get_attribute("href")


def _form_with_errors(page: Page) -> None:
    page.goto("/reseau/conventions/nouvelle/")
    page.get_by_label("Année civile").fill("1900")
    _save(page)
    page.get_by_role("alert").wait_for()


def _first_meeting(page: Page) -> str:
    page.goto("/reseau/territoires/loir-et-cher/comite/")
    return page.get_by_role("table", name="Réunions du comité").get_by_role("link").last.get_attribute("href")


def _report_form_of_cher(page: Page) -> str:
    page.goto(f"/reseau/territoires/cher/bilan/{YEAR}/")
    prepare = page.get_by_role("button", name=f"Préparer le bilan {YEAR}")
    if prepare.count():
        prepare.click()
    return f"/reseau/territoires/cher/bilan/{YEAR}/rediger/"


# (name, persona — None for anonymous —, path or callable finding it, or returning None once it loaded the page)
PAGES: list[tuple[str, str | None, str | Callable[[Page], str | None]]] = [
    ("annuaire des coordinateurs", None, "/reseau/coordinateurs/"),
    ("accueil du réseau", ADMIN, "/reseau/"),
    ("conventions", ADMIN, "/reseau/conventions/"),
    ("convention", ADMIN, _convention_of("Loir-et-Cher")),
    ("nouvelle convention, erreurs", ADMIN, _form_with_errors),
    ("enregistrer des signatures", ADMIN, _signatures_form),
    ("signatures en attente", ADMIN, "/reseau/conventions/signatures-en-attente/"),
    ("subventions", ADMIN, "/reseau/subventions/"),
    ("subvention", ADMIN, _grant_of_loir_et_cher),
    ("territoire", ADMIN, "/reseau/territoires/loir-et-cher/"),
    ("réunions régionales", ADMIN, "/reseau/coordinateurs/reunions/"),
    ("comité local", COORDINATOR_41, "/reseau/territoires/loir-et-cher/comite/"),
    ("réunion", COORDINATOR_41, _first_meeting),
    ("compte rendu de réunion", COORDINATOR_41, lambda page: _first_meeting(page) + "compte-rendu/"),
    ("programme d'activités", COORDINATOR_41, f"/reseau/territoires/loir-et-cher/programme/{YEAR}/"),
    ("nouvelle action", COORDINATOR_41, f"/reseau/territoires/loir-et-cher/programme/{YEAR}/actions/nouvelle/"),
    ("bilan", COORDINATOR_41, f"/reseau/territoires/loir-et-cher/bilan/{YEAR}/"),
    ("rédiger le bilan", COORDINATOR_18, _report_form_of_cher),
    # coordination teams, candidate structures, COTECH SPRO
    ("coordination des territoires", ADMIN, "/reseau/coordination/"),
    ("structures candidates", ADMIN, "/reseau/territoires/indre-et-loire/candidatures/"),
    ("structures candidates de la région", ADMIN, "/reseau/candidatures/"),
    ("proposer une structure", COORDINATOR_41, "/reseau/territoires/loir-et-cher/candidatures/nouvelle/"),
    ("COTECH SPRO", COORDINATOR_18, "/reseau/cotech/"),
    ("besoins remontés", COORDINATOR_18, "/reseau/territoires/cher/besoins/"),
]


@pytest.mark.parametrize(("name", "persona", "target"), PAGES, ids=[name for name, _, _ in PAGES])
def test_network_page_has_no_axe_violation(page: Page, name, persona, target):
    if persona:
        login(page, persona)
    path = target(page) if callable(target) else target
    if path is not None:
        response = page.goto(path)
        assert response is not None and response.status == 200, f"{name}: {path} answered {response.status}"
    page.wait_for_load_state("load")
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, f"{name} ({page.url}):\n{results.generate_report()}"
