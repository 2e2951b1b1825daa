"""The demo's coordination, on the real directory: the Indre-et-Loire group and the Cher's bassin référents."""

from datetime import date

import pytest

from apps.network import coordination, demo
from apps.network.models import Candidate, Committee, Coordinator, Need

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 23)


def test_demo_holds_the_teams_of_the_seeds_candidates_and_the_cotech(demo_region):
    demo.load(today=TODAY)
    group = coordination.team(Coordinator.objects.filter(territory__code="indre-et-loire").first().territory, 2026)
    assert [c.get_role_display() for c in group] == ["Membre du groupement de coordination"] * 4
    assert sorted(c.structure.name for c in group) == [
        "Mission locale Loire-Touraine",
        "Mission locale Sud-Touraine",
        "Mission locale Touraine",
        "Mission locale du Chinonais",
    ]
    cher = list(coordination.team(Coordinator.objects.filter(territory__code="cher").first().territory, 2026))
    roles = [(c.role, c.area, c.structure.name) for c in cher]
    assert ("departmental", "", "Cap emploi Cher — Prométhée Cher") in roles
    assert {area for role, area, _ in roles if role == "bassin"} == {
        "Bassin de Vierzon",
        "Bassin de Bourges",
        "Bassin de Saint-Amand-Montrond",
        "Bassin d'Aubigny-sur-Nère",
    }
    for c in Coordinator.objects.select_related("designation_meeting__committee"):
        assert coordination.team_problem(c) is None, c
    assert set(Candidate.objects.values_list("territory__code", "status")) == {
        ("indre-et-loire", "contacted"),
        ("indre-et-loire", "proposed"),
        ("cher", "proposed"),
    }
    cotech = Committee.objects.get(kind=Committee.Kind.COTECH)
    assert cotech.members.count() == 5 and cotech.meetings.count() == 2
    assert set(Need.objects.values_list("territory__code", "status")) == {
        ("loir-et-cher", "answered"),
        ("indre-et-loire", "scheduled"),
        ("cher", "raised"),
    }
