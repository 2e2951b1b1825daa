"""Region admins manage the routing rules through a draft, publish it and restore versions; nobody else may."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from apps.directory.models import Network, Status, Theme
from apps.orientation import rule_drafts
from apps.orientation.models import RoutingRule, RuleDraft, RuleSetVersion
from apps.orientation.routing import Situation, orient
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def default_rules(demo_region, django_db_blocker):
    from apps.orientation.routing import load_default_rules

    with django_db_blocker.unblock():
        load_default_rules(replace=True)


def rule_data(**overrides):
    data = {
        "name": "Alternance dans l'agriculture",
        "age_min": "16",
        "age_max": "29",
        "statuses": [Status.objects.get(code="apprenti").pk],
        "themes": [Theme.objects.get(code="alternance").pk],
        "handicap": "",
        "network": Network.objects.get(code="chambre-agriculture").pk,
        "cep_level": "1",
        "weight": "200",
        "why": "La Chambre d'agriculture aide à trouver un apprentissage dans l'agriculture.",
    }
    data.update(overrides)
    return data


PARIS = ZoneInfo("Europe/Paris")
ORLEANS_PUPIL = {"age": "16", "statut": "lyceen", "theme": "choisir-orientation", "lieu": "45000"}


def pupil_rule() -> RoutingRule:
    """The published rule of the first door for seed situation 3 (a 16-year-old pupil in Orléans)."""
    return orient(Situation(age=16, status="lyceen", theme="choisir-orientation")).doors[0].rule


def first_networks(situation=None) -> list[str]:
    situation = situation or Situation(age=16, status="lyceen", theme="choisir-orientation")
    return [door.network.code for door in orient(situation, 1).doors]


def _coordinator():
    from apps.network.tests.factories import CoordinatorFactory

    return CoordinatorFactory().user


def _structure_admin(structure):
    return MembershipFactory(structure=structure, role="admin").user


OTHER_ROLES = {
    "anonyme": lambda s: None,
    "membre d'une structure": lambda s: MembershipFactory(structure=s).user,
    "administrateur·rice de structure": _structure_admin,
    "coordinateur·rice": lambda s: _coordinator(),
    "équipe d'appui": lambda s: UserFactory(role="support_team"),
}


def forbidden_requests(key, number):
    """Every page of the rules, read and written."""
    urls = [
        reverse("orientation:rules"),
        reverse("orientation:rule_create"),
        reverse("orientation:rule_edit", args=[key]),
        reverse("orientation:rule_toggle", args=[key]),
        reverse("orientation:rules_draft"),
        reverse("orientation:rules_publish"),
        reverse("orientation:rules_discard"),
        reverse("orientation:rule_versions"),
        reverse("orientation:rule_restore", args=[number]),
    ]
    return [(method, url) for url in urls for method in ("get", "post")]


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_every_other_role_is_refused_every_page_and_changes_nothing(client, structure_a, region_admin, role):
    rule = pupil_rule()
    rule_drafts.toggle_rule_in_draft(region_admin, str(rule.pk))
    version = rule_drafts.publish(region_admin)  # version 1 (before) and 2 exist
    rule_drafts.toggle_rule_in_draft(region_admin, str(rule.pk))  # a draft in progress
    user = OTHER_ROLES[role](structure_a)
    if user is not None:
        client.force_login(user)
    for method, url in forbidden_requests(str(rule.pk), version.number - 1):
        response = getattr(client, method)(url, rule_data())
        if user is None:
            assert response.status_code == 302 and response.url.startswith(reverse("accounts:login")), url
        else:
            assert response.status_code == 403, (method, url)
    assert RuleSetVersion.objects.count() == 2
    assert rule_drafts.draft_entry(str(rule.pk))["is_active"] is True  # the draft is as the admin left it
    assert len(rule_drafts.draft_rules()) == RoutingRule.objects.count()
    rule.refresh_from_db()
    assert not rule.is_active  # as published, untouched
    assert not RoutingRule.objects.filter(name="Alternance dans l'agriculture").exists()


def test_the_list_shows_conditions_in_plain_french(client, region_admin):
    client.force_login(region_admin)
    content = client.get(reverse("orientation:rules")).content.decode()
    assert "De 16 à 25 ans" in content
    assert "Situation : Collégien·ne ou Lycéen·ne" in content
    assert "Toutes les questions" in content
    assert "Seulement les personnes en situation de handicap" in content


def test_a_new_rule_goes_to_the_draft_and_applies_once_published(client, region_admin):
    client.force_login(region_admin)
    response = client.post(reverse("orientation:rule_create"), rule_data())
    assert response.status_code == 302 and response.url == reverse("orientation:rules_draft")
    assert not RoutingRule.objects.filter(name="Alternance dans l'agriculture").exists()  # not published yet
    apprentice = {"age": "17", "statut": "apprenti", "theme": "alternance", "lieu": "Blois"}
    before = client.get(reverse("orientation:rules"), apprentice).context["orientation"].doors
    assert "chambre-agriculture" not in [d.network.code for d in before]

    draft_page = client.get(reverse("orientation:rules_draft"), apprentice)
    assert "Règle « Alternance dans l&#x27;agriculture » : nouvelle" in draft_page.content.decode()
    tried = draft_page.context["tried_comparisons"][0]
    assert tried.draft[0].network.code == "chambre-agriculture" and tried.differs
    assert any(door.places for door in tried.draft)  # the free situation shows the nearest places

    assert client.post(reverse("orientation:rules_publish")).status_code == 302
    rule = RoutingRule.objects.get(name="Alternance dans l'agriculture")
    assert (rule.age_min, rule.age_max, rule.weight, rule.handicap) == (16, 29, 200, None)
    assert [s.code for s in rule.statuses.all()] == ["apprenti"]
    preview = client.get(reverse("orientation:rules"), apprentice)
    doors = preview.context["orientation"].doors
    assert doors[0].rule == rule and doors[0].network.code == "chambre-agriculture"
    edit_url = reverse("orientation:rule_edit", args=[rule.pk])
    assert f'Règle : <a href="{edit_url}">Alternance dans l&#x27;agriculture</a>' in preview.content.decode()
    assert rule in preview.context["matched"]


def test_preview_of_a_seed_situation_names_the_rule_of_each_door(client, region_admin):
    client.force_login(region_admin)
    response = client.get(reverse("orientation:rules"), ORLEANS_PUPIL)
    doors = response.context["orientation"].doors
    assert doors[0].network.code == "cio"
    assert doors[0].rule.name in response.content.decode()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"age_min": "30", "age_max": "20"}, "age_max", "Âge maximum : il doit être supérieur ou égal à l'âge minimum"),
        ({"weight": "0"}, "weight", "Poids : saisissez un nombre entre 1 et 200."),
        ({"weight": "201"}, "weight", "Poids : saisissez un nombre entre 1 et 200."),
        ({"weight": ""}, "weight", "Poids : saisissez un nombre entre 1 et 200."),
        ({"age_min": "-1"}, "age_min", "Âge minimum : saisissez un âge entre 0 et 120 ans."),
        ({"network": ""}, "network", "Réseau recommandé : choisissez"),
        ({"why": ""}, "why", "Explication pour la personne"),
    ],
)
def test_invalid_rules_are_refused_with_messages_naming_the_field(client, region_admin, overrides, field, message):
    client.force_login(region_admin)
    response = client.post(reverse("orientation:rule_create"), rule_data(**overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert errors[0].startswith(message)
    assert 'role="alert"' in response.content.decode()
    assert not RuleDraft.objects.exists()


def test_an_edit_goes_to_the_draft_and_the_form_shows_the_draft(client, region_admin):
    client.force_login(region_admin)
    rule = pupil_rule()
    url = reverse("orientation:rule_edit", args=[rule.pk])
    data = rule_data(
        name=rule.name,
        age_min="",
        age_max="",
        statuses=[Status.objects.get(code="collegien").pk],
        themes=[],
        network=rule.network_id,
        cep_level="2",
        weight="90",
        why=rule.why,
        handicap="False",
    )
    assert client.get(url).status_code == 200
    assert client.post(url, data).status_code == 302
    rule.refresh_from_db()
    assert rule.weight != 90 and rule.handicap is None  # the published rule is untouched
    entry = rule_drafts.draft_entry(str(rule.pk))
    assert (entry["weight"], entry["handicap"], entry["age_min"], entry["statuses"]) == (90, False, None, ["collegien"])
    form = client.get(url).context["form"]  # the draft's conditions, not the published ones
    assert [s.code for s in form.initial["statuses"]] == ["collegien"] and form.initial["weight"] == 90


def test_unknown_draft_rule_is_a_404(client, region_admin):
    client.force_login(region_admin)
    assert client.get(reverse("orientation:rule_edit", args=["n99"])).status_code == 404
    assert client.get(reverse("orientation:rule_toggle", args=["n99"])).status_code == 404
    assert client.get(reverse("orientation:rule_restore", args=[99])).status_code == 404


def test_draft_preview_publish_version_restore(client, region_admin):
    """Done when: a rule can be drafted, previewed, published and restored."""
    region_admin.first_name, region_admin.last_name = "Camille", "Régionale"
    region_admin.save()
    client.force_login(region_admin)
    rule = pupil_rule()
    assert first_networks()[0] == "cio"

    # Draft: deactivating the pupils' rule asks for confirmation, then only the draft changes.
    toggle = reverse("orientation:rule_toggle", args=[rule.pk])
    assert f"Désactiver la règle « {rule.name} » ?" in client.get(toggle).content.decode()
    assert not RuleDraft.objects.exists()  # a GET changes nothing
    assert client.post(toggle).status_code == 302
    assert first_networks()[0] == "cio"  # still published
    published_list = client.get(reverse("orientation:rules")).content.decode()
    assert "Un brouillon est en cours" in published_list and toggle not in published_list  # toggles: in the draft

    # Preview: the seed situation of the pupil loses its first door, side by side.
    page = client.get(reverse("orientation:rules_draft"))
    comparisons = {c.label: c for c in page.context["comparisons"]}
    assert len(comparisons) == len(rule_drafts.sample_situations()) == 6
    pupil = comparisons["Lycéenne de 16 ans, à Orléans, qui s'interroge sur ses études"]
    assert pupil.differs and pupil.published[0].network.code == "cio"
    assert "cio" not in [d.network.code for d in pupil.draft]
    employee = comparisons["Salarié·e de 24 ans en CDD, à Tours, qui veut changer de métier"]
    assert not employee.differs
    content = page.content.decode()
    assert "Portes changées" in content and "Mêmes portes" in content
    assert f"Règle « {rule.name} » : désactivée".replace("'", "&#x27;") in content

    # Publish, after a confirmation page.
    confirm = client.get(reverse("orientation:rules_publish"))
    assert "Publier le brouillon des règles d'aiguillage ?" in confirm.content.decode()
    assert RuleDraft.objects.exists() and first_networks()[0] == "cio"
    with time_machine.travel(datetime(2026, 12, 7, 10, 30, tzinfo=PARIS), tick=False):
        response = client.post(reverse("orientation:rules_publish"))
    assert response.status_code == 302 and response.url == reverse("orientation:rule_versions")
    assert not RuleDraft.objects.exists()
    assert "cio" not in first_networks()

    # Versions: the rules before the first publication, then the published one, with who and when.
    versions = client.get(reverse("orientation:rule_versions"))
    initial, published = RuleSetVersion.objects.order_by("number")
    assert (initial.number, published.number, published.published_by) == (1, 2, region_admin)
    content = versions.content.decode()
    assert "Version 2" in content and "07/12/2026 à 10:30" in content and "Camille Régionale" in content

    # Restore version 1, after a confirmation page: the engine gives the old doors again.
    restore = reverse("orientation:rule_restore", args=[1])
    confirm = client.get(restore)
    assert "Restaurer la version 1 des règles d'aiguillage ?" in confirm.content.decode()
    assert "cio" not in first_networks()
    assert client.post(restore).status_code == 302
    assert first_networks()[0] == "cio"
    latest = RuleSetVersion.objects.order_by("-number").first()
    assert (latest.number, latest.restored_from, latest.published_by) == (3, initial, region_admin)
    assert rule_drafts.published_rules() == [dict(r) for r in latest.rules]


def test_restoring_removes_the_rules_created_since(client, region_admin):
    client.force_login(region_admin)
    client.post(reverse("orientation:rule_create"), rule_data())
    client.post(reverse("orientation:rules_publish"))
    assert RoutingRule.objects.filter(name="Alternance dans l'agriculture").exists()
    confirm = client.get(reverse("orientation:rule_restore", args=[1]))
    assert "Règle « Alternance dans l&#x27;agriculture » : retirée" in confirm.content.decode()
    client.post(reverse("orientation:rule_restore", args=[1]))
    assert not RoutingRule.objects.filter(name="Alternance dans l'agriculture").exists()
    assert RoutingRule.objects.count() == len(RuleSetVersion.objects.get(number=1).rules)


def test_restoring_drops_a_draft_in_progress_after_a_warning(client, region_admin):
    client.force_login(region_admin)
    rule = pupil_rule()
    client.post(reverse("orientation:rule_toggle", args=[rule.pk]))
    client.post(reverse("orientation:rules_publish"))
    client.post(reverse("orientation:rule_toggle", args=[rule.pk]))  # a new draft
    confirm = client.get(reverse("orientation:rule_restore", args=[1]))
    assert "le brouillon en cours sera abandonné" in confirm.content.decode()
    client.post(reverse("orientation:rule_restore", args=[1]))
    assert not RuleDraft.objects.exists()


def test_discarding_a_draft_asks_first_and_keeps_the_published_rules(client, region_admin):
    client.force_login(region_admin)
    rule = pupil_rule()
    client.post(reverse("orientation:rule_toggle", args=[rule.pk]))
    assert "Abandonner le brouillon" in client.get(reverse("orientation:rules_discard")).content.decode()
    assert RuleDraft.objects.exists()
    assert client.post(reverse("orientation:rules_discard")).status_code == 302
    assert not RuleDraft.objects.exists()
    rule.refresh_from_db()
    assert rule.is_active and first_networks()[0] == "cio"
    assert not RuleSetVersion.objects.exists()


def test_without_a_draft_there_is_nothing_to_publish(client, region_admin):
    client.force_login(region_admin)
    assert "Aucun brouillon en cours" in client.get(reverse("orientation:rules_draft")).content.decode()
    assert client.post(reverse("orientation:rules_publish")).url == reverse("orientation:rules")
    assert not RuleSetVersion.objects.exists()


@pytest.mark.parametrize(
    ("corruption", "message"),
    [
        ({"themes": ["theme-disparu"]}, "cite des questions qui n&#x27;existe plus : theme-disparu"),
        ({"statuses": ["situation-disparue"]}, "cite des situations qui n&#x27;existe plus : situation-disparue"),
        ({"network": "reseau-disparu"}, "oriente vers un réseau qui n&#x27;existe plus"),
        ({"age_min": 30, "age_max": 20}, "n&#x27;est pas valide"),
    ],
)
def test_a_version_that_cannot_be_applied_is_not_restored(client, region_admin, corruption, message):
    client.force_login(region_admin)
    client.post(reverse("orientation:rule_toggle", args=[pupil_rule().pk]))
    client.post(reverse("orientation:rules_publish"))
    initial = RuleSetVersion.objects.get(number=1)
    initial.rules[-1].update(corruption)
    initial.save()
    assert client.get(reverse("orientation:rule_restore", args=[1]), follow=True).status_code == 200
    response = client.post(reverse("orientation:rule_restore", args=[1]), follow=True)
    assert message in response.content.decode()
    assert RuleSetVersion.objects.count() == 2 and "cio" not in first_networks()


def test_invalid_preview_shows_an_error(client, region_admin):
    client.force_login(region_admin)
    response = client.get(reverse("orientation:rules"), {"lieu": "Nullepartville", "age": "abc"})
    assert response.status_code == 200
    assert "orientation" not in response.context
    content = response.content.decode()
    assert "ne correspond à aucune commune" in content and "Âge : saisissez un nombre entier" in content
