"""Reads of the reference geography: commune lookup and suggestions."""

import re

from django.db.models import Q

from apps.core.text import normalize

from .models import Commune

_FIVE_DIGITS = re.compile(r"\b(\d[0-9AB]\d{3})\b")


def suggest_communes(query: str, limit: int = 10) -> list[Commune]:
    """Communes whose name starts with (then contains) the query, or whose postal code starts with it.

    Accent- and case-insensitive: "chateauroux" finds Châteauroux, "41000" finds Blois.
    Bigger communes first, since they are the likelier answer.
    """
    query = (query or "").strip()
    if len(query) < 2:
        return []
    if query[:2].isdigit():
        qs = Commune.objects.filter(Q(postal_codes__startswith=query) | Q(postal_codes__contains=" " + query))
        qs = qs | Commune.objects.filter(code__startswith=query)
        return list(qs.order_by("-population", "name")[:limit])
    key = normalize(query)
    starts = list(Commune.objects.filter(name_search__startswith=key).order_by("-population", "name")[:limit])
    if len(starts) >= limit:
        return starts
    more = Commune.objects.filter(name_search__contains=key).exclude(code__in=[c.code for c in starts])
    return starts + list(more.order_by("-population", "name")[: limit - len(starts)])


def _by_postal_code(code: str):
    """Communes served by a postal code, most populated first.

    Read within the département the code points to (a postal code starts with it, save a few
    exceptions, which the full scan still finds): an indexed read instead of a scan of France.
    """
    departements = ["2A", "2B"] if code.startswith("20") else [code[:3] if code.startswith("97") else code[:2]]
    communes = Commune.objects.filter(postal_codes__contains=code).order_by("-population")
    local = communes.filter(departement_id__in=departements)
    return local if local.exists() else communes


def resolve_commune(text: str) -> Commune | None:
    """Turn what a person typed ("41000", "Blois", "Blois (41000)", "41018") into one commune."""
    text = (text or "").strip()
    if not text:
        return None
    match = _FIVE_DIGITS.search(text)
    name_part = normalize(_FIVE_DIGITS.sub("", text).replace("(", " ").replace(")", " "))
    if match:
        code = match.group(1)
        exact = Commune.objects.filter(code=code).first()
        if exact and (not name_part or exact.name_search == name_part):
            return exact
        by_postal = _by_postal_code(code)
        if name_part:
            named = by_postal.filter(name_search=name_part).first()
            if named:
                return named
        return by_postal.first() or exact
    exact_name = Commune.objects.filter(name_search=name_part).order_by("-population").first()
    if exact_name:
        return exact_name
    suggestions = suggest_communes(text, limit=1)
    return suggestions[0] if suggestions else None
