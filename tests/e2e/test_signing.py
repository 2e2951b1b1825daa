"""Signing in the platform, in the browser: the authorised members of the structures that have not signed the
year's convention approve it online; the Region follows who is missing and sees it become signed by all."""

import pytest
from playwright.sync_api import Page, expect

from tests.clock import FROZEN_NOW

from .helpers import login

pytestmark = pytest.mark.e2e

ADMIN = "admin@demo.spro.example"
YEAR = FROZEN_NOW.year
TERRITORY = "issoudun"  # its convention of the year waits for half of its signatures in the demo data
WAITING = (
    "from apps.network.models import Convention;"
    f"c = Convention.objects.get(territory__code='{TERRITORY}', year={YEAR});"
    "print(c.pk);"
    "print(' '.join(s.structure.slug for s in c.signatories.filter(signed_on__isnull=True, removed_on__isnull=True)))"
)


def _approve(page: Page, slug: str) -> None:
    login(page, f"{slug}@demo.spro.example")
    page.goto("/reseau/")
    page.get_by_role("link", name="Documents à approuver").click()
    row = page.get_by_role("row").filter(has_text=f"Convention SPRO Issoudun {YEAR}")
    row.get_by_role("link", name="Approuver").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Approuver la convention")
    version = page.locator("#version-document").inner_text()
    assert version.startswith(f"convention-{YEAR}-")
    page.get_by_label("Votre fonction").fill("Direction")
    page.get_by_label("J'ai lu ce document et j'approuve").check()
    page.get_by_role("button", name="Approuver et signer").click()
    expect(page.get_by_role("status")).to_contain_text("Approbation enregistrée pour")
    expect(page.get_by_role("status")).to_contain_text(version)


def test_members_approve_the_years_convention_and_the_region_sees_it_signed_by_all(new_context, manage_on_server):
    pk, slugs = manage_on_server("shell", "-c", WAITING).strip().splitlines()[-2:]
    slugs = slugs.split()
    assert slugs, "the demo convention of Issoudun should wait for signatures"

    region = new_context().new_page()
    login(region, ADMIN)
    region.goto(f"/reseau/conventions/{pk}/")
    region.get_by_role("link", name="Suivi des signatures en ligne").click()
    expect(region.locator("#signatures-manquantes")).to_contain_text(f"{len(slugs)} signature")

    first = new_context().new_page()
    _approve(first, slugs[0])
    region.reload()
    expect(region.locator("#signatures-manquantes")).to_contain_text(
        f"{len(slugs) - 1} signature" if len(slugs) > 1 else "Signé par toutes les parties"
    )
    row = region.get_by_role("row").filter(has_text="Direction")
    expect(row).to_contain_text(f"version convention-{YEAR}-")

    for slug in slugs[1:]:
        _approve(new_context().new_page(), slug)

    region.reload()
    expect(region.locator("#signatures-manquantes")).to_have_text("Signé par toutes les parties.")
    region.get_by_role("button", name="Compiler le document signé").click()
    expect(region.get_by_role("status")).to_contain_text("Le document signé a été compilé")
    with region.expect_download() as download:
        region.get_by_role("link", name="Télécharger le document signé").click()
    name = download.value.suggested_filename  # the storage suffixes the name if an earlier run left the same file
    assert name.startswith(f"convention-spro-{TERRITORY}-{YEAR}-signee") and name.endswith(".pdf")
    region.goto(f"/reseau/conventions/{pk}/")
    expect(region.locator("#etat-convention")).to_have_text("En vigueur")
