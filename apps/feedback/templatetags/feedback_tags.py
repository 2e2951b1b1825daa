from django import template

from ..page_feedback import PAGES, commune_code_of

register = template.Library()


@register.inclusion_tag("feedback/_page_feedback_widget.html", takes_context=True)
def page_feedback_widget(context):
    """The "Cette page vous a aidé ?" box of a public page; the commune searched counts the territory."""
    request = context["request"]
    match = request.resolver_match
    situation = context.get("situation")
    commune = getattr(getattr(situation, "commune", None), "code", "") or commune_code_of(request.GET.get("lieu", ""))
    return {
        "path": request.path,
        "commune": commune,
        "shown": bool(match and match.view_name in PAGES),
        "csrf_token": context.get("csrf_token"),
    }
