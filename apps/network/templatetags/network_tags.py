from django import template

from ..money import format_euros

register = template.Library()


@register.filter
def euros(cents):
    """Integer cents → "12 345,67 €" (French typography)."""
    if cents in (None, ""):
        return "—"
    return format_euros(int(cents))
