"""axe-core on every kind of page, public and staff: no WCAG 2.1 A/AA violation is tolerated."""

import re
from collections.abc import Callable

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from .helpers import (
    BLOIS_SEARCH,
    MEMBER_EMAIL,
    PHONE_CONTEXT,
    first_place_path,
    first_service_path,
    first_structure_path,
    login,
    other_structure_slug,
    own_place_edit_path,
    own_service_edit_path,
    own_structure_path,
)

pytestmark = pytest.mark.e2e

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def _invalid_search(page: Page) -> None:
    """The search form showing an error (unknown commune), rendered without JavaScript."""
    page.goto("/recherche/?lieu=Nullepartville")


def _place_form_with_errors(page: Page) -> None:
    page.goto(own_place_edit_path(page))
    page.get_by_label("Horaires d'ouverture").fill("tous les jours")
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_role("alert").wait_for()


def _first_public_event_path(page: Page) -> str:
    page.goto("/agenda/?territoire=loir-et-cher")
    return page.get_by_role("main").locator("a[href^='/agenda/evenements/']").first.get_attribute("href")


def _public_event_form_with_errors(page: Page) -> None:
    page.goto("/agenda/gestion/nouveau/")
    page.get_by_role("button", name="Enregistrer et publier").click()
    page.get_by_role("alert").wait_for()


def _service_toggle_path(page: Page) -> str:
    return own_service_edit_path(page).rstrip("/") + "/retirer/"


def _forbidden_path(page: Page) -> str:
    return f"/espace/structures/{other_structure_slug(page)}/"


def _callback_path(page: Page) -> str:
    return "/etre-rappele/" + first_place_path(page).strip("/").split("/")[-1] + "/"


def _first_referral_path(page: Page) -> str | None:
    """A fiche navette of the member's inbox (the demo activity fills it), or the inbox itself."""
    page.goto("/orientation/fiches/?boite=terminees")
    link = page.locator("a[href^='/orientation/fiches/']").filter(has_text="Fiche n°").first
    return link.get_attribute("href") if link.count() else None


def _first_reception_path(page: Page) -> str:
    """The detail page of the member's latest first reception (the demo activity records some)."""
    page.goto("/orientation/accueils/")
    return page.get_by_role("table").locator("a[href^='/orientation/accueils/']").first.get_attribute("href")


def _suggestions_path(page: Page) -> str:
    """The fiche navette form with its suggested doors, for the member's latest reception."""
    return "/orientation/fiches/nouvelle/?accueil=" + _first_reception_path(page).strip("/").split("/")[-1]


def _reception_correction_path(page: Page) -> str:
    """The correction form: the demo receptions were recorded at load time, by the member, less than 24 h ago."""
    return _first_reception_path(page) + "corriger/"


def _cancellation_path(page: Page) -> str | None:
    """The cancellation step of a fiche the member sent that is still open to cancellation."""
    page.goto("/orientation/fiches/?boite=envoyees")
    rows = page.get_by_role("row").filter(has_text=re.compile(r"Envoyée|Reçue|Acceptée"))
    link = rows.locator("a[href^='/orientation/fiches/']").first
    return link.get_attribute("href") + "annuler/" if link.count() else None


def _first_account_path(page: Page) -> str:
    page.goto("/compte/comptes/?q=ml-blaisois")
    return page.locator("a[href^='/compte/comptes/']").filter(has_text="@").first.get_attribute("href")


def _erasure_lookup_path(page: Page) -> str:
    """The erasure screen showing the first fiche navette of the demo activity."""
    return "/orientation/donnees-personnelles/effacement/?numero=1"


MEMBER = MEMBER_EMAIL
ADMIN = "admin@demo.spro.example"
COORDINATOR = "coord-loir-et-cher@demo.spro.example"
SUPPORT = "appui@demo.spro.example"
ASSISTANT_RESULT = "/quelle-porte/?lieu=41000&statut=jeune-sans-solution&age=19&theme=reprendre-formation"


TRAINING_SEARCH = "/formations/?q=aide-soignant&lieu=36000&statut=demandeur-emploi"


def _first_training_path(page: Page) -> str:
    page.goto(TRAINING_SEARCH)
    return page.locator("#resultats li.card h3 a").first.get_attribute("href")


def _project_card_path(page: Page) -> str:
    page.goto(_first_training_path(page))
    page.get_by_role("button", name="Ajouter à ma fiche projet").click()
    return "/formations/fiche-projet/?lieu=36000&statut=demandeur-emploi"


def _first_scheme_path(page: Page) -> str:
    page.goto("/formations/financements/")
    return page.locator("table tbody a").first.get_attribute("href")


def _demo_consultation_path(page: Page) -> str:
    """The forum consultation of the demo (Loir-et-Cher, open, with answers), from the coordinator's list."""
    page.goto("/consultations/")
    link = page.get_by_role("table").get_by_role("link", name="Forum de l'orientation de Blois : votre avis")
    return link.get_attribute("href")


def _public_consultation_path(page: Page) -> str:
    """The public link of the demo consultation (what a tablet at the forum opens)."""
    page.goto(_demo_consultation_path(page))
    return page.get_by_role("main").locator("a[href*='/donner-son-avis/']").first.get_attribute("href")


def _public_consultation_with_errors(page: Page) -> None:
    page.goto(_public_consultation_path(page))
    page.get_by_role("button", name="Envoyer mes réponses").click()
    page.get_by_role("alert").wait_for()


# The single table of every page checked: (name, path — or a callable that finds the path, or returns None
# once it has loaded the page itself —, the demo account to log in with or None for an anonymous visitor).
PAGES: list[tuple[str, str | Callable[[Page], str | None], str | None]] = [
    ("accueil", "/", None),
    ("recherche sans critère", "/recherche/", None),
    ("résultats Blois", BLOIS_SEARCH, None),
    ("aucun résultat", "/recherche/?lieu=41000&q=zzzzzz", None),
    ("recherche avec erreur", _invalid_search, None),
    ("lieu", first_place_path, None),
    ("service", first_service_path, None),
    ("structure", first_structure_path, None),
    ("mentions légales", "/mentions-legales/", None),
    ("données personnelles", "/donnees-personnelles/", None),
    ("accessibilité", "/accessibilite/", None),
    ("le SPRO, c'est quoi ?", "/le-spro/", None),
    ("connexion", "/compte/connexion/", None),
    ("mot de passe oublié", "/compte/mot-de-passe/oubli/", None),
    ("tableau de bord", "/compte/tableau-de-bord/", MEMBER),
    ("gestion de la structure", own_structure_path, MEMBER),
    ("modifier la structure", lambda page: own_structure_path(page) + "modifier/", MEMBER),
    ("modifier un lieu", own_place_edit_path, MEMBER),
    ("modifier un lieu, erreurs", _place_form_with_errors, MEMBER),
    ("ajouter un lieu", lambda page: own_structure_path(page) + "lieux/nouveau/", MEMBER),
    ("modifier un service", own_service_edit_path, MEMBER),
    ("ajouter un service", lambda page: own_structure_path(page) + "services/nouveau/", MEMBER),
    ("retirer un service", _service_toggle_path, MEMBER),
    ("services à vérifier", "/espace/a-verifier/", MEMBER),
    ("sécurité du compte", "/compte/securite/", MEMBER),
    ("activer la double authentification", "/compte/double-authentification/activer/", MEMBER),
    ("invitation plus valable", "/compte/invitation/lien-perime/", None),
    ("accès refusé", _forbidden_path, MEMBER),
    # Orientation: the public assistant and call-back, the professionals' first reception and fiches navettes.
    ("quelle porte pour moi", "/quelle-porte/", None),
    ("quelle porte : résultat", ASSISTANT_RESULT, None),
    ("être rappelé·e", _callback_path, None),
    ("premier accueil", "/orientation/accueils/nouveau/", MEMBER),
    ("premiers accueils enregistrés", "/orientation/accueils/", MEMBER),
    ("fiches navettes", "/orientation/fiches/", MEMBER),
    ("un premier accueil", _first_reception_path, MEMBER),
    ("corriger un premier accueil", _reception_correction_path, MEMBER),
    ("nouvelle fiche navette", "/orientation/fiches/nouvelle/", MEMBER),
    ("nouvelle fiche navette, portes suggérées", _suggestions_path, MEMBER),
    ("annuler une fiche navette", _cancellation_path, MEMBER),
    ("une fiche navette", _first_referral_path, MEMBER),
    ("règles d'aiguillage", "/orientation/regles/", ADMIN),
    ("grille de pré-entretien", "/orientation/grille/", ADMIN),
    ("effacer les données d'une personne", _erasure_lookup_path, ADMIN),
    ("journal des accès aux données", "/orientation/donnees-personnelles/journal/", ADMIN),
    ("comptes des professionnel·les", "/compte/comptes/", ADMIN),
    ("un compte", _first_account_path, ADMIN),
    ("désactiver un compte", lambda page: _first_account_path(page) + "activation/", ADMIN),
    ("réseaux et vocabulaires", "/espace/vocabulaires/", ADMIN),
    ("import data·inclusion", "/espace/import/", ADMIN),
    ("e-mails en échec", "/courriels/echecs/", ADMIN),
    # Governance, support programme, indicators.
    ("coordinateur·rices", "/reseau/coordinateurs/", None),
    ("réseau", "/reseau/", COORDINATOR),
    ("territoire", "/reseau/territoires/loir-et-cher/", COORDINATOR),
    ("conventions", "/reseau/conventions/", ADMIN),
    ("subventions", "/reseau/subventions/", ADMIN),
    ("programme d'appui", "/programme/", MEMBER),
    ("programme : axes et actions", "/programme/programme/", MEMBER),
    ("nouvelle session", "/programme/sessions/nouvelle/", SUPPORT),
    # The public agenda (forums de l'orientation, open days) and its entry by coordinators and the Région.
    ("agenda public", "/agenda/", None),
    ("agenda public filtré", "/agenda/?territoire=loir-et-cher", None),
    ("agenda public vide", "/agenda/?territoire=loir-et-cher&type=job_fair&mois=2027-06", None),
    ("événement public", _first_public_event_path, None),
    ("gérer l'agenda", "/agenda/gestion/", COORDINATOR),
    ("nouvel événement public", "/agenda/gestion/nouveau/", COORDINATOR),
    ("nouvel événement public, erreurs", _public_event_form_with_errors, ADMIN),
    ("modifier un événement public", lambda page: _first_public_event_path(page) + "modifier/", COORDINATOR),
    ("supprimer un événement public", lambda page: _first_public_event_path(page) + "supprimer/", SUPPORT),
    # Consultations of the public: the coordinator's pages, the public link (a tablet at a forum).
    ("consultations du public", "/consultations/", COORDINATOR),
    ("nouvelle consultation", "/consultations/nouvelle/", COORDINATOR),
    ("une consultation et ses résultats", _demo_consultation_path, COORDINATOR),
    ("saisir une feuille papier", lambda page: _demo_consultation_path(page) + "saisie/", COORDINATOR),
    ("consultation publique", _public_consultation_path, COORDINATOR),
    ("consultation publique, erreurs", _public_consultation_with_errors, COORDINATOR),
    ("consultation publique : merci", lambda page: _public_consultation_path(page) + "merci/", COORDINATOR),
    ("comment nous mesurons", "/indicateurs/methode/", None),
    ("données ouvertes", "/indicateurs/donnees-ouvertes/", None),
    ("indicateurs du territoire", "/indicateurs/territoires/loir-et-cher/", COORDINATOR),
    ("indicateurs régionaux", "/indicateurs/region/", ADMIN),
    ("indicateurs de la structure", "/indicateurs/structures/ml-blaisois/", MEMBER),
    # Territory panoramas.
    ("panoramas des territoires", "/territoires/", None),
    ("panorama d'un territoire", "/territoires/dreux/", None),
    ("panorama, couverture CIO page 2", "/territoires/loir-et-cher/?reseau=cio&page=2", None),
    ("panoramas : méthode", "/territoires/methode/", None),
    ("documents du territoire", "/territoires/loir-et-cher/documents/", COORDINATOR),
    ("déposer un document", "/territoires/loir-et-cher/documents/deposer/", COORDINATOR),
    ("importer des séries", "/territoires/series/importer/", ADMIN),
    # Trainings and jobs.
    ("formations", "/formations/", None),
    ("formations : résultats", TRAINING_SEARCH, None),
    ("formations : aucun résultat", "/formations/?q=zzzzzz&lieu=36000", None),
    ("une formation", _first_training_path, None),
    ("métiers", "/metiers/?q=soignant", None),
    ("un métier", "/metiers/J1501/?lieu=36000&statut=demandeur-emploi", None),
    ("fiche projet", _project_card_path, None),
    ("import de l'offre de formation", "/formations/import/", ADMIN),
    ("dispositifs de financement", "/formations/financements/", ADMIN),
    ("modifier un dispositif de financement", _first_scheme_path, ADMIN),
]


# Every page at a desktop width and on a 390 × 844 phone (touch, device pixel ratio 2).
WIDTHS = {"bureau": {}, "téléphone": PHONE_CONTEXT}


# The signed-in browser state (session and CSRF cookies) of each demo account, per worker. Signing in is not
# what these tests check (the other browser tests sign in through the form, and the sign-in page is checked
# here): each account signs in once, then every page checked for it starts from that account's cookies.
# No page of PAGES signs out or changes a password, so the session stays valid.
_SIGNED_IN: dict[str, dict] = {}


def _signed_in_state(new_context, account: str) -> dict:
    if account not in _SIGNED_IN:
        context = new_context()
        login(context.new_page(), account)
        _SIGNED_IN[account] = context.storage_state()
    return _SIGNED_IN[account]


# axe-core's script, read once per worker (the library reads the file again for every Axe()).
AXE = Axe()


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize(("name", "target", "account"), PAGES, ids=[name for name, _, _ in PAGES])
def test_page_has_no_axe_violation(new_context, name, target, account, width):
    signed_in = {"storage_state": _signed_in_state(new_context, account)} if account else {}
    page = new_context(**WIDTHS[width], **signed_in).new_page()
    path = target(page) if callable(target) else target
    if path is not None:
        response = page.goto(path)
        assert response is not None, f"{name}: no response for {path}"
        assert response.status < 500, f"{name}: {path} answered HTTP {response.status}"
    page.wait_for_load_state("load")

    results = AXE.run(page, options=AXE_OPTIONS)

    assert results.violations_count == 0, f"{name}, {width} ({page.url}):\n{results.generate_report()}"
