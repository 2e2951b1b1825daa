"""The second region pack in a browser: `SPRO_REGION=53 pytest -m e2e tests/e2e/test_second_region.py`.

The e2e server inherits SPRO_REGION, migrates a fresh database and runs load_demo with the Bretagne pack; a few
pages of each domain show its identity and no trace of the default pack's Région. Skipped with another pack.
"""

import os
import re

import pytest
from playwright.sync_api import expect

from .helpers import login

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(os.environ.get("SPRO_REGION") != "53", reason="run with SPRO_REGION=53 (the second pack)"),
]
DEFAULT_TRACES = re.compile(r"Centre-Val|Etoile|GIP Alfa|222 100|Orléans|Blois|Tours\b|Bourges|Chartres|Châteauroux")
MEMBER = "mission-locale-ille-et-vilaine@demo.spro.example"
ADMIN = "admin@demo.spro.example"


def no_trace(page) -> str:
    text = page.locator("body").inner_text()
    assert not DEFAULT_TRACES.findall(text), (page.url, DEFAULT_TRACES.findall(text))
    return text


def test_public_search_and_assistant(page):
    page.goto("/")
    expect(page).to_have_title(re.compile("SPRO Bretagne"))
    expect(page.locator("#demo-generee")).to_contain_text("généré automatiquement")
    no_trace(page)
    page.goto("/recherche/?lieu=35000")
    expect(page.get_by_text("Structure de démonstration générée — Mission locale, Rennes").first).to_be_visible()
    no_trace(page)
    page.goto("/quelle-porte/")
    expect(page.get_by_text("Par exemple : Rennes ou 35000").first).to_be_visible()
    no_trace(page)


def test_first_reception_and_fiche_navette(page):
    login(page, MEMBER)
    for path in ("/orientation/accueils/", "/orientation/accueils/nouveau/", "/orientation/fiches/",
                 "/orientation/fiches/nouvelle/"):  # fmt: skip
        page.goto(path)
        expect(page.locator("h1")).to_be_visible()
        no_trace(page)


def test_governance_and_indicators(page):
    login(page, ADMIN)
    for path in ("/reseau/", "/reseau/conventions/", "/indicateurs/region/", "/territoires/", "/orientation/regles/"):
        page.goto(path)
        expect(page.locator("h1")).to_be_visible()
        no_trace(page)
