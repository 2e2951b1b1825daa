"""Required marks follow the forms' rules: over every form class of the project, every field is rendered
through each shared field template and carries the « * » if and only if the form requires it.

The mark comes from one filter (`required_mark`, apps/core/templatetags/spro_tags.py); no template writes
it by hand (checked below by reading every template).
"""

import importlib
import pkgutil
import re
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.template.loader import render_to_string

import apps

pytestmark = pytest.mark.django_db

MARK = 'class="required-mark"'
_CHOICE_WIDGETS = (forms.RadioSelect, forms.CheckboxSelectMultiple)

# The shared templates that render one field with its label, by the kind of widget they take.
FIELD_TEMPLATES = {
    "text": ["includes/field.html", "public/assistant_field.html"],
    "choices": ["public/assistant_choices.html", "orientation/_fieldset.html"],
    "checkbox": ["public/assistant_checkbox.html", "programme/_checkbox.html", "includes/field.html"],
}


def _form_classes() -> list[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(apps.__path__, "apps."):
        if any(part in module.name for part in (".tests", ".migrations", ".management")):
            continue
        importlib.import_module(module.name)
    found, stack = set(), [forms.BaseForm]
    while stack:
        for sub in stack.pop().__subclasses__():
            if sub not in found:
                found.add(sub)
                stack.append(sub)
    return sorted(
        (c for c in found if c.__module__.startswith("apps.") and c.base_fields is not None),
        key=lambda c: f"{c.__module__}.{c.__qualname__}",
    )


FORM_CLASSES = _form_classes()


def _instance(form_class):
    """The form as its page builds it when it needs no argument; else its declared fields, as BaseForm sets them up."""
    try:
        return form_class()
    except (TypeError, KeyError, AttributeError, ValueError):
        form = form_class.__new__(form_class)
        forms.BaseForm.__init__(form)
        return form


def _kind(widget) -> str | None:
    if widget.is_hidden:
        return None
    if isinstance(widget, _CHOICE_WIDGETS):
        return "choices"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    return "text"


def test_every_form_class_of_the_project_is_found():
    names = {c.__name__ for c in FORM_CLASSES}
    assert len(FORM_CLASSES) >= 30
    assert {"SearchForm", "AssistantForm", "CallbackForm", "ReceptionForm", "SessionForm"} <= names


@pytest.mark.parametrize("form_class", FORM_CLASSES, ids=lambda c: f"{c.__module__}.{c.__qualname__}")
def test_each_field_is_marked_if_and_only_if_the_form_requires_it(form_class):
    form = _instance(form_class)
    checked = 0
    for bound in form:
        kind = _kind(bound.field.widget)
        if kind is None:
            continue
        for template in FIELD_TEMPLATES[kind]:
            html = render_to_string(template, {"field": bound, "form": form})
            assert (MARK in html) == bound.field.required, f"{bound.name} in {template}"
            checked += 1
    assert checked or all(b.is_hidden for b in form) or not form.fields


def _templates() -> list[Path]:
    roots = [Path(d) for d in settings.TEMPLATES[0]["DIRS"]] + list(Path(settings.BASE_DIR, "apps").glob("*/templates"))
    return sorted(p for root in roots for p in root.rglob("*.html"))


def test_no_template_writes_a_required_mark_by_hand():
    hand_written = re.compile(r'aria-hidden="true">\s*\*\s*<|\{% if [\w.]+\.field\.required %\}')
    offenders = [str(p) for p in _templates() if hand_written.search(p.read_text(encoding="utf-8"))]
    assert offenders == []
