"""axe-core on every kind of page, public and staff: no WCAG 2.1 A/AA violation is tolerated."""

from collections.abc import Callable

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from .helpers import (
    BLOIS_SEARCH,
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


def _service_toggle_path(page: Page) -> str:
    return own_service_edit_path(page).rstrip("/") + "/retirer/"


def _forbidden_path(page: Page) -> str:
    return f"/espace/structures/{other_structure_slug(page)}/"


# (name, path — or a callable that finds the path, or returns None once it has loaded the page itself —, login)
PAGES: list[tuple[str, str | Callable[[Page], str | None], bool]] = [
    ("accueil", "/", False),
    ("recherche sans critère", "/recherche/", False),
    ("résultats Blois", BLOIS_SEARCH, False),
    ("aucun résultat", "/recherche/?lieu=41000&q=zzzzzz", False),
    ("recherche avec erreur", _invalid_search, False),
    ("lieu", first_place_path, False),
    ("service", first_service_path, False),
    ("structure", first_structure_path, False),
    ("mentions légales", "/mentions-legales/", False),
    ("données personnelles", "/donnees-personnelles/", False),
    ("accessibilité", "/accessibilite/", False),
    ("connexion", "/compte/connexion/", False),
    ("mot de passe oublié", "/compte/mot-de-passe/oubli/", False),
    ("tableau de bord", "/compte/tableau-de-bord/", True),
    ("gestion de la structure", own_structure_path, True),
    ("modifier la structure", lambda page: own_structure_path(page) + "modifier/", True),
    ("modifier un lieu", own_place_edit_path, True),
    ("modifier un lieu, erreurs", _place_form_with_errors, True),
    ("ajouter un lieu", lambda page: own_structure_path(page) + "lieux/nouveau/", True),
    ("modifier un service", own_service_edit_path, True),
    ("ajouter un service", lambda page: own_structure_path(page) + "services/nouveau/", True),
    ("retirer un service", _service_toggle_path, True),
    ("services à vérifier", "/espace/a-verifier/", True),
    ("accès refusé", _forbidden_path, True),
]


@pytest.mark.parametrize(("name", "target", "needs_login"), PAGES, ids=[name for name, _, _ in PAGES])
def test_page_has_no_axe_violation(page: Page, name, target, needs_login):
    if needs_login:
        login(page)
    path = target(page) if callable(target) else target
    if path is not None:
        response = page.goto(path)
        assert response is not None, f"{name}: no response for {path}"
        assert response.status < 500, f"{name}: {path} answered HTTP {response.status}"
    page.wait_for_load_state("load")

    results = Axe().run(page, options=AXE_OPTIONS)

    assert results.violations_count == 0, f"{name} ({page.url}):\n{results.generate_report()}"
