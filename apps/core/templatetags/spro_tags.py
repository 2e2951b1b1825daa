from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def get_item(mapping, key):
    """Read a dict entry in a template: {{ counts|get_item:box }}."""
    return mapping.get(key, "")


REQUIRED_MARK = ' <span class="required-mark" aria-hidden="true">*</span>'


@register.filter
def required_mark(bound_field):
    """The « * » after a field's label, read from the form field itself: never written by hand in a template.

    Every form template reaches it through this filter (a template builtin), so a field is marked if and only
    if the form requires it (tested over every form class in apps/core/tests/test_required_marks.py).
    """
    field = getattr(bound_field, "field", None)
    return mark_safe(REQUIRED_MARK) if field is not None and field.required else ""


@register.filter
def named_error(message, label):
    """An error of the summary, prefixed with its field's label unless it already starts with one (« Âge : … »)."""
    message = str(message)
    named, separator, _ = message.partition(" : ")
    if not label or (separator and len(named) <= 40 and "." not in named):
        return message
    return f"{label} : {message}"
