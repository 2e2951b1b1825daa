"""The default routing rules cover every person the seeds name: a table over every situation.

Every status × theme (or none) × age band × disability yes/no gets at least two doors, one of
them giving personalised counsel (CEP level 2 or more); then explicit rows for the seed situations
and for the gaps found in the December 2026 reviews; then the maturity of the project.
"""

import itertools

import pytest

from apps.directory.models import Status, Theme
from apps.orientation.coverage import BAND_AGES, coverage_gaps
from apps.orientation.grid import load_default_grid
from apps.orientation.models import PreInterviewQuestion, Reception, RoutingRule
from apps.orientation.routing import (
    Maturity,
    Situation,
    active_rules,
    choose_doors,
    load_default_rules,
    maturity_from_grid,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def rules(django_db_setup, django_db_blocker):
    """Vocabularies and default rules, loaded once for the module and rolled back after it."""
    from django.db import transaction

    from apps.directory.services import load_vocabularies

    with django_db_blocker.unblock(), transaction.atomic():
        load_vocabularies()
        assert load_default_rules(replace=True) > 0
        load_default_grid()
        yield active_rules()
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def vocabulary(rules, django_db_blocker):
    with django_db_blocker.unblock():
        return [s.code for s in Status.objects.all()], [""] + [t.code for t in Theme.objects.all()]


def test_the_bands_tried_are_every_band_of_a_reception():
    assert set(BAND_AGES) == set(Reception.AgeBand)


def doors(rules, age=None, status="", theme="", handicap=False, maturity=Maturity.UNKNOWN) -> list[tuple[str, int]]:
    situation = Situation(age=age, status=status, theme=theme, handicap=handicap, maturity=maturity)
    return [(door.network.code, door.cep_level) for door in choose_doors(situation, rules)]


@pytest.mark.parametrize("band", list(BAND_AGES))
@pytest.mark.parametrize(
    "status",
    [
        "collegien",
        "lyceen",
        "etudiant",
        "apprenti",
        "jeune-sans-solution",
        "demandeur-emploi",
        "salarie",
        "cadre",
        "agent-public",
        "independant",
        "sans-activite",
        "parent",
    ],
)
def test_every_situation_gets_two_doors_one_of_them_personalised_counsel(rules, vocabulary, status, band):
    statuses, themes = vocabulary
    assert status in statuses
    gaps = coverage_gaps(rules, statuses=[status], themes=themes, ages=BAND_AGES[band])
    assert [str(gap) for gap in gaps] == []


def test_the_table_lists_every_status_of_the_vocabulary(vocabulary):
    statuses, _ = vocabulary
    parametrized = test_every_situation_gets_two_doors_one_of_them_personalised_counsel.pytestmark
    listed = next(mark.args[1] for mark in parametrized if mark.args[0] == "status")
    assert set(statuses) == set(listed)


# (age, status, theme, handicap) → networks that must be offered, and the first door when it matters.
ROWS = [
    # The three seed situations ("Le SPRO ? C'est quoi au juste ?").
    (
        (19, "jeune-sans-solution", "reprendre-formation", False),
        {"mission-locale", "information-jeunesse"},
        "mission-locale",
    ),
    ((24, "salarie", "changer-metier", False), {"cep-actifs-occupes", "transitions-pro"}, "cep-actifs-occupes"),
    ((16, "lyceen", "choisir-orientation", False), {"cio"}, "cio"),
    # A 15-year-old who left school: compulsory schooling until 16, the CIO first (was Information Jeunesse only).
    ((15, "jeune-sans-solution", "", False), {"cio", "information-jeunesse"}, "cio"),
    ((15, "jeune-sans-solution", "reprendre-formation", False), {"cio"}, "cio"),
    # The 16–18 training obligation and the droit au retour en formation: Mission locale and CIO.
    ((16, "jeune-sans-solution", "", False), {"mission-locale", "information-jeunesse"}, "mission-locale"),
    ((17, "jeune-sans-solution", "reprendre-formation", False), {"mission-locale", "cio"}, "mission-locale"),
    # An adult without a diploma (was Information Jeunesse only at 27).
    ((27, "jeune-sans-solution", "", False), {"france-travail"}, "france-travail"),
    ((45, "jeune-sans-solution", "savoirs-de-base", False), {"cria", "france-travail"}, None),
    # An employee under 26 at the end of a fixed-term contract asking to find a job.
    ((24, "salarie", "trouver-emploi", False), {"cep-actifs-occupes", "mission-locale", "transitions-pro"}, None),
    ((35, "salarie", "trouver-emploi", False), {"cep-actifs-occupes", "transitions-pro"}, None),
    # The self-employed, public servants, people with a disability, VAE, business creation.
    ((40, "independant", "", False), {"cep-actifs-occupes", "cma", "cci"}, "cep-actifs-occupes"),
    ((40, "agent-public", "", False), {"cep-actifs-occupes", "maison-emploi"}, "cep-actifs-occupes"),
    ((35, "demandeur-emploi", "trouver-emploi", True), {"cap-emploi", "france-travail"}, "cap-emploi"),
    ((30, "salarie", "", True), {"cap-emploi", "cep-actifs-occupes"}, "cap-emploi"),
    ((40, "salarie", "vae", False), {"prc-vae", "cep-actifs-occupes"}, "prc-vae"),
    ((40, "demandeur-emploi", "creer-entreprise", False), {"cci", "cma", "france-travail"}, None),
    # Young people in initial training and their parents.
    ((14, "collegien", "", False), {"cio", "information-jeunesse"}, "cio"),
    ((20, "etudiant", "", False), {"suio", "information-jeunesse"}, "suio"),
    ((None, "parent", "", False), {"cio", "information-jeunesse"}, "cio"),
    ((19, "apprenti", "", False), {"mission-locale", "cio"}, None),
]


@pytest.mark.parametrize(("situation", "expected", "first"), ROWS)
def test_seed_situations_and_known_gaps(rules, situation, expected, first):
    age, status, theme, handicap = situation
    found = [network for network, _ in doors(rules, age, status, theme, handicap)]
    assert expected <= set(found), found
    if first:
        assert found[0] == first, found


def test_no_door_sends_a_young_person_to_the_mission_locale_outside_16_25(rules, vocabulary):
    statuses, themes = vocabulary
    for status, theme, age in itertools.product(statuses, themes, (13, 15, 26, 27, 44, 62)):
        assert "mission-locale" not in [n for n, _ in doors(rules, age, status, theme)], (status, theme, age)


# The maturity of the project moves the doors (CEP: "en fonction de la maturation de son projet").
@pytest.mark.parametrize(
    ("maturity", "first", "before", "after"),
    [
        (Maturity.UNKNOWN, "cep-actifs-occupes", "transitions-pro", "mission-locale"),
        (Maturity.NONE, "cep-actifs-occupes", "mission-locale", "transitions-pro"),
        (Maturity.TO_CLARIFY, "cep-actifs-occupes", "mission-locale", "transitions-pro"),
        (Maturity.DEFINED, "transitions-pro", "cep-actifs-occupes", "mission-locale"),
    ],
)
def test_maturity_of_the_project_orders_the_doors(rules, maturity, first, before, after):
    """A salaried person of 24 who wants to change job: counsel first unless the project is defined."""
    found = [network for network, _ in doors(rules, 24, "salarie", "changer-metier", maturity=maturity)]
    assert found[0] == first
    assert found.index(before) < found.index(after), found


def test_an_unclear_project_brings_personalised_counsel_into_the_four_doors(rules):
    """A young salaried person who wants a job: four doors; unclear project → no level-3 door first."""
    clear = doors(rules, 24, "salarie", "trouver-emploi", maturity=Maturity.DEFINED)
    unclear = doors(rules, 24, "salarie", "trouver-emploi", maturity=Maturity.NONE)
    assert clear[0] == ("transitions-pro", 3)
    assert [level for _, level in unclear][:2] == [2, 2]


def _project_question() -> PreInterviewQuestion:
    return PreInterviewQuestion.objects.get(text__icontains="projet")


@pytest.mark.parametrize(
    ("answer", "maturity"),
    [
        ("Pas encore", Maturity.NONE),
        ("À préciser", Maturity.TO_CLARIFY),
        ("Défini", Maturity.DEFINED),
        ("Autre chose", Maturity.UNKNOWN),
        ("", Maturity.UNKNOWN),
    ],
)
def test_maturity_is_read_from_the_grid_answer_on_the_project(rules, answer, maturity):
    question = _project_question()
    other = PreInterviewQuestion.objects.exclude(pk=question.pk).filter(kind="yes_no").first()
    assert maturity_from_grid({str(question.pk): answer, str(other.pk): "Oui"}) == maturity


@pytest.mark.parametrize("answers", [{}, None, {"abc": "Défini"}, {"999999": "Défini"}])
def test_no_grid_or_no_project_answer_gives_an_unknown_maturity(rules, answers):
    assert maturity_from_grid(answers) == Maturity.UNKNOWN


def test_the_same_words_in_another_question_are_not_read_as_maturity(rules):
    other = PreInterviewQuestion.objects.create(text="Question libre", kind="choice", choices="Défini\nAutre")
    assert maturity_from_grid({str(other.pk): "Défini"}) == Maturity.UNKNOWN


def test_the_check_finds_the_gap_a_missing_rule_leaves(rules, django_db_blocker):
    """The same check, after the Region deactivated the parents' rules: parents lose their doors."""
    RoutingRule.objects.filter(statuses__code="parent").update(is_active=False)
    gaps = coverage_gaps(active_rules())
    assert gaps and {gap.status for gap in gaps} == {"parent"}
    assert "parent / sans thème / âge inconnu / sans handicap" in [str(g).split(" : ")[0] for g in gaps]


def test_the_command_loads_the_rules_and_reports_the_coverage(rules, capsys):
    from django.core.management import call_command

    call_command("load_routing_rules")
    out = capsys.readouterr().out
    assert "rien n'a été chargé" in out
    assert "Chaque situation reçoit au moins deux portes" in out
    RoutingRule.objects.filter(statuses__code="parent").update(is_active=False)
    call_command("load_routing_rules", "--check")
    assert "situation(s) mal couverte(s)" in capsys.readouterr().out
    call_command("load_routing_rules", "--replace")
    out = capsys.readouterr().out
    assert "règle(s) d'aiguillage chargée(s)" in out and "Chaque situation" in out
