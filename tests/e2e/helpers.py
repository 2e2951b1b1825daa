"""Shared steps of the browser tests: demo accounts, logging in, finding real pages of the demo data."""

import re

from playwright.sync_api import Page, expect

VIEWPORT = {"width": 1280, "height": 900}
# A common phone (iPhone 12 to 15, many Android phones): the public pages are designed for it first.
PHONE_VIEWPORT = {"width": 390, "height": 844}
PHONE_CONTEXT = {"viewport": PHONE_VIEWPORT, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
DEMO_PASSWORD = "demo-spro-2026"
MEMBER_STRUCTURE = "Mission locale du Blaisois"
MEMBER_SLUG = "ml-blaisois"
MEMBER_EMAIL = f"{MEMBER_SLUG}@demo.spro.example"  # one admin member per structure
BLOIS_SEARCH = "/recherche/?lieu=41000&statut=demandeur-emploi&theme=trouver-emploi"


def login(page: Page, email: str = MEMBER_EMAIL) -> None:
    page.goto("/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page).to_have_url(re.compile(r"/compte/tableau-de-bord/$"))


def result_cards(page: Page):
    return page.locator("#resultats .result-list").first.locator(":scope > li.card")


def first_place_path(page: Page) -> str:
    """The place page of the first result of the Blois search."""
    page.goto(BLOIS_SEARCH)
    return result_cards(page).first.locator("h3 a").get_attribute("href")


def first_service_path(page: Page) -> str:
    """The page of the first service listed in the first result of the Blois search."""
    page.goto(BLOIS_SEARCH)
    return result_cards(page).first.locator("a[href^='/services/']").first.get_attribute("href")


def structure_path_of_place(page: Page, place_path: str) -> str:
    page.goto(place_path)
    return page.get_by_role("navigation", name="Fil d'Ariane").locator("a[href^='/structures/']").get_attribute("href")


def first_structure_path(page: Page) -> str:
    return structure_path_of_place(page, first_place_path(page))


def other_structure_slug(page: Page, own_slug: str = MEMBER_SLUG) -> str:
    """The slug of a structure other than the member's, found through the public search results."""
    page.goto(BLOIS_SEARCH)
    place_paths = [link.get_attribute("href") for link in result_cards(page).locator("h3 a").all()]
    for place_path in place_paths:
        slug = structure_path_of_place(page, place_path).strip("/").split("/")[-1]
        if slug != own_slug:
            return slug
    raise AssertionError(f"No structure other than {own_slug} in the results of {BLOIS_SEARCH}")


def own_structure_path(page: Page, structure_name: str = MEMBER_STRUCTURE) -> str:
    """The management page of the logged-in member's structure, from the dashboard."""
    page.goto("/compte/tableau-de-bord/")
    return page.get_by_role("link", name=f"Gérer l'offre de {structure_name}").get_attribute("href")


def _own_public_link(page: Page, prefix: str) -> str:
    """The first link to a place or service on the public page of the member's structure."""
    page.goto(f"/structures/{MEMBER_SLUG}/")
    return page.get_by_role("main").locator(f"a[href^='{prefix}']").first.get_attribute("href")


def own_place_edit_path(page: Page) -> str:
    """The edit form of one of the member's places (same URL as the "Modifier le lieu" link)."""
    place_pk = _own_public_link(page, "/lieux/").strip("/").split("/")[-1]
    return f"/espace/structures/{MEMBER_SLUG}/lieux/{place_pk}/"


def own_service_edit_path(page: Page) -> str:
    service_pk = _own_public_link(page, "/services/").strip("/").split("/")[-1]
    return f"/espace/structures/{MEMBER_SLUG}/services/{service_pk}/"


def sent_emails() -> list[dict]:
    """Every e-mail the e2e server sent (file backend; tests/e2e/conftest.py exports EMAIL_FILE_PATH)."""
    import os
    from email import message_from_string
    from email.header import decode_header, make_header
    from pathlib import Path

    folder = Path(os.environ["EMAIL_FILE_PATH"])
    messages = []
    for path in sorted(folder.glob("*")) if folder.is_dir() else []:
        for raw in path.read_text(encoding="utf-8").split("-" * 79):
            if not raw.strip():
                continue
            message = message_from_string(raw.strip())
            encoded = message.get("Content-Transfer-Encoding", "").lower() in {"base64", "quoted-printable"}
            body = message.get_payload(decode=encoded)
            if isinstance(body, bytes):
                body = body.decode(message.get_content_charset() or "utf-8")
            messages.append(
                {
                    "to": message.get("To", ""),
                    "subject": str(make_header(decode_header(message.get("Subject", "")))),
                    "body": body,
                }
            )
    return messages
