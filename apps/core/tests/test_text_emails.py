"""Plain-text e-mails are not HTML: a name with an apostrophe reads "d'Amboise", never "d&#x27;Amboise" (review L5).

Every .txt template is rendered with a context where every value is such a name (and a date where the
template formats a date), so a new template without `{% autoescape off %}` fails here.
"""

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.template.loader import get_template

APPS = Path(__file__).resolve().parents[2]
TEMPLATES = sorted(APPS.glob("*/templates/**/*.txt"))
NAME = "CIO d'Amboise & <Blois>"
WHEN = datetime(2026, 12, 7, 10, tzinfo=UTC)


def _all_text() -> str:
    return "".join(p.read_text() for p in TEMPLATES)


# The last name before a |date or |time filter: a date, whatever object holds it.
DATES = set(re.findall(r"(\w+)\|(?:date|time)", _all_text()))


class Anything:
    """Any context value: every attribute, key or item is the name again (or a date, see DATES)."""

    def __str__(self):
        return NAME

    def __getattr__(self, name):
        return WHEN if name in DATES else self

    def __getitem__(self, key):  # the template engine tries a key before an attribute
        return self.__getattr__(key)

    def __int__(self):  # an amount in cents, a count
        return 1234

    def __iter__(self):
        return iter([self])

    def __len__(self):
        return 1


def _context() -> dict:
    text = _all_text()
    names = set(re.findall(r"{{\s*(\w+)", text)) | set(re.findall(r"{%\s*(?:if|for \w+ in|with)\s+(\w+)", text))
    context = {name: WHEN if name in DATES else Anything() for name in names}
    return context | {"uid": "MQ", "token": "cle-de-test"}  # reversed into a URL


def test_every_e_mail_template_is_found():
    assert len(TEMPLATES) >= 10


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(APPS)))
def test_plain_text_templates_do_not_escape_html(path):
    name = "/".join(path.parts[path.parts.index("templates") + 1 :])
    text = get_template(name).render(_context())
    assert "&#x27;" not in text and "&amp;" not in text and "&lt;" not in text
    if "{{" in path.read_text():
        assert NAME in text or NAME.lower() in text
