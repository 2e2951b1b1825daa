"""French wording rules, in one place: elision before a name, plurals, dates with « 1er ».

Templates reach them through the filters of `apps/core/templatetags/french.py` (loaded everywhere as a
template builtin): `{{ commune.name|de }}` → « d'Orléans », `{{ n|nombre:"place disponible" }}` →
« 0 place disponible », `{{ day|date_fr }}` → « 1er janvier 2027 ». Python code calls the functions.
"""

import json
import re
from datetime import date, datetime
from functools import cache
from pathlib import Path

from django.utils import formats

# Letters that take an elided article (« d' », « l' »). A name starting with H is left alone: the
# aspirated H (« de Henrichemont », « le Havre ») cannot be told from the mute one by its spelling.
_VOWELS = set("AEIOUYÉÈÊËÀÂÄÎÏÔÖÛÜŒaeiouyéèêëàâäîïôöûüœ")

# INSEE's « type de liaison » of a département's name (COG, apps/geo/data/departements.json):
# which article it takes. 0 and 1 take none (« de Paris », « d'Eure-et-Loir »).
_ARTICLE_BY_LIAISON = {0: "", 1: "", 2: "le", 3: "la", 4: "les", 5: "l'"}
_DEPARTEMENTS_FILE = Path(__file__).resolve().parent.parent / "geo" / "data" / "departements.json"


@cache
def _departement_articles() -> dict[str, str]:
    with _DEPARTEMENTS_FILE.open(encoding="utf-8") as f:
        return {row["nom"]: _ARTICLE_BY_LIAISON.get(row["typeLiaison"], "") for row in json.load(f)}


def starts_with_vowel(word: str) -> bool:
    return bool(word) and word[0] in _VOWELS


def article(name: str) -> str:
    """The name with its definite article, when it takes one: « le Cher », « l'Indre », « Blois »."""
    name = (name or "").strip()
    found = _departement_articles().get(name, "")
    if not found:
        return name
    if found == "l'" or (found in ("le", "la") and starts_with_vowel(name)):
        return f"l'{name}"
    return f"{found} {name}"


def de(name: str) -> str:
    """« de » before a name, elided or contracted: « d'Orléans », « de Blois », « du Cher », « du Mans »."""
    name = (name or "").strip()
    if not name:
        return ""
    with_article = article(name)
    if with_article != name:
        first, _, rest = with_article.partition(" ")
        if with_article.startswith("l'"):
            return f"de {with_article}"
        return {"le": "du ", "les": "des ", "la": "de la "}[first] + rest
    # A commune whose name starts with its own article: « Le Mans » → « du Mans », « Les Ulis » → « des Ulis ».
    if name.startswith("Le "):
        return "du " + name[3:]
    if name.startswith("Les "):
        return "des " + name[4:]
    if starts_with_vowel(name):
        return f"d'{name}"
    return f"de {name}"


def a(name: str) -> str:
    """« à » before a place name: « à Blois », « au Mans », « aux Montils »."""
    name = (name or "").strip()
    if name.startswith("Le "):
        return "au " + name[3:]
    if name.startswith("Les "):
        return "aux " + name[4:]
    return f"à {name}"


def elide(text: str) -> str:
    """Elide « de », « le », « la », « que » before a vowel in a sentence built from parts.

    « de Orléans » → « d'Orléans ».
    """

    def fix(match: re.Match) -> str:
        word = match.group(1)
        return {"de": "d'", "De": "D'", "le": "l'", "Le": "L'", "la": "l'", "La": "L'", "que": "qu'", "Que": "Qu'"}[
            word
        ]

    return re.sub(r"\b(de|De|le|Le|la|La|que|Que) (?=[" + "".join(sorted(_VOWELS)) + "])", fix, text)


# Plurals ------------------------------------------------------------------------------------------
_PLURAL_ENDINGS = (("eau", "eaux"), ("au", "aux"), ("eu", "eux"), ("al", "aux"))
_INVARIABLE_WORDS = {"de", "d'", "du", "des", "la", "le", "les", "l'", "à", "en", "et", "ou", "par", "pour", "sur"}


def _plural_word(word: str) -> str:
    if word in _INVARIABLE_WORDS or word.endswith(("s", "x", "z")) or not word[-1:].isalpha():
        return word
    for ending, plural in _PLURAL_ENDINGS:
        if word.endswith(ending) and word not in ("pneu", "bleu", "bal", "festival", "récital"):
            return word[: -len(ending)] + plural
    return word + "s"


def plural_of(words: str) -> str:
    """The plural of a short noun phrase, word by word: « place disponible » → « places disponibles »."""
    return " ".join(_plural_word(w) for w in words.split(" "))


def accord(count: int | None, singular: str, plural: str | None = None) -> str:
    """The words that go with a count, French rule: 0 and 1 take the singular (« 0 disponible »)."""
    return singular if abs(count or 0) < 2 else (plural or plural_of(singular))


def nombre(count: int | None, singular: str, plural: str | None = None) -> str:
    """A count and its words: « 0 place disponible », « 1 réponse », « 3 places disponibles », « 1 200 lieux »."""
    number = f"{count or 0:,}".replace(",", "\u202f")
    return f"{number} {accord(count, singular, plural)}"


def liste(items: list[str]) -> str:
    """« A », « A et B », « A, B et C »."""
    items = [str(i) for i in items if i]
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " et " + items[-1]


# Dates --------------------------------------------------------------------------------------------
def date_fr(value: date | datetime | None, fmt: str = "j F Y") -> str:
    """A date in French with a Django format, the first of the month written « 1er »: « 1er janvier 2027 »."""
    if not value:
        return ""
    if isinstance(value, datetime):
        from django.utils import timezone

        if timezone.is_aware(value):
            value = timezone.localtime(value)
    if value.day == 1:
        fmt = re.sub(r"(?<!\\)j", r"\\1\\e\\r", fmt)
    return formats.date_format(value, fmt)
