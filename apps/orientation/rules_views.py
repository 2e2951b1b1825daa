"""Region admins manage the routing rules (règles d'aiguillage) and try them on a situation."""

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from apps.accounts.decorators import region_admin_required
from apps.directory.models import Status, Theme

from .models import RoutingRule
from .routing import matching_rules, orient
from .rules_forms import PreviewForm, RoutingRuleForm


def _labels(items) -> str:
    labels = [item.label for item in items]
    if len(labels) <= 1:
        return "".join(labels)
    return f"{', '.join(labels[:-1])} ou {labels[-1]}"


def conditions_in_words(rule: RoutingRule) -> list[str]:
    """The rule's conditions as a person would say them; an empty condition accepts everyone."""
    if rule.age_min is not None and rule.age_max is not None:
        age = f"De {rule.age_min} à {rule.age_max} ans"
    elif rule.age_min is not None:
        age = f"À partir de {rule.age_min} ans"
    elif rule.age_max is not None:
        age = f"Jusqu'à {rule.age_max} ans"
    else:
        age = "Tout âge"
    statuses = list(rule.statuses.all())
    themes = list(rule.themes.all())
    words = [
        age,
        f"Situation : {_labels(statuses)}" if statuses else "Toutes les situations",
        f"Question : {_labels(themes)}" if themes else "Toutes les questions",
    ]
    if rule.handicap is True:
        words.append("Seulement les personnes en situation de handicap")
    elif rule.handicap is False:
        words.append("Seulement les personnes qui ne sont pas en situation de handicap")
    return words


def _rules():
    return (
        RoutingRule.objects.select_related("network")
        .prefetch_related(
            Prefetch("statuses", Status.objects.order_by("position")),
            Prefetch("themes", Theme.objects.order_by("position")),
        )
        .order_by("-is_active", "-weight", "name")
    )


@region_admin_required
def rule_list(request):
    rules = list(_rules())
    for rule in rules:
        rule.conditions = conditions_in_words(rule)
    tried = any(request.GET.get(name) for name in ("age", "statut", "theme", "handicap", "lieu"))
    preview = PreviewForm(request.GET if tried else None)
    context = {"rules": rules, "preview": preview, "tried": tried}
    if tried and preview.is_valid():
        situation = preview.situation()
        context["orientation"] = orient(situation)
        context["matched"] = matching_rules(situation)
    return render(request, "orientation/rules_list.html", context)


@region_admin_required
@require_http_methods(["GET", "POST"])
def rule_edit(request, pk=None):
    rule = get_object_or_404(RoutingRule, pk=pk) if pk else RoutingRule()
    form = RoutingRuleForm(request.POST or None, instance=rule)
    if request.method == "POST" and form.is_valid():
        rule = form.save()
        messages.success(request, f"La règle « {rule.name} » a été enregistrée.")
        return redirect("orientation:rules")
    title = f"Modifier la règle « {rule.name} »" if pk else "Nouvelle règle d'aiguillage"
    return render(request, "orientation/rules_form.html", {"form": form, "rule": rule, "title": title})


@region_admin_required
@require_http_methods(["GET", "POST"])
def rule_toggle(request, pk):
    """Deactivate (or reactivate) a rule, after a confirmation page."""
    rule = get_object_or_404(RoutingRule.objects.select_related("network"), pk=pk)
    if request.method == "POST":
        rule.is_active = not rule.is_active
        rule.save(update_fields=["is_active"])
        state = "réactivée" if rule.is_active else "désactivée"
        messages.success(request, f"La règle « {rule.name} » a été {state}.")
        return redirect("orientation:rules")
    return render(request, "orientation/rules_toggle.html", {"rule": rule, "conditions": conditions_in_words(rule)})
