"""Text helpers shared by every domain: accent-insensitive search keys."""

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def normalize(text: str | None) -> str:
    """Lowercase, strip accents, collapse punctuation to single spaces.

    "Châteauroux" -> "chateauroux", "Saint-Amand-Montrond" -> "saint amand montrond".
    Stored in search columns so that the same query works on SQLite and PostgreSQL.
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    ascii_text = ascii_text.replace("œ", "oe").replace("æ", "ae")
    return _NON_ALNUM.sub(" ", ascii_text).strip()
