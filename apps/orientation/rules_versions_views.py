"""The draft of the routing rules (compare, publish, discard) and the published versions (list, restore)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from apps.accounts.decorators import region_admin_required
from apps.directory.models import Network, Status, Theme

from . import rule_drafts
from .models import RuleSetVersion
from .routing import PLACES_PER_DOOR
from .rules_forms import PreviewForm
from .rules_views import draft_conditions_in_words

PREVIEW_FIELDS = ("age", "statut", "theme", "handicap", "lieu")


def _rows(rules: list[dict], changes: list) -> list[dict]:
    """The draft's rules ready to show: labels, conditions in words, what changed."""
    statuses = {s.code: s for s in Status.objects.all()}
    themes = {t.code: t for t in Theme.objects.all()}
    networks = {n.code: n for n in Network.objects.all()}
    kinds = {change.rule["key"]: rule_drafts.CHANGE_LABELS[change.kind] for change in changes}
    rows = []
    for data in sorted(rules, key=lambda r: (not r["is_active"], -r["weight"], r["name"])):
        rule = rule_drafts.unsaved_rule(data, networks)
        rows.append(
            {
                "key": data["key"],
                "rule": rule,
                "conditions": draft_conditions_in_words(data, statuses, themes),
                "change": kinds.get(data["key"], ""),
            }
        )
    return rows


@region_admin_required
def draft(request):
    current = rule_drafts.current_draft()
    if current is None:
        return render(request, "orientation/rules_draft.html", {"draft": None})
    changes = rule_drafts.changes(current.rules, rule_drafts.published_rules())
    tried = any(request.GET.get(name) for name in PREVIEW_FIELDS)
    preview = PreviewForm(request.GET if tried else None)
    context = {
        "draft": current,
        "changes": changes,
        "rows": _rows(current.rules, changes),
        "comparisons": rule_drafts.compare(rule_drafts.sample_situations(), current.rules),
        "preview": preview,
        "tried": tried,
    }
    if tried and preview.is_valid():
        situation = [("Votre situation", preview.situation())]
        context["tried_comparisons"] = rule_drafts.compare(situation, current.rules, PLACES_PER_DOOR)
    return render(request, "orientation/rules_draft.html", context)


@region_admin_required
@require_http_methods(["GET", "POST"])
def publish(request):
    current = rule_drafts.current_draft()
    if current is None:
        messages.info(request, "Il n'y a pas de brouillon à publier.")
        return redirect("orientation:rules")
    if request.method == "POST":
        try:
            version = rule_drafts.publish(request.user)
        except rule_drafts.RuleSetError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("orientation:rules_draft")
        messages.success(
            request, f"Le brouillon est publié : version {version.number} des règles, appliquée dès maintenant."
        )
        return redirect("orientation:rule_versions")
    changes = rule_drafts.changes(current.rules, rule_drafts.published_rules())
    comparisons = rule_drafts.compare(rule_drafts.sample_situations(), current.rules)
    context = {"changes": changes, "rows": _rows(current.rules, changes), "comparisons": comparisons}
    return render(request, "orientation/rules_publish.html", context)


@region_admin_required
@require_http_methods(["GET", "POST"])
def discard(request):
    current = rule_drafts.current_draft()
    if current is None:
        return redirect("orientation:rules")
    if request.method == "POST":
        rule_drafts.discard_draft()
        messages.success(request, "Le brouillon est abandonné : les règles publiées n'ont pas changé.")
        return redirect("orientation:rules")
    changes = rule_drafts.changes(current.rules, rule_drafts.published_rules())
    context = {"changes": changes, "rows": _rows(current.rules, changes)}
    return render(request, "orientation/rules_discard.html", context)


@region_admin_required
def versions(request):
    context = {"versions": rule_drafts.versions(), "draft": rule_drafts.current_draft()}
    return render(request, "orientation/rules_versions.html", context)


@region_admin_required
@require_http_methods(["GET", "POST"])
def restore(request, number):
    version = get_object_or_404(RuleSetVersion, number=number)
    if request.method == "POST":
        try:
            new = rule_drafts.restore(version, request.user)
        except rule_drafts.RuleSetError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("orientation:rule_versions")
        messages.success(
            request, f"La version {version.number} est restaurée : elle est publiée comme version {new.number}."
        )
        return redirect("orientation:rule_versions")
    changes = rule_drafts.changes(version.rules, rule_drafts.published_rules())
    try:
        context = {
            "version": version,
            "changes": changes,
            "rows": _rows(version.rules, changes),
            "comparisons": rule_drafts.compare(rule_drafts.sample_situations(), version.rules),
            "draft": rule_drafts.current_draft(),
        }
    except rule_drafts.RuleSetError as error:
        messages.error(request, f"La version {version.number} ne peut pas être restaurée. {' '.join(error.messages)}")
        return redirect("orientation:rule_versions")
    return render(request, "orientation/rules_restore.html", context)
