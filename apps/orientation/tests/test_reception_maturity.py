"""The pre-interview answer on the project, recorded with a first reception, orders the suggested doors."""

import pytest
from django.urls import reverse

from apps.directory.models import Status, Theme
from apps.orientation.grid import load_default_grid
from apps.orientation.models import PreInterviewQuestion, Reception
from apps.orientation.routing import choose_doors, load_default_rules, situation_for_reception

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(vocabularies):
    load_default_rules()
    load_default_grid()


@pytest.mark.parametrize(
    ("answer", "first_two"),
    [
        ("Défini", ["transitions-pro", "cep-actifs-occupes"]),
        ("Pas encore", ["cep-actifs-occupes", "mission-locale"]),
        ("À préciser", ["cep-actifs-occupes", "mission-locale"]),
        (None, ["cep-actifs-occupes", "transitions-pro"]),
    ],
)
def test_the_maturity_of_the_project_orders_the_suggested_doors(client, bij_officer, bij, setup, answer, first_two):
    """A salaried person of 16–25 who wants to change job, received at the BIJ."""
    project = PreInterviewQuestion.objects.get(text__icontains="projet")
    data = {
        "structure": bij.pk,
        "date": "2026-11-02",
        "channel": "on_site",
        "age_band": "16_25",
        "status": Status.objects.get(code="salarie").pk,
        "themes": [Theme.objects.get(code="changer-metier").pk],
        "actions": ["referred"],
        "cep_level": "1",
    }
    if answer:
        data[f"q_{project.pk}"] = answer
    client.force_login(bij_officer)
    client.post(reverse("orientation:reception_create"), data)
    reception = Reception.objects.get()
    assert reception.grid_answers == ({str(project.pk): answer} if answer else {})
    # The doors of the reception's situation, as its fiche navette suggests them once located.
    doors = choose_doors(situation_for_reception(reception))
    assert [door.network.code for door in doors][:2] == first_two
