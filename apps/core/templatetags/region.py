"""{% region "site_name" %}: the Région's wording from its region pack, in pages, e-mails, PDFs (a builtin)."""

from django import template

from apps.core import region_pack

register = template.Library()


@register.simple_tag
def region(key: str) -> str:
    return region_pack.current().text(key)
