"""Routing rules with a draft, in a real browser: draft, compare, publish, restore (axe-core on each page).

The test ends with the rules as it found them (the first version is restored), so other browser tests
still see the demo rules.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from .helpers import login
from .test_assistant import REGION_ADMIN, check_axe

pytestmark = pytest.mark.e2e
PUPIL = "Lycéenne de 16 ans, à Orléans, qui s'interroge sur ses études"


def _pupil_row(page: Page):
    return page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=re.compile(PUPIL)))


def test_region_admin_drafts_compares_publishes_and_restores(page: Page):
    login(page, REGION_ADMIN)
    page.goto("/orientation/regles/?age=16&statut=lyceen&theme=choisir-orientation&lieu=45000")
    first_door = page.get_by_role("list", name="Portes proposées").get_by_role("listitem").first
    expect(first_door.get_by_role("heading")).to_contain_text("Centre d'information et d'orientation")
    rule_link = first_door.get_by_role("link")
    rule_name = rule_link.inner_text()

    # Draft: deactivate the rule of the pupil's first door; the published doors do not change.
    page.goto("/orientation/regles/")
    page.get_by_role("link", name=f"Désactiver dans le brouillon la règle « {rule_name} »").click()
    check_axe(page, "désactiver dans le brouillon")
    page.get_by_role("button", name="Désactiver la règle dans le brouillon").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Brouillon des règles d'aiguillage")
    expect(page.get_by_text(f"Règle « {rule_name} » : désactivée")).to_be_visible()
    row = _pupil_row(page)
    expect(row).to_contain_text("Portes changées")
    expect(row.get_by_role("cell").nth(0)).to_contain_text("Centre d'information et d'orientation")
    expect(row.get_by_role("cell").nth(1)).not_to_contain_text("Centre d'information et d'orientation")
    check_axe(page, "brouillon")

    # Publish, after a confirmation page.
    page.get_by_role("link", name="Publier le brouillon").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Publier le brouillon des règles d'aiguillage ?")
    check_axe(page, "publier")
    page.get_by_role("button", name="Publier le brouillon").click()
    expect(page.get_by_role("status")).to_contain_text("Le brouillon est publié")
    versions = page.get_by_role("table")
    expect(versions).to_contain_text("Camille Vidal")  # the demo region admin (apps/directory/demo_people.py)
    check_axe(page, "versions")

    # Restore the rules as they were before, after a confirmation page.
    restore_links = page.get_by_role("link", name=re.compile(r"^Restaurer la version"))
    restore_links.last.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Restaurer la version")
    expect(_pupil_row(page)).to_contain_text("Portes changées")
    check_axe(page, "restaurer")
    page.get_by_role("button", name=re.compile(r"^Restaurer la version")).click()
    expect(page.get_by_role("status")).to_contain_text("est restaurée")
    page.goto("/orientation/regles/?age=16&statut=lyceen&theme=choisir-orientation&lieu=45000")
    first_door = page.get_by_role("list", name="Portes proposées").get_by_role("listitem").first
    expect(first_door.get_by_role("heading")).to_contain_text("Centre d'information et d'orientation")
