"""Interconnaissance figures per territory and year: structures, professionals, distinct structure pairs."""

from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.programme.models import Registration
from apps.programme.selectors import interconnaissance_by_territory, interconnaissance_figures
from tests.factories import MembershipFactory, StructureFactory, UserFactory

from .factories import SessionFactory, TerritoryFactory

pytestmark = pytest.mark.django_db


def _at(year, month, day):
    return timezone.make_aware(datetime(year, month, day, 9))


def _attend(session, structure, n_people=1, attended=True):
    for _ in range(n_people):
        user = UserFactory(password=None)
        MembershipFactory(user=user, structure=structure)
        Registration.objects.create(
            session=session, user=user, structure=structure, status="confirmed", attended=attended
        )


def test_figures_count_present_structures_people_and_distinct_pairs(tours):
    cher = TerritoryFactory(code="cher", name="Cher")
    a, b, c, d = (StructureFactory(name=f"Structure {x}") for x in "ABCD")
    tours_1 = SessionFactory(territory=tours, starts_at=_at(2025, 3, 10), ends_at=_at(2025, 3, 10).replace(hour=12))
    tours_2 = SessionFactory(territory=tours, starts_at=_at(2025, 9, 10), ends_at=_at(2025, 9, 10).replace(hour=12))
    bourges = SessionFactory(territory=cher, starts_at=_at(2025, 5, 2), ends_at=_at(2025, 5, 2).replace(hour=12))
    regional = SessionFactory(territory=None, starts_at=_at(2025, 6, 2), ends_at=_at(2025, 6, 2).replace(hour=12))
    other_year = SessionFactory(territory=tours, starts_at=_at(2024, 6, 2), ends_at=_at(2024, 6, 2).replace(hour=12))
    _attend(tours_1, a, 2)
    _attend(tours_1, b)
    _attend(tours_2, a)  # pair A-B again: counted once
    _attend(tours_2, b)
    _attend(tours_2, c)
    _attend(tours_2, d, attended=False)  # absent: not counted
    _attend(bourges, c)
    _attend(bourges, d)
    _attend(regional, a)
    _attend(other_year, d)

    figures = interconnaissance_figures(2025, tours)
    assert (figures.sessions, figures.structures, figures.professionals, figures.structure_pairs) == (2, 3, 6, 3)

    region = interconnaissance_figures(2025)
    assert (region.sessions, region.structures, region.professionals, region.structure_pairs) == (4, 4, 9, 4)

    rows = interconnaissance_by_territory(2025)
    assert [(r.label, r.structure_pairs) for r in rows] == [
        ("Cher", 1),
        ("Indre-et-Loire", 3),
        ("Sessions régionales", 0),
        ("Toute la région", 4),
    ]


def test_the_figures_page_is_for_the_support_team(client, support_user, tours):
    client.force_login(support_user)
    page = client.get(reverse("programme:interconnaissance"), {"annee": "2025"}).content.decode()
    assert "interconnaissance 2025</h1>" in page
    assert "Paires de structures" in page


@pytest.mark.parametrize("year", ["99999999999999999999", "²", "0", "-1"])
def test_a_malformed_year_shows_the_latest(client, support_user, tours, year):
    """A 20-digit year was an OverflowError: a 500 (review L1)."""
    client.force_login(support_user)
    response = client.get(reverse("programme:interconnaissance"), {"annee": year})
    assert response.status_code == 200


@pytest.mark.parametrize("action", ["abc", "99999999999999999999", "²"])
def test_a_malformed_action_in_the_session_form_is_not_a_500(client, support_user, action):
    client.force_login(support_user)
    response = client.get(reverse("programme:session_create"), {"action": action})
    assert response.status_code == 200
