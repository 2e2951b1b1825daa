"""The pre-interview answer on the project, recorded with a first reception, orders the suggested doors."""

import pytest
from django.urls import reverse

from apps.directory.models import Network, Status, Theme
from apps.orientation.grid import load_default_grid
from apps.orientation.models import PreInterviewQuestion, Reception
from apps.orientation.routing import Maturity, load_default_rules, situation_for_reception
from tests.factories import PlaceFactory, StructureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(vocabularies, blois):
    load_default_rules()
    load_default_grid()
    for code in ("cep-actifs-occupes", "transitions-pro", "mission-locale", "maison-emploi"):
        PlaceFactory(commune=blois, structure=StructureFactory(network=Network.objects.get(code=code)))


@pytest.mark.parametrize(
    ("answer", "maturity", "first_two"),
    [
        ("Défini", Maturity.DEFINED, ["transitions-pro", "cep-actifs-occupes"]),
        ("Pas encore", Maturity.NONE, ["cep-actifs-occupes", "mission-locale"]),
        ("À préciser", Maturity.TO_CLARIFY, ["cep-actifs-occupes", "mission-locale"]),
        (None, Maturity.UNKNOWN, ["cep-actifs-occupes", "transitions-pro"]),
    ],
)
def test_the_maturity_of_the_project_orders_the_suggested_doors(
    client, bij_officer, bij, setup, answer, maturity, first_two
):
    """A salaried person of 16–25 who wants to change job, received at the BIJ."""
    project = PreInterviewQuestion.objects.get(text__icontains="projet")
    data = {
        "structure": bij.pk,
        "date": "2026-11-02",
        "channel": "on_site",
        "age_band": "16_25",
        "status": Status.objects.get(code="salarie").pk,
        "commune_text": "41000",
        "themes": [Theme.objects.get(code="changer-metier").pk],
        "actions": ["referred"],
        "cep_level": "1",
    }
    if answer:
        data[f"q_{project.pk}"] = answer
    client.force_login(bij_officer)
    response = client.post(reverse("orientation:reception_create"), data, follow=True)
    reception = Reception.objects.get()
    assert reception.grid_answers == ({str(project.pk): answer} if answer else {})
    assert situation_for_reception(reception).maturity == maturity
    labels = dict(Network.objects.values_list("label", "code"))
    assert [labels[door.network] for door in response.context["doors"]][:2] == first_two
