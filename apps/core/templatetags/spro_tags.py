from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """Read a dict entry in a template: {{ counts|get_item:box }}."""
    return mapping.get(key, "")
