"""A member of a structure keeps its offer up to date, and only its own."""

import re

import pytest
from playwright.sync_api import Page, expect

from .helpers import MEMBER_STRUCTURE, login, other_structure_slug

pytestmark = pytest.mark.e2e

NEW_HOURS = "Mo-Fr 08:30-12:00,13:30-17:00; Sa 09:00-12:00; PH off"
NEW_HOURS_IN_FRENCH = ["Du lundi au vendredi : 8 h 30 – 12 h, 13 h 30 – 17 h", "Samedi : 9 h – 12 h"]


def test_member_edits_opening_hours_and_cannot_manage_another_structure(page: Page):
    other_slug = other_structure_slug(page)

    login(page)
    page.get_by_role("link", name=f"Gérer l'offre de {MEMBER_STRUCTURE}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(MEMBER_STRUCTURE)
    manage_url = page.url
    own_slug = manage_url.rstrip("/").split("/")[-1]
    assert own_slug != other_slug

    places = page.get_by_role("table", name="Lieux d'accueil de la structure")
    first_row = places.locator("tbody tr").first
    place_name = first_row.locator("td").first.inner_text().strip()
    edit_link = first_row.get_by_role("link", name=f"Modifier le lieu {place_name}")
    place_pk = re.search(r"/lieux/(\d+)/$", edit_link.get_attribute("href")).group(1)
    edit_link.click()

    expect(page.get_by_role("heading", level=1)).to_have_text(f"Modifier le lieu {place_name}")
    page.get_by_label("Horaires d'ouverture").fill(NEW_HOURS)
    page.get_by_role("button", name="Enregistrer").click()

    expect(page).to_have_url(manage_url)
    expect(page.get_by_role("status")).to_contain_text(f"Le lieu « {place_name} » a été enregistré.")
    history = page.get_by_role("table", name="Historique des modifications")
    expect(history.locator("tbody tr").first).to_contain_text(place_name)

    # The change is saved and published: the public place page shows the new hours in plain French.
    page.goto(f"/espace/structures/{own_slug}/lieux/{place_pk}/")
    expect(page.get_by_label("Horaires d'ouverture")).to_have_value(NEW_HOURS)
    page.goto(f"/lieux/{place_pk}/")
    for line in NEW_HOURS_IN_FRENCH:
        expect(page.get_by_role("listitem").filter(has_text=line)).to_have_count(1)

    # Another structure's offer is off limits.
    response = page.goto(f"/espace/structures/{other_slug}/")
    assert response is not None
    assert response.status == 403, f"/espace/structures/{other_slug}/ answered {response.status}, expected 403"
    expect(page.get_by_role("heading", level=1)).to_have_text("Accès refusé")

    # Logging out ends the session.
    page.get_by_role("button", name="Se déconnecter").click()
    expect(page).to_have_url(re.compile(r"^[^?]*/$"))
    expect(page.get_by_role("link", name="Espace professionnel")).to_be_visible()
    expect(page.get_by_role("button", name="Se déconnecter")).to_have_count(0)
    page.goto("/compte/tableau-de-bord/")
    expect(page).to_have_url(re.compile(r"/compte/connexion/\?next="))
