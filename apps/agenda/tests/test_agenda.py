"""The public agenda: filters, pagination, empty state, .ics, and who may enter or change an event."""

from datetime import date, datetime, time

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from apps.agenda.models import PublicEvent
from apps.core.workdays import event_day, is_event_day, is_working_day
from apps.network.tests.factories import CoordinatorFactory, territory
from tests.factories import CommuneFactory, MembershipFactory, PlaceFactory, StructureFactory, UserFactory

pytestmark = pytest.mark.django_db


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def make_event(where, day: date, title: str = "Forum de l'orientation", kind="orientation_forum", **extra):
    return PublicEvent.objects.create(
        title=title,
        kind=kind,
        starts_at=_at(day, 9),
        ends_at=_at(day, 17),
        territory=where["territory"],
        place=where["place"],
        description="Stands des structures du SPRO.",
        **extra,
    )


@pytest.fixture
def world(db):
    """Two territories, each with a commune and a place; the personas of the role table."""
    lec, cher = territory("loir-et-cher", "Loir-et-Cher", "41", "Loir-et-Cher"), territory("cher", "Cher", "18", "Cher")
    blois = CommuneFactory(code="41018", name="Blois", postal_codes="41000", departement=lec.departement)
    bourges = CommuneFactory(code="18033", name="Bourges", postal_codes="18000", departement=cher.departement)
    lec.communes.add(blois)
    cher.communes.add(bourges)
    cio = StructureFactory(slug="cio-blois", name="CIO de Blois", territory=lec)
    bij = StructureFactory(slug="bij-cher", name="BIJ du Cher", territory=cher)
    users = {
        "anonymous": None,
        "member": MembershipFactory(structure=cio).user,
        "coordinator": CoordinatorFactory(territory=lec).user,
        "other_coordinator": CoordinatorFactory(territory=cher).user,
        "region_admin": UserFactory(role="region_admin"),
        "support_team": UserFactory(role="support_team"),
    }
    return {
        "lec": {"territory": lec, "place": PlaceFactory(structure=cio, name="CIO de Blois", commune=blois)},
        "cher": {"territory": cher, "place": PlaceFactory(structure=bij, name="BIJ du Cher", commune=bourges)},
        "blois": blois,
        "users": users,
    }


def _get(client, user, url):
    if user is not None:
        client.force_login(user)
    return client.get(url)


# --- the public list ------------------------------------------------------------------------------


def test_the_list_shows_upcoming_events_by_territory_month_and_kind(client, world):
    december = make_event(world["lec"], date(2026, 12, 2), "Forum SPRO de Blois", kind="spro_forum")
    january = make_event(world["lec"], date(2027, 1, 22), "Forum de l'orientation du Blaisois")
    bourges = make_event(world["cher"], date(2027, 1, 15), "Forum de Bourges")
    past = make_event(world["lec"], date(2026, 11, 18), "Portes ouvertes passées", kind="open_day")
    cases = [
        ({}, [december, january, bourges]),
        ({"territoire": "loir-et-cher"}, [december, january]),
        ({"territoire": "cher"}, [bourges]),
        ({"mois": "2027-01"}, [january, bourges]),
        ({"territoire": "loir-et-cher", "mois": "2027-01"}, [january]),
        ({"type": "spro_forum"}, [december]),
        ({"territoire": "inconnu"}, [december, january, bourges]),  # an unknown value is ignored, not a 500
        ({"mois": "1999-01"}, [december, january, bourges]),
    ]
    for query, expected in cases:
        response = client.get(reverse("agenda:agenda"), query)
        assert response.status_code == 200
        listed = list(response.context["page"].object_list)
        assert listed == sorted(expected, key=lambda e: e.starts_at), query
        assert past not in listed
    months = [value for value, _ in response.context["form"].fields["mois"].choices]
    assert months == ["", "2026-12", "2027-01"]


def test_the_list_is_paginated_and_keeps_its_filters(client, world):
    for day in range(1, 26):
        make_event(world["lec"], date(2027, 3, day), f"Événement {day:02d}")
    response = client.get(reverse("agenda:agenda"), {"territoire": "loir-et-cher"})
    assert len(response.context["page"].object_list) == 20
    assert "25 événements à venir" in response.content.decode()
    assert 'href="?territoire=loir-et-cher&amp;page=2"' in response.content.decode()
    second = client.get(reverse("agenda:agenda"), {"territoire": "loir-et-cher", "page": "2"})
    assert [e.title for e in second.context["page"].object_list] == [f"Événement {d}" for d in range(21, 26)]
    assert client.get(reverse("agenda:agenda"), {"page": "99999999999999999999"}).status_code == 200


def test_an_empty_list_says_so_and_gives_the_free_phone_line(client, world):
    make_event(world["cher"], date(2027, 1, 15))
    content = client.get(reverse("agenda:agenda"), {"territoire": "loir-et-cher"}).content.decode()
    assert "Aucun événement à venir — Loir-et-Cher" in content
    assert "Aucun événement à venir ne correspond à ces critères" in content and "Voir tous les événements" in content
    assert "fichier .ics" not in content


def test_the_event_page_gives_place_date_audience_and_calendar_link(client, world):
    event = make_event(world["lec"], date(2027, 1, 22), link="https://forum.example/")
    content = client.get(event.get_absolute_url()).content.decode()
    assert "Vendredi 22 janvier 2027, 9\u00a0h – 17\u00a0h" in content
    assert "CIO de Blois" in content and reverse("public:place", args=[world["lec"]["place"].pk]) in content
    assert reverse("agenda:event_ics", args=[event.pk]) in content and "https://forum.example/" in content
    first = make_event(world["lec"], date(2027, 10, 1))
    assert "vendredi 1er octobre 2027" in client.get(first.get_absolute_url()).content.decode()
    past = make_event(world["lec"], date(2026, 11, 18))
    assert (
        "Cet événement a eu lieu le mercredi 18 novembre 2026" in client.get(past.get_absolute_url()).content.decode()
    )
    assert client.get(reverse("agenda:event", args=[999999])).status_code == 404


def test_home_page_links_to_the_agenda(client, world):
    assert reverse("agenda:agenda") in client.get(reverse("public:home")).content.decode()


# --- iCalendar -----------------------------------------------------------------------------------


def test_the_ics_of_one_event_is_a_valid_calendar(client, world):
    event = make_event(world["lec"], date(2027, 1, 22), "Forum de l'orientation du Blaisois")
    response = client.get(reverse("agenda:event_ics", args=[event.pk]))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 1 and len(calendar.walk("VTIMEZONE")) == 1
    vevent = events[0]
    assert str(vevent["summary"]) == "Forum de l'orientation du Blaisois"
    assert vevent["dtstart"].dt == _at(date(2027, 1, 22), 9) and vevent["dtend"].dt == _at(date(2027, 1, 22), 17)
    assert "CIO de Blois" in str(vevent["location"]) and "Blois" in str(vevent["location"])
    assert str(vevent["url"]).endswith(event.get_absolute_url())


def test_the_ics_of_the_list_has_the_filtered_events(client, world):
    blois = make_event(world["lec"], date(2027, 1, 22), "Blois")
    make_event(world["cher"], date(2027, 1, 15), "Bourges")
    make_event(world["lec"], date(2026, 11, 18), "Passé")
    response = client.get(reverse("agenda:feed"), {"territoire": "loir-et-cher"})
    summaries = [str(e["summary"]) for e in Calendar.from_ical(response.content).walk("VEVENT")]
    assert summaries == ["Blois"]
    assert (
        str(Calendar.from_ical(response.content).walk("VEVENT")[0]["uid"])
        == f"evenement-public-{blois.pk}@spro.example"
    )
    everything = Calendar.from_ical(client.get(reverse("agenda:feed")).content).walk("VEVENT")
    assert sorted(str(e["summary"]) for e in everything) == ["Blois", "Bourges"]


# --- who enters and changes events ---------------------------------------------------------------

# role → expected GET status of: manage list, new event, edit/delete a Loir-et-Cher event, edit a Cher event
PERMISSIONS = {
    "anonymous": (302, 302, 302, 302, 302),
    "member": (403, 403, 403, 403, 403),
    "coordinator": (200, 200, 200, 200, 403),  # coordinator of the Loir-et-Cher
    "other_coordinator": (200, 200, 403, 403, 200),  # coordinator of the Cher
    "region_admin": (200, 200, 200, 200, 200),
    "support_team": (200, 200, 200, 200, 200),
}


@pytest.mark.parametrize("role", PERMISSIONS)
def test_who_may_open_the_entry_pages(client, world, role):
    lec_event = make_event(world["lec"], date(2027, 1, 22))
    cher_event = make_event(world["cher"], date(2027, 1, 15))
    urls = [
        reverse("agenda:manage"),
        reverse("agenda:event_create"),
        reverse("agenda:event_edit", args=[lec_event.pk]),
        reverse("agenda:event_delete", args=[lec_event.pk]),
        reverse("agenda:event_edit", args=[cher_event.pk]),
    ]
    user = world["users"][role]
    observed = tuple(_get(client, user, url).status_code for url in urls)
    assert observed == PERMISSIONS[role]
    assert client.get(reverse("agenda:event", args=[lec_event.pk])).status_code == 200  # public to everyone


def _form(world, where="lec", **changes):
    data = {
        "title": "Forum de l'orientation du Blaisois",
        "kind": "orientation_forum",
        "audience": "pupils",
        "day": "2027-01-22",
        "start_time": "09:00",
        "end_time": "17:00",
        "territory": world[where]["territory"].pk,
        "place": world[where]["place"].pk,
        "address": "",
        "commune_text": "",
        "description": "Stands des structures du SPRO.",
        "link": "",
    }
    return data | changes


def test_a_coordinator_enters_an_event_of_their_territory_only(client, world):
    client.force_login(world["users"]["coordinator"])
    response = client.post(reverse("agenda:event_create"), _form(world))
    event = PublicEvent.objects.get()
    assert response.status_code == 302 and response["Location"] == event.get_absolute_url()
    assert event.territory.code == "loir-et-cher" and event.created_by == world["users"]["coordinator"]
    assert event.starts_at == _at(date(2027, 1, 22), 9)
    # the forbidden path: an event of the Cher, by the coordinator of the Loir-et-Cher
    response = client.post(reverse("agenda:event_create"), _form(world, "cher"))
    assert response.status_code == 200 and PublicEvent.objects.count() == 1
    assert (
        "Territoire SPRO" in response.content.decode() and "Sélectionnez un choix valide" in response.content.decode()
    )


def test_a_coordinator_cannot_change_or_delete_another_territory_s_event(client, world):
    cher_event = make_event(world["cher"], date(2027, 1, 15), "Forum de Bourges")
    client.force_login(world["users"]["coordinator"])
    assert client.post(reverse("agenda:event_edit", args=[cher_event.pk]), _form(world)).status_code == 403
    assert client.post(reverse("agenda:event_delete", args=[cher_event.pk])).status_code == 403
    cher_event.refresh_from_db()
    assert cher_event.title == "Forum de Bourges" and cher_event.territory.code == "cher"


@pytest.mark.parametrize("role", ["member", "anonymous"])
def test_no_write_without_the_role(client, world, role):
    event = make_event(world["lec"], date(2027, 1, 22))
    user = world["users"][role]
    if user:
        client.force_login(user)
    client.post(reverse("agenda:event_create"), _form(world))
    client.post(reverse("agenda:event_delete", args=[event.pk]))
    assert list(PublicEvent.objects.all()) == [event]


def test_the_support_team_edits_and_deletes_after_confirmation(client, world):
    event = make_event(world["cher"], date(2027, 1, 15), "Forum de Bourges")
    client.force_login(world["users"]["support_team"])
    response = client.post(reverse("agenda:event_edit", args=[event.pk]), _form(world, "cher", title="Forum SPRO"))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "Forum SPRO"
    confirmation = client.get(reverse("agenda:event_delete", args=[event.pk])).content.decode()
    assert "Confirmer la suppression" in confirmation and PublicEvent.objects.exists()
    assert client.post(reverse("agenda:event_delete", args=[event.pk])).status_code == 302
    assert not PublicEvent.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"place": "", "address": "", "commune_text": "Blois"}, "address", "Indiquez l'adresse"),
        ({"place": "", "address": "Salle des fêtes", "commune_text": ""}, "commune_text", "Indiquez la commune"),
        ({"place": "", "address": "Salle des fêtes", "commune_text": "Nullepart"}, "commune_text", "introuvable"),
        ({"place": "", "address": "Salle", "commune_text": "18000"}, "commune_text", "n'est pas dans le territoire"),
        ({"end_time": "08:00"}, "end_time", "L'heure de fin doit suivre"),
        ({"day": "2099-01-01"}, "day", "Date"),
        ({"title": ""}, "title", "obligatoire"),
    ],
)
def test_the_form_names_the_field_in_error(client, world, changes, field, message):
    client.force_login(world["users"]["region_admin"])
    response = client.post(reverse("agenda:event_create"), _form(world) | changes)
    assert response.status_code == 200 and not PublicEvent.objects.exists()
    assert message in " ".join(response.context["form"].errors[field])
    assert 'id="erreurs"' in response.content.decode()


def test_an_address_in_a_commune_of_the_territory_is_accepted(client, world):
    client.force_login(world["users"]["region_admin"])
    data = _form(world, place="", address="Salle des fêtes, 1 rue de la Mairie", commune_text="Blois (41000)")
    assert client.post(reverse("agenda:event_create"), data).status_code == 302
    event = PublicEvent.objects.get()
    assert event.commune == world["blois"] and event.location_label == "Salle des fêtes, 1 rue de la Mairie, Blois"


# --- the days rule every demo generator uses -------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "working", "event", "next_event_day"),
    [
        (date(2026, 11, 26), True, True, date(2026, 11, 26)),  # a Thursday
        (date(2026, 12, 12), False, False, date(2026, 12, 14)),  # Saturday → Monday
        (date(2026, 12, 13), False, False, date(2026, 12, 14)),  # Sunday → Monday
        (date(2026, 12, 24), True, False, date(2027, 1, 4)),  # Christmas week, then 1 January (holiday)
        (date(2026, 12, 28), True, False, date(2027, 1, 4)),
        (date(2027, 1, 1), False, False, date(2027, 1, 4)),  # New Year's Day
        (date(2027, 3, 29), False, False, date(2027, 3, 30)),  # Easter Monday 2027
        (date(2027, 5, 6), False, False, date(2027, 5, 7)),  # Ascension 2027
        (date(2027, 7, 14), False, False, date(2027, 7, 15)),  # Bastille Day
        (date(2027, 11, 11), False, False, date(2027, 11, 12)),  # Armistice
    ],
)
def test_working_days_and_event_days(day, working, event, next_event_day):
    assert is_working_day(day) is working
    assert is_event_day(day) is event
    assert event_day(day) == next_event_day
    assert is_event_day(event_day(day, backwards=True)) and event_day(day, backwards=True) <= day
