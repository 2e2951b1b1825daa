"""The seed-001 programme is browsable (6 axes, 8 actions) and the calendar filters work."""

import re
from datetime import time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.programme.models import Session, SupportAction, SupportAxis
from apps.programme.reference import load_programme, local_datetime

from .factories import SessionFactory, TerritoryFactory

pytestmark = pytest.mark.django_db


def test_the_2015_2016_programme_is_browsable_with_its_6_axes_and_8_actions(client):
    counts = load_programme()
    assert counts["axes"] == 6 and counts["actions"] == 8
    page = client.get(reverse("programme:programme")).content.decode()
    assert len(set(re.findall(r"Axe (\d) — ", page))) == 6
    action_links = set(re.findall(r'href="/programme/actions/(\d+)/"', page))
    assert len(action_links) == 8
    assert "Axe 4 — Lutter contre les discriminations" in page
    for pk in action_links:
        action = SupportAction.objects.get(pk=pk)
        detail = client.get(reverse("programme:action", args=[pk])).content.decode()
        assert f"Action {action.number}" in detail
        for label in ("Objectifs", "Public", "Lieu", "Durée"):
            if getattr(
                action, {"Objectifs": "objectives", "Public": "public", "Lieu": "place", "Durée": "duration"}[label]
            ):
                assert label in detail


def test_seed_001_fields_are_kept_on_the_actions():
    load_programme()
    action6 = SupportAction.objects.get(number=6)
    assert action6.axis.number == 4
    assert action6.dates == "22 janvier, 12 mars, 23 avril et 28 mai 2015"
    assert action6.duration == "4 demi-journées"
    assert action6.participants == "20 à 25"
    assert "handicap" in action6.content
    assert action6.sessions.count() == 4
    action7 = SupportAction.objects.get(number=7)
    assert "Pôle ORFE" in action7.speaker  # the seed's named person is replaced by the service


def test_loading_the_programme_twice_does_not_duplicate_it():
    load_programme()
    sessions = Session.objects.count()
    load_programme()
    assert SupportAxis.objects.count() == 6 and SupportAction.objects.count() == 8
    assert Session.objects.count() == sessions


def test_calendar_filters_by_territory_axis_audience_and_month(client, tours):
    load_programme(with_sessions=False)
    axis1, axis4 = SupportAxis.objects.get(number=1), SupportAxis.objects.get(number=4)
    cher = TerritoryFactory(code="cher", name="Cher")
    next_month = (timezone.localdate().replace(day=1) + timedelta(days=32)).replace(day=3)
    soon = local_datetime(next_month, time(10))
    later = soon + timedelta(days=40)  # two months later: another month
    tours_forum = SessionFactory(territory=tours, axis=axis1, title="Forum de Tours", starts_at=soon)
    bourges = SessionFactory(
        territory=cher, axis=axis4, title="Handicap à Bourges", audience="reception", starts_at=later
    )
    regional = SessionFactory(territory=None, axis=axis1, title="Séminaire régional", audience="coordinators")

    def titles(**params):
        page = client.get(reverse("programme:calendar"), params).content.decode()
        return {t for t in (tours_forum.title, bourges.title, regional.title) if f">{t}</a>" in page}

    assert titles() == {"Forum de Tours", "Handicap à Bourges", "Séminaire régional"}
    assert titles(territoire="cher") == {"Handicap à Bourges"}
    assert titles(territoire="regional") == {"Séminaire régional"}
    assert titles(axe=axis1.pk) == {"Forum de Tours", "Séminaire régional"}
    assert titles(public="reception") == {"Forum de Tours", "Handicap à Bourges"}  # "all" sessions included
    month = timezone.localtime(later).strftime("%Y-%m")
    assert titles(mois=month) == {"Handicap à Bourges"}


def test_past_sessions_are_shown_on_request(client, tours):
    SessionFactory(territory=tours, title="Forum de l'an dernier", starts_at=timezone.now() - timedelta(days=300))
    assert "Forum de l&#x27;an dernier" not in client.get(reverse("programme:calendar")).content.decode()
    page = client.get(reverse("programme:calendar"), {"passees": "on"}).content.decode()
    assert "Forum de l&#x27;an dernier" in page


def test_support_team_creates_a_forum_in_tours_with_the_regional_questionnaire(client, tours, support_user):
    client.force_login(support_user)
    day = timezone.localdate() + timedelta(days=10)
    response = client.post(
        reverse("programme:session_create"),
        {
            "kind": "forum",
            "title": "Forum d'interconnaissance — Tours",
            "day": day.isoformat(),
            "start_time": "13h30",
            "end_time": "17:30",
            "territory": tours.pk,
            "address": "Tours (37)",
            "capacity": 2,
            "audience": "all",
            "status": "published",
        },
    )
    session = Session.objects.get(title="Forum d'interconnaissance — Tours")
    assert response.status_code == 302 and response["Location"] == session.get_absolute_url()
    assert session.territory == tours and session.capacity == 2
    assert timezone.localtime(session.starts_at).hour == 13 and timezone.localtime(session.starts_at).minute == 30
    assert session.survey.code == "questionnaire-forums"
    assert session.organiser_label == "Région Centre-Val de Loire"
    assert session.created_by == support_user


def test_the_session_form_explains_its_errors(client, support_user):
    client.force_login(support_user)
    page = client.post(
        reverse("programme:session_create"),
        {
            "kind": "forum",
            "title": "Sans lieu",
            "day": "2030-01-10",
            "start_time": "14h",
            "end_time": "10h",
            "capacity": 0,
            "audience": "all",
            "status": "published",
        },
    ).content.decode()
    assert 'role="alert"' in page
    assert "L&#x27;heure de fin doit être après l&#x27;heure de début." in page
    assert "Indiquez un lieu de l&#x27;annuaire, une adresse ou un lien de connexion." in page
    assert not Session.objects.exists()
