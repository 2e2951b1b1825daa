"""The public pages of the demo, as a visitor reads them: no internal code, no known French slip.

The demo region (tests/demo_world.py) is loaded once; every public page is rendered with the test
client (home, the assistant's steps, errors and answers, searches, every place, structure and service
page, call-back form, legal pages, « Le SPRO, c'est quoi ? ») and its visible text is scanned with the
table FORBIDDEN below. A new slip gets a row in the table; the helpers that prevent them live in
apps/core/french.py.
"""

import re
from html import unescape

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from tests.clock import FROZEN_NOW

_MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
_VOWEL = "AEIOUYÉÈÊÀÂÎÔŒaeiouyéèêàâîôœ"

# (what is wrong, pattern on the page's visible text)
FORBIDDEN = [
    ("level code instead of plain words", r"\bNiveau [123]\b"),
    ("CEP level jargon", r"\bniveau du CEP\b"),
    ("ordinal written 1ère / 2ème (1re, 2e)", r"\b\d+(?:ème|ère|eme|ere)\b"),
    ("« porte » numbered as internal jargon", r"\b(?:1re|2e|première|deuxième|seconde) porte\b"),
    ("indicator code", r"\b(?:CAP|PP|DP|IC|PUB|AC|NET|INT|GOV|PRG|REF)-\d+\b"),
    ("« de » not elided before a vowel", rf"\bde [{_VOWEL}]"),
    ("« le »/« la » not elided before a vowel", rf"(?<![-·])\b(?:le|la|Le|La) [{_VOWEL}]"),
    ("« que » not elided before a vowel", rf"(?<![-·])\bque [{_VOWEL}]"),
    ("« de Le » / « à Le » not contracted", r"\b(?:de|à) Les? [A-ZÉ]"),
    (
        "0 or 1 with a plural",
        r"(?<![\d,\u202f ])[01] (?:\w+ )?(?:disponibles|places|services|lieux|demandes|réponses|"
        r"sessions|structures|résultats|inscrit·es|personnes|fiches)\b",
    ),
    ("an s written with brackets", r"\w\((?:nt|s|es|x|e)\)"),
    ("first of the month without « er »", rf"\b1 (?:{_MONTHS})\b"),
    ("« du 1 » in a date", r"\bdu 1 "),
    ("a greeting with a role instead of a name", r"Bonjour Conseiller·e"),
    ("another name for the search", r"Rechercher un service|Recherche de services|Rechercher un lieu"),
    ("a Python or template leftover", r"\bNone\b|\{\{|\{%|\[\]|&lt;|&gt;"),
]
_COMPILED = [(why, re.compile(pattern)) for why, pattern in FORBIDDEN]

# The Région's own public pages (how indicators are measured, open data) and the professionals' programme
# may name an indicator by its code, as a secondary label, and the SPRO's « 1re / 2e porte ».
ALLOWED_ON = {
    "indicator code": ("/indicateurs/",),
    "CEP level jargon": ("/indicateurs/",),
    "« porte » numbered as internal jargon": ("/indicateurs/", "/programme/"),
}

_SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?</\1>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")


def visible_text(html: str) -> str:
    """The text a reader meets: tags dropped, entities decoded, spaces collapsed; also the title."""
    html = _SCRIPT_OR_STYLE.sub(" ", html)
    return re.sub(r"\s+", " ", unescape(_TAG.sub(" ", html))).strip()


def slips(text: str, url: str = "") -> list[str]:
    found = []
    for why, pattern in _COMPILED:
        if url and url.startswith(ALLOWED_ON.get(why, ("\0",))):
            continue
        for match in pattern.finditer(text):
            start = max(match.start() - 40, 0)
            found.append(f"{why}: …{text[start : match.end() + 30]}…")
    return found


@pytest.mark.parametrize(
    "text, why",
    [
        ("18 services à moins de 30 km de Orléans", "« de » not elided before a vowel"),
        ("Représentant·e de APEC", "« de » not elided before a vowel"),
        ("dans le Indre", "« le »/« la » not elided before a vowel"),
        ("0 disponibles", "0 or 1 with a plural"),
        ("1 places disponibles", "0 or 1 with a plural"),
        ("Manon et Bastien assure(nt) la coordination", "an s written with brackets"),
        ("en vigueur du 1 janvier 2026", "« du 1 » in a date"),
        ("le 1 mars", "first of the month without « er »"),
        ("Bonjour Conseiller·e.", "a greeting with a role instead of a name"),
        ("Niveau 2 — conseil personnalisé", "level code instead of plain words"),
        ("la bonne 2ème porte", "ordinal written 1ère / 2ème (1re, 2e)"),
        ("la bonne 2e porte", "« porte » numbered as internal jargon"),
        ("Taux de prise en charge (CAP-1)", "indicator code"),
        ("Rechercher un service d'orientation", "another name for the search"),
    ],
)
def test_the_table_catches_each_known_slip(text, why):
    assert any(found.startswith(why) for found in slips(text)), slips(text)


@pytest.mark.parametrize(
    "text",
    [
        "18 services à moins de 30 km d'Orléans",
        "du 1er janvier 2026 au 31 décembre 2026",
        "0 place disponible, 3 places disponibles, 12 lieux",
        "de Blois, du Cher, de l'Indre, de Hautes-Alpes",
        "Bonjour Manon Lefèvre",
        "Conseil personnalisé",
        "à 10 km, 1 km",
    ],
)
def test_the_table_lets_correct_french_through(text):
    assert slips(text) == []


@pytest.fixture(scope="module")
def public_pages(django_db_setup, django_db_blocker):
    """Every public page of the demo region: {url: visible text}. The world is rolled back at the end."""
    from django.db import transaction

    from tests.demo_world import load_demo_world

    traveller = time_machine.travel(FROZEN_NOW, tick=False)
    traveller.start()
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo_world()
        yield _render_public_pages()
        transaction.set_rollback(True)
    traveller.stop()


def _public_urls() -> list[str]:
    from apps.directory.models import Place, Service, Structure
    from apps.programme.models import Session, SupportAction

    search = reverse("public:search")
    assistant = reverse("public:assistant")
    urls = [
        reverse("public:home"),
        reverse("public:about"),
        reverse("public:legal"),
        reverse("public:privacy"),
        reverse("public:accessibility"),
        search,
        f"{search}?lieu=Orl%C3%A9ans",
        f"{search}?lieu=Orl%C3%A9ans&statut=salarie&theme=changer-metier",
        f"{search}?lieu=Blois&statut=jeune-sans-solution",
        f"{search}?lieu=Amboise&rayon=10",
        f"{search}?lieu=Issoudun",
        f"{search}?q=VAE",
        f"{search}?lieu=Nullepartville",
        f"{search}?lieu=41000&q=zzzzzz",
        assistant,
        f"{assistant}?lieu=&age=",
        f"{assistant}?lieu=41000&statut=jeune-sans-solution&age=19&theme=reprendre-formation",
        f"{assistant}?lieu=Orl%C3%A9ans&statut=salarie&age=24&theme=changer-metier",
        f"{assistant}?lieu=Tours&statut=salarie&age=24&theme=changer-metier",
        f"{assistant}?lieu=45000&statut=lyceen&age=16&theme=choisir-orientation",
        f"{assistant}?lieu=Amboise&statut=demandeur-emploi&age=45&theme=trouver-emploi&handicap=on",
    ]
    urls += [reverse("public:place", args=[pk]) for pk in Place.objects.values_list("pk", flat=True)]
    urls += [reverse("public:structure", args=[s]) for s in Structure.objects.values_list("slug", flat=True)]
    urls += [reverse("public:service", args=[pk]) for pk in Service.objects.values_list("pk", flat=True)]
    urls += [reverse("public:callback", args=[pk]) for pk in Place.objects.values_list("pk", flat=True)[:5]]
    # The other pages a visitor reaches from the header and footer without signing in.
    urls += [reverse("network:coordinators"), reverse("programme:calendar"), reverse("programme:programme")]
    urls += [reverse("programme:session", args=[pk]) for pk in Session.objects.values_list("pk", flat=True)]
    urls += [reverse("programme:action", args=[pk]) for pk in SupportAction.objects.values_list("pk", flat=True)]
    urls += [reverse("indicators:method"), reverse("indicators:open_data")]
    return urls


def _render_public_pages() -> dict[str, str]:
    client = Client()
    pages = {}
    for url in _public_urls():
        response = client.get(url)
        pages[url] = (response.status_code, visible_text(response.content.decode()))
    return pages


@pytest.mark.django_db
def test_public_pages_of_the_demo_have_no_internal_code_and_no_known_slip(public_pages):
    assert len(public_pages) > 100  # the whole demo directory, not a sample
    problems: dict[str, str] = {}  # each slip once, with the first page it was met on
    for url, (_, text) in public_pages.items():
        for found in slips(text, url):
            problems.setdefault(found, url)
    report = "\n".join(f"{url}  {found}" for found, url in sorted(problems.items()))
    assert problems == {}, f"{len(problems)} slips:\n{report}"


@pytest.mark.django_db
def test_public_pages_of_the_demo_all_answer(public_pages):
    assert {url: status for url, (status, _) in public_pages.items() if status != 200} == {}
