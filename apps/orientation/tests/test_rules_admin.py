"""Region admins manage the routing rules; nobody else may."""

import pytest
from django.urls import reverse

from apps.directory.models import Network, Status, Theme
from apps.orientation.models import RoutingRule

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


@pytest.mark.parametrize(
    "url",
    [
        reverse("orientation:rules"),
        reverse("orientation:rule_create"),
    ],
)
def test_anonymous_visitors_are_sent_to_the_login_page(client, url):
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_a_structure_member_is_refused(client, member_a):
    client.force_login(member_a)
    rule = RoutingRule.objects.first()
    assert client.get(reverse("orientation:rules")).status_code == 403
    assert client.get(reverse("orientation:rule_create")).status_code == 403
    assert client.post(reverse("orientation:rule_create"), rule_data()).status_code == 403
    assert client.post(reverse("orientation:rule_toggle", args=[rule.pk])).status_code == 403
    assert not RoutingRule.objects.filter(name="Alternance dans l'agriculture").exists()
    rule.refresh_from_db()
    assert rule.is_active


def test_the_list_shows_conditions_in_plain_french(client, region_admin):
    client.force_login(region_admin)
    content = client.get(reverse("orientation:rules")).content.decode()
    assert "De 16 à 25 ans" in content
    assert "Situation : Collégien·ne ou Lycéen·ne" in content
    assert "Toutes les questions" in content
    assert "Seulement les personnes en situation de handicap" in content


def test_region_admin_creates_a_rule_and_the_preview_shows_it(client, region_admin):
    client.force_login(region_admin)
    response = client.post(reverse("orientation:rule_create"), rule_data())
    assert response.status_code == 302 and response.url == reverse("orientation:rules")
    rule = RoutingRule.objects.get(name="Alternance dans l'agriculture")
    assert (rule.age_min, rule.age_max, rule.weight, rule.handicap) == (16, 29, 200, None)
    assert [s.code for s in rule.statuses.all()] == ["apprenti"]

    preview = client.get(
        reverse("orientation:rules"), {"age": "17", "statut": "apprenti", "theme": "alternance", "lieu": "Blois"}
    )
    doors = preview.context["orientation"].doors
    assert doors[0].rule == rule and doors[0].network.code == "chambre-agriculture"
    content = preview.content.decode()
    edit_url = reverse("orientation:rule_edit", args=[rule.pk])
    assert f'Règle : <a href="{edit_url}">Alternance dans l&#x27;agriculture</a>' in content
    assert rule in preview.context["matched"]


def test_preview_of_a_seed_situation_names_the_rule_of_each_door(client, region_admin):
    client.force_login(region_admin)
    response = client.get(
        reverse("orientation:rules"), {"age": "16", "statut": "lyceen", "theme": "choisir-orientation", "lieu": "45000"}
    )
    doors = response.context["orientation"].doors
    assert doors[0].network.code == "cio" and doors[0].rule.name == "Collégien ou lycéen"
    assert "Collégien ou lycéen" in response.content.decode()


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
    assert not RoutingRule.objects.filter(name="Alternance dans l'agriculture").exists()


def test_region_admin_edits_a_rule(client, region_admin):
    client.force_login(region_admin)
    rule = RoutingRule.objects.get(name="Collégien ou lycéen")
    data = rule_data(
        name=rule.name,
        age_min="",
        age_max="",
        statuses=[s.pk for s in rule.statuses.all()],
        themes=[],
        network=rule.network_id,
        cep_level="2",
        weight="90",
        why=rule.why,
        handicap="False",
    )
    assert client.get(reverse("orientation:rule_edit", args=[rule.pk])).status_code == 200
    response = client.post(reverse("orientation:rule_edit", args=[rule.pk]), data)
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.weight == 90 and rule.handicap is False and rule.age_min is None


def test_deactivation_asks_for_confirmation_then_the_rule_stops_applying(client, region_admin):
    client.force_login(region_admin)
    rule = RoutingRule.objects.get(name="Collégien ou lycéen")
    url = reverse("orientation:rule_toggle", args=[rule.pk])
    confirm = client.get(url)
    assert confirm.status_code == 200 and "Désactiver la règle « Collégien ou lycéen » ?" in confirm.content.decode()
    rule.refresh_from_db()
    assert rule.is_active  # a GET changes nothing

    assert client.post(url).status_code == 302
    rule.refresh_from_db()
    assert not rule.is_active
    preview = client.get(reverse("orientation:rules"), {"age": "16", "statut": "lyceen"})
    assert "cio" not in [d.network.code for d in preview.context["orientation"].doors]

    client.post(url)  # and back
    rule.refresh_from_db()
    assert rule.is_active


def test_invalid_preview_shows_an_error(client, region_admin):
    client.force_login(region_admin)
    response = client.get(reverse("orientation:rules"), {"lieu": "Nullepartville", "age": "abc"})
    assert response.status_code == 200
    assert "orientation" not in response.context
    content = response.content.decode()
    assert "ne correspond à aucune commune" in content and "Âge : saisissez un nombre entier" in content
