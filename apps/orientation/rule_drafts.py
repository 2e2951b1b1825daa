"""Routing rules with a draft: edit without touching the published rules, compare, publish, restore.

The published rules are the RoutingRule rows that the engine reads (routing.active_rules).
The draft (one for the region) and every published version are JSON lists of rules, one dict per
rule: its scalar fields, the code of its network, the codes of its statuses and themes, its `key`
(the published rule's id as text, or "n1", "n2"... for a rule created in the draft) and `id`.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from apps.core import region_pack
from apps.directory.models import Network, Status, Theme
from apps.geo.models import Commune

from .models import RoutingRule, RuleDraft, RuleSetVersion
from .routing import Situation, active_rules, orient


class RuleSetError(ValidationError):
    """A rule set that cannot be applied (a network, status or theme it names no longer exists)."""


def _scalar_fields() -> list[str]:
    return [f.name for f in RoutingRule._meta.concrete_fields if not f.primary_key and not f.is_relation]


def rule_to_dict(rule: RoutingRule, status_codes, theme_codes) -> dict:
    data = {name: getattr(rule, name) for name in _scalar_fields()}
    data.update(
        key=str(rule.pk) if rule.pk else "",
        id=rule.pk,
        network=rule.network.code,
        statuses=sorted(status_codes),
        themes=sorted(theme_codes),
    )
    return data


def published_rules() -> list[dict]:
    """Every published rule, active or not, as dicts."""
    rules = RoutingRule.objects.select_related("network").prefetch_related("statuses", "themes").order_by("pk")
    return [
        rule_to_dict(rule, [s.code for s in rule.statuses.all()], [t.code for t in rule.themes.all()]) for rule in rules
    ]


def current_draft() -> RuleDraft | None:
    return RuleDraft.objects.select_related("updated_by").order_by("pk").first()


def draft_rules() -> list[dict]:
    """The rules of the draft, or the published ones when no draft is started."""
    draft = current_draft()
    return draft.rules if draft else published_rules()


def draft_entry(key: str) -> dict | None:
    return next((rule for rule in draft_rules() if rule["key"] == key), None)


def unsaved_rule(data: dict, networks: dict | None = None) -> RoutingRule:
    """A RoutingRule built from a dict, never saved: what the engine and the forms need to read it."""
    networks = networks if networks is not None else {n.code: n for n in Network.objects.all()}
    if data["network"] not in networks:
        raise RuleSetError(f"La règle « {data['name']} » oriente vers un réseau qui n'existe plus.")
    fields = {name: data[name] for name in _scalar_fields() if name in data}
    return RoutingRule(pk=data.get("id"), network=networks[data["network"]], **fields)


def rule_set(rules: list[dict]) -> list[RoutingRule]:
    """The rules the engine would apply if these were published (active rules of active networks), unsaved."""
    networks = {n.code: n for n in Network.objects.all()}
    entries = []
    for data in rules:
        rule = unsaved_rule(data, networks)
        if rule.is_active and rule.network.is_active:
            rule._routing_codes = (set(data["statuses"]), set(data["themes"]))  # read by routing.matching_rules
            entries.append(rule)
    return entries


# --- Editing the draft -------------------------------------------------------------------------------


def _locked_draft(user) -> RuleDraft:
    draft = RuleDraft.objects.select_for_update().order_by("pk").first()
    if draft is None:
        draft = RuleDraft.objects.create(rules=published_rules(), based_on=latest_version(), updated_by=user)
    return draft


def _new_key(rules: list[dict]) -> str:
    used = {rule["key"] for rule in rules}
    number = 1
    while f"n{number}" in used:
        number += 1
    return f"n{number}"


@transaction.atomic
def save_rule_in_draft(user, key: str | None, rule: RoutingRule, status_codes, theme_codes) -> dict:
    """Put a new or edited rule in the draft (started from the published rules if needed)."""
    draft = _locked_draft(user)
    rules = draft.rules
    data = rule_to_dict(rule, status_codes, theme_codes)
    existing = next((r for r in rules if r["key"] == key), None) if key else None
    if existing is None:
        data.update(key=_new_key(rules), id=None, is_active=True)
        rules.append(data)
    else:
        data.update(key=existing["key"], id=existing["id"], is_active=existing["is_active"])
        rules[rules.index(existing)] = data
    draft.rules, draft.updated_by = rules, user
    draft.save()
    return data


@transaction.atomic
def toggle_rule_in_draft(user, key: str) -> dict:
    """Deactivate (or reactivate) a rule in the draft."""
    draft = _locked_draft(user)
    entry = next(r for r in draft.rules if r["key"] == key)
    entry["is_active"] = not entry["is_active"]
    draft.updated_by = user
    draft.save()
    return entry


def discard_draft() -> None:
    RuleDraft.objects.all().delete()


# --- What the draft changes ---------------------------------------------------------------------------


@dataclass
class Change:
    kind: str  # "added", "changed", "deactivated", "reactivated", "removed"
    rule: dict


CHANGE_LABELS = {
    "added": "nouvelle",
    "changed": "modifiée",
    "deactivated": "désactivée",
    "reactivated": "réactivée",
    "removed": "retirée",
}


def changes(draft: list[dict], published: list[dict]) -> list[Change]:
    by_key = {rule["key"]: rule for rule in published}
    found = []
    for rule in draft:
        before = by_key.get(rule["key"])
        if before is None:
            found.append(Change("added", rule))
        elif before["is_active"] != rule["is_active"]:
            found.append(Change("reactivated" if rule["is_active"] else "deactivated", rule))
        elif before != rule:
            found.append(Change("changed", rule))
    keys = {rule["key"] for rule in draft}
    found += [Change("removed", rule) for rule in published if rule["key"] not in keys]
    return found


@dataclass
class Comparison:
    label: str
    published: list  # the doors of the published rules
    draft: list  # the doors of the draft

    @property
    def differs(self) -> bool:
        def summary(doors):
            return [(d.network.code, d.cep_level, d.why) for d in doors]

        return summary(self.published) != summary(self.draft)


def sample_situations() -> list[tuple[str, Situation]]:
    """The situations every draft is tried on, in communes of the Région (the pack's sample_situations.json)."""
    items = region_pack.current().read_json("sample_situations")["situations"]
    communes = Commune.objects.select_related("departement").in_bulk([item["commune"] for item in items])
    return [
        (
            item["label"],
            Situation(
                age=item["age"],
                status=item["status"],
                theme=item["theme"],
                handicap=item["handicap"],
                commune=communes.get(item["commune"]),
            ),
        )
        for item in items
    ]


def compare(situations: list[tuple[str, Situation]], draft: list[dict], places_per_door: int = 1) -> list[Comparison]:
    """The doors of the published rules and of the draft, side by side, for each situation."""
    published, proposed = active_rules(), rule_set(draft)
    return [
        Comparison(
            label,
            orient(situation, places_per_door, rules=published).doors,
            orient(situation, places_per_door, rules=proposed).doors,
        )
        for label, situation in situations
    ]


# --- Publishing and restoring -------------------------------------------------------------------------


def latest_version() -> RuleSetVersion | None:
    return RuleSetVersion.objects.order_by("-number").first()


def _record_version(user, note: str = "", restored_from: RuleSetVersion | None = None) -> RuleSetVersion:
    number = (RuleSetVersion.objects.aggregate(n=Max("number"))["n"] or 0) + 1
    return RuleSetVersion.objects.create(
        number=number,
        rules=published_rules(),
        published_at=timezone.now(),
        published_by=user,
        restored_from=restored_from,
        note=note,
    )


def _ensure_initial_version() -> None:
    """Before the first publication, keep the rules in force until then so they can be restored."""
    if not RuleSetVersion.objects.exists() and RoutingRule.objects.exists():
        _record_version(None, note="Règles en vigueur avant la première publication")


def _codes(model, codes: list[str], rule_name: str, what: str) -> list:
    found = list(model.objects.filter(code__in=codes))
    if len(found) != len(set(codes)):
        missing = sorted(set(codes) - {item.code for item in found})
        raise RuleSetError(f"La règle « {rule_name} » cite {what} qui n'existe plus : {', '.join(missing)}.")
    return found


def _apply(rules: list[dict]) -> None:
    """Make the published rules exactly these rules: update, create, and delete the others."""
    networks = {n.code: n for n in Network.objects.all()}
    kept = []
    for data in rules:
        rule = unsaved_rule(data, networks)
        if rule.pk is not None and not RoutingRule.objects.filter(pk=rule.pk).exists():
            rule.pk = None  # deleted since: created again
        rule._state.adding = rule.pk is None
        try:
            rule.full_clean(exclude=["statuses", "themes"])
        except ValidationError as error:
            raise RuleSetError(f"La règle « {rule.name} » n'est pas valide : {' '.join(error.messages)}") from error
        rule.save()
        rule.statuses.set(_codes(Status, data["statuses"], rule.name, "des situations"))
        rule.themes.set(_codes(Theme, data["themes"], rule.name, "des questions"))
        kept.append(rule.pk)
    RoutingRule.objects.exclude(pk__in=kept).delete()


@transaction.atomic
def publish(user) -> RuleSetVersion:
    """The draft becomes the published rules and a new version; the draft is gone."""
    draft = RuleDraft.objects.select_for_update().order_by("pk").first()
    if draft is None:
        raise RuleSetError("Il n'y a pas de brouillon à publier.")
    _ensure_initial_version()
    _apply(draft.rules)
    draft.delete()
    return _record_version(user)


@transaction.atomic
def restore(version: RuleSetVersion, user) -> RuleSetVersion:
    """An earlier version becomes the published rules again, as a new version; a draft in progress is dropped."""
    RuleDraft.objects.select_for_update().delete()
    _ensure_initial_version()
    _apply(version.rules)
    return _record_version(user, note=f"Restauration de la version {version.number}", restored_from=version)


def versions():
    return RuleSetVersion.objects.select_related("published_by", "restored_from").order_by("-number")
