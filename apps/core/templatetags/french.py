"""Template filters for French wording (rules in apps/core/french.py); a template builtin, no {% load %} needed.

{{ commune.name|de }} → « d'Orléans »; {{ departement.name|article }} → « l'Indre »; {{ commune.name|a }} → « au Mans »;
{{ n|nombre:"place disponible" }} → « 3 places disponibles »; {{ n|nombre:"lieu|lieux" }};
{{ n|accord:"disponible" }} → « disponible » (the word only); {{ day|date_fr }} / {{ day|date_fr:"l j F Y" }}.
"""

from django import template

from apps.core import french

register = template.Library()


def _forms(arg: str) -> tuple[str, str | None]:
    singular, _, plural = arg.partition("|")
    return singular, plural or None


@register.filter
def de(name):
    return french.de(str(name))


@register.filter
def article(name):
    return french.article(str(name))


@register.filter(name="a")
def a_filter(name):
    return french.a(str(name))


@register.filter
def nombre(count, words):
    return french.nombre(int(count or 0), *_forms(words))


@register.filter
def accord(count, words):
    return french.accord(int(count or 0), *_forms(words))


@register.filter
def date_fr(value, fmt="j F Y"):
    return french.date_fr(value, fmt)


@register.filter
def liste(items):
    return french.liste(list(items))


@register.filter(is_safe=False)
def pluralize(value, arg="s"):
    """Django's |pluralize with the French rule: 0 and 1 take the singular (« 0 disponible », « 1 réponse »).

    Registered as a builtin after Django's own, so every {{ n|pluralize }} of the project follows it.
    """
    if "," not in arg:
        arg = "," + arg
    bits = arg.split(",")
    if len(bits) > 2:
        return ""
    singular_suffix, plural_suffix = bits[:2]
    try:
        count = float(value)
    except (TypeError, ValueError):
        try:
            count = len(value)
        except TypeError:
            return ""
    return singular_suffix if abs(count) < 2 else plural_suffix
