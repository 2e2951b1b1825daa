"""Region admins manage the routing rules (règles d'aiguillage) and try them on a situation."""

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from apps.accounts.decorators import region_admin_required
from apps.directory.models import Status, Theme

from . import rule_drafts
from .models import RoutingRule
from .routing import matching_rules, orient
from .rules_forms import PreviewForm, RoutingRuleForm


def _labels(items) -> str:
    labels = [item.label for item in items]
    if len(labels) <= 1:
        return "".join(labels)
    return f"{', '.join(labels[:-1])} ou {labels[-1]}"


def _words(age_min, age_max, statuses: list, themes: list, handicap) -> list[str]:
    if age_min is not None and age_max is not None:
        age = f"De {age_min} à {age_max} ans"
    elif age_min is not None:
        age = f"À partir de {age_min} ans"
    elif age_max is not None:
        age = f"Jusqu'à {age_max} ans"
    else:
        age = "Tout âge"
    words = [
        age,
        f"Situation : {_labels(statuses)}" if statuses else "Toutes les situations",
        f"Question : {_labels(themes)}" if themes else "Toutes les questions",
    ]
    if handicap is True:
        words.append("Seulement les personnes en situation de handicap")
    elif handicap is False:
        words.append("Seulement les personnes qui ne sont pas en situation de handicap")
    return words


def conditions_in_words(rule: RoutingRule) -> list[str]:
    """The rule's conditions as a person would say them; an empty condition accepts everyone."""
    return _words(rule.age_min, rule.age_max, list(rule.statuses.all()), list(rule.themes.all()), rule.handicap)


def draft_conditions_in_words(data: dict, statuses: dict, themes: dict) -> list[str]:
    """The same words for a rule of the draft (a dict); `statuses` and `themes` map codes to vocabulary items."""
    chosen_statuses = sorted((statuses[c] for c in data["statuses"] if c in statuses), key=lambda s: s.position)
    chosen_themes = sorted((themes[c] for c in data["themes"] if c in themes), key=lambda t: t.position)
    return _words(data["age_min"], data["age_max"], chosen_statuses, chosen_themes, data["handicap"])


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
    context = {"rules": rules, "preview": preview, "tried": tried, "draft": rule_drafts.current_draft()}
    if tried and preview.is_valid():
        situation = preview.situation()
        context["orientation"] = orient(situation)
        context["matched"] = matching_rules(situation)
    return render(request, "orientation/rules_list.html", context)


@region_admin_required
@require_http_methods(["GET", "POST"])
def rule_edit(request, key=None):
    """Edit a rule, or create one, in the draft: the published rules do not change until it is published."""
    entry = rule_drafts.draft_entry(key) if key else None
    if key and entry is None:
        raise Http404("Cette règle n'existe pas dans le brouillon.")
    form = RoutingRuleForm(request.POST or None, **_form_kwargs(entry))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        rule_drafts.save_rule_in_draft(
            request.user, key, form.instance, [s.code for s in data["statuses"]], [t.code for t in data["themes"]]
        )
        messages.success(
            request,
            f"La règle « {form.instance.name} » est modifiée dans le brouillon : rien ne change pour les personnes "
            "avant la publication. Comparez les portes, puis publiez.",
        )
        return redirect("orientation:rules_draft")
    title = f"Modifier la règle « {entry['name']} »" if entry else "Nouvelle règle d'aiguillage"
    return render(request, "orientation/rules_form.html", {"form": form, "entry": entry, "title": title})


def _form_kwargs(entry: dict | None) -> dict:
    if entry is None:
        return {"instance": RoutingRule()}
    rule = rule_drafts.unsaved_rule(entry)
    rule.pk = None  # never read the published rule's conditions: the draft's are in `initial`
    initial = {
        "statuses": list(Status.objects.filter(code__in=entry["statuses"])),
        "themes": list(Theme.objects.filter(code__in=entry["themes"])),
    }
    return {"instance": rule, "initial": initial}


@region_admin_required
@require_http_methods(["GET", "POST"])
def rule_toggle(request, key):
    """Deactivate (or reactivate) a rule in the draft, after a confirmation page."""
    entry = rule_drafts.draft_entry(key)
    if entry is None:
        raise Http404("Cette règle n'existe pas dans le brouillon.")
    if request.method == "POST":
        entry = rule_drafts.toggle_rule_in_draft(request.user, key)
        state = "réactivée" if entry["is_active"] else "désactivée"
        messages.success(request, f"La règle « {entry['name']} » est {state} dans le brouillon.")
        return redirect("orientation:rules_draft")
    rule = rule_drafts.unsaved_rule(entry)
    statuses = {s.code: s for s in Status.objects.all()}
    themes = {t.code: t for t in Theme.objects.all()}
    context = {"rule": rule, "key": key, "conditions": draft_conditions_in_words(entry, statuses, themes)}
    return render(request, "orientation/rules_toggle.html", context)
