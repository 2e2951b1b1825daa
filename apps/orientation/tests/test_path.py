"""The path of a person at the first door: located suggestions, receptions one can finish, fiches with
every theme, a dated first appointment, a confirmed cancellation, and e-mails naming the right state.

The clock is fixed (conftest.py: Thursday 26 November 2026, 10:00 in Paris).
"""

import html
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from apps.directory.models import Status, Theme
from apps.orientation import services
from apps.orientation.models import Reception, Referral, RoutingRule
from apps.orientation.routing import Situation
from apps.orientation.selectors import default_box, suggested_doors
from tests.clock import FROZEN_NOW
from tests.factories import (
    CommuneFactory,
    DepartementFactory,
    MembershipFactory,
    NetworkFactory,
    PlaceFactory,
    StructureFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# (code, name, département, latitude, longitude): Blois and the three towns the UX review was sent to.
COMMUNES = {
    "blois": ("41018", "Blois", "41", 47.5884, 1.33528),
    "mer": ("41136", "Mer", "41", 47.7047, 1.5067),
    "aigurande": ("36002", "Aigurande", "36", 46.4334, 1.8296),
    "amboise": ("37003", "Amboise", "37", 47.4118, 0.9826),
    "anet": ("28008", "Anet", "28", 48.8567, 1.4387),
}


@pytest.fixture
def area(db):
    communes = {
        key: CommuneFactory(
            code=code, name=name, departement=DepartementFactory(code=dep, name=dep), latitude=lat, longitude=lon
        )
        for key, (code, name, dep, lat, lon) in COMMUNES.items()
    }
    ml = NetworkFactory(code="mission-locale", label="Mission locale")
    ij = NetworkFactory(code="information-jeunesse", label="Information Jeunesse")
    bij = StructureFactory(name="BIJ 41", network=ij)
    PlaceFactory(structure=bij, name="BIJ 41 — Blois", commune=communes["blois"])
    blaisois = StructureFactory(name="Mission locale du Blaisois", network=ml)
    PlaceFactory(structure=blaisois, name="Mission locale du Blaisois", commune=communes["blois"])
    PlaceFactory(structure=blaisois, name="Mission locale du Blaisois", commune=communes["blois"], address="2 rue Nord")
    PlaceFactory(structure=blaisois, name="Permanence de Mer", commune=communes["mer"])
    far = {}
    for key, name in [("aigurande", "Indre Sud"), ("amboise", "Loire-Touraine"), ("anet", "du Drouais")]:
        far[key] = StructureFactory(name=f"Mission locale {name}", network=ml)
        PlaceFactory(structure=far[key], name=f"Mission locale {name}", commune=communes[key])
    RoutingRule.objects.create(name="ML", network=ml, cep_level=2, weight=100, why="Les Missions locales aident.")
    RoutingRule.objects.create(name="IJ", network=ij, cep_level=1, weight=50, why="Les BIJ informent.")
    officer = MembershipFactory(structure=bij, user=UserFactory(email="accueil@bij.example")).user
    counsellor = MembershipFactory(structure=blaisois, user=UserFactory(email="conseil@ml.example")).user
    themes = [Theme.objects.create(code=c, label=c.title()) for c in ("reprendre-formation", "trouver-emploi")]
    return {
        "communes": communes,
        "bij": bij,
        "blaisois": blaisois,
        "far": far,
        "officer": officer,
        "counsellor": counsellor,
        "themes": themes,
        "status": Status.objects.create(code="jeune-sans-solution", label="Jeune sans solution"),
    }


def _record(client, area, commune_text="", themes=None) -> Reception:
    client.force_login(area["officer"])
    response = client.post(
        reverse("orientation:reception_create"),
        {
            "structure": area["bij"].pk,
            "date": "2026-11-26",
            "channel": "on_site",
            "age_band": "16_25",
            "status": area["status"].pk,
            "commune_text": commune_text,
            "themes": [t.pk for t in (themes if themes is not None else area["themes"])],
            "actions": ["information", "referred"],
            "cep_level": "2",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    return Reception.objects.latest("pk")


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _suggested(client, query: str):
    response = client.get(reverse("orientation:referral_create") + query)
    assert response.status_code == 200
    return response, [place for door in response.context["doors"] for place in door.places]


def test_without_a_commune_suggestions_come_from_the_place_of_reception(client, area):
    reception = _record(client, area)
    assert reception.commune is None and reception.place.name == "BIJ 41 — Blois"

    response, places = _suggested(client, f"?accueil={reception.pk}")

    assert places, "the place of reception locates the person"
    assert all(p.distance_km is not None and p.distance_km <= 60 for p in places)
    assert {p.structure_id for p in places} == {area["blaisois"].pk}  # never Aigurande, Amboise or Anet
    assert area["bij"].pk not in {p.structure_id for p in places}
    labels = [p.label for p in places]
    assert len(set(labels)) == len(labels), labels
    assert "BIJ 41 — Blois (Blois), lieu de l'accueil" in _text(response)


def test_a_door_whose_nearest_place_is_beyond_60_km_is_not_suggested(client, area):
    """The person in Blois is not sent to an information point 96 km away (the only one of its network)."""
    mde = NetworkFactory(code="maison-emploi", label="Maison de l'emploi")
    chartres = StructureFactory(name="Maison de l'emploi de Chartres", network=mde)
    PlaceFactory(structure=chartres, name="Maison de l'emploi de Chartres", commune=area["communes"]["anet"])
    RoutingRule.objects.create(name="MDE", network=mde, cep_level=1, weight=200, why="Information de proximité.")
    reception = _record(client, area)

    response, places = _suggested(client, f"?accueil={reception.pk}")

    assert [door.network for door in response.context["doors"]] == ["Mission locale"]
    assert chartres.pk not in {p.structure_id for p in places}


def test_the_persons_commune_comes_first_when_given(client, area):
    reception = _record(client, area, commune_text="Mer")
    _, places = _suggested(client, f"?accueil={reception.pk}")
    assert places[0].label == "Mission locale du Blaisois — Permanence de Mer, Mer (même commune)"


def test_identical_places_get_their_address(client, area):
    reception = _record(client, area)
    _, places = _suggested(client, f"?accueil={reception.pk}")
    same_commune = [p.label for p in places if "Blois (même commune)" in p.label]
    assert len(same_commune) == 2 and same_commune[0] != same_commune[1]
    assert any(label.endswith("2 rue Nord") for label in same_commune)


@pytest.mark.parametrize("commune", [None])
def test_never_suggested_from_nowhere(area, commune):
    assert suggested_doors(Situation(age=20, commune=commune)) == []


def test_readdressing_after_a_refusal_suggests_again_without_the_refusing_structure(
    client, area, django_capture_on_commit_callbacks
):
    reception = _record(client, area)
    referral = services.send_referral(
        receiver=area["blaisois"],
        sender_structure=area["bij"],
        sender_user=area["officer"],
        transmission_consent=True,
        reception=reception,
    )
    services.apply_transition(referral.pk, "decline", area["counsellor"], reason="no_capacity")

    response, places = _suggested(client, f"?reorienter={referral.pk}")

    structures = {p.structure_id for p in places}
    assert structures and not structures & {area["blaisois"].pk, area["bij"].pk}
    assert structures <= {s.pk for s in area["far"].values()}
    assert f"reorienter={referral.pk}&vers=" in _text(response)


def test_a_fiche_keeps_every_theme_of_its_reception_and_the_api_shows_them(client, area):
    reception = _record(client, area)
    response = client.post(
        reverse("orientation:referral_create"),
        {"accueil": reception.pk, "receiver": area["blaisois"].pk, "transmission_consent": "on"},
    )
    referral = Referral.objects.get()
    assert response.status_code == 302
    assert set(referral.themes.all()) == set(area["themes"])
    assert referral.theme == reception.themes.first()  # the main theme, for the indicators

    data = client.get(f"/api/v1/referrals/{referral.pk}/").json()
    assert sorted(data["themes"]) == ["reprendre-formation", "trouver-emploi"]
    assert data["theme"] == referral.theme.code


def test_a_reception_detail_offers_to_address_the_person_until_a_fiche_is_sent(client, area):
    reception = _record(client, area)
    page = _text(client.get(reverse("orientation:reception", args=[reception.pk])))
    assert "Adresser la personne" in page and "Corriger l'accueil" in page
    listing = _text(client.get(reverse("orientation:receptions")))
    assert reverse("orientation:reception", args=[reception.pk]) in listing


# (who, hours after recording, expected status of the correction page)
EDIT_CASES = [
    ("author", 1, 200),
    ("author", 23, 200),
    ("author", 25, 403),
    ("colleague", 1, 403),
    ("other structure", 1, 404),
]


@pytest.mark.parametrize(("who", "hours", "status"), EDIT_CASES)
def test_only_the_author_corrects_a_reception_within_24_hours(client, area, who, hours, status):
    reception = _record(client, area)
    users = {
        "author": area["officer"],
        "colleague": MembershipFactory(structure=area["bij"]).user,
        "other structure": area["counsellor"],
    }
    client.force_login(users[who])
    url = reverse("orientation:reception_edit", args=[reception.pk])
    with time_machine.travel(FROZEN_NOW + timedelta(hours=hours), tick=False):
        assert client.get(url).status_code == status
        data = {
            "structure": area["bij"].pk,
            "date": "2026-11-25",
            "channel": "phone",
            "age_band": "16_25",
            "commune_text": "",
            "actions": ["information", "referred"],
            "cep_level": "1",
        }
        response = client.post(url, data)
    reception.refresh_from_db()
    assert (reception.channel == "phone") == (status == 200)
    assert response.status_code == (302 if status == 200 else status)


def _sent(area, **facts) -> Referral:
    return services.send_referral(
        receiver=area["blaisois"],
        sender_structure=area["bij"],
        sender_user=area["officer"],
        transmission_consent=True,
        **facts,
    )


def test_the_first_appointment_has_a_date_and_time_shown_to_both_sides_and_an_ics(client, area):
    referral = _sent(area)
    services.apply_transition(referral.pk, "accept", area["counsellor"])
    client.force_login(area["counsellor"])
    url = reverse("orientation:referral_transition", args=[referral.pk, "schedule"])
    client.post(url, {"day": "2026-12-03", "hour": "14:00"})
    referral.refresh_from_db()
    assert referral.state == Referral.State.CONTACTED
    assert referral.appointment_at == FROZEN_NOW.replace(day=3, month=12, hour=14)
    assert referral.events.last().note == "premier rendez-vous le jeudi 3 décembre 2026 à 14:00"

    ics = client.get(reverse("orientation:referral_appointment_ics", args=[referral.pk]))
    assert ics["Content-Type"].startswith("text/calendar")
    assert b"DTSTART;TZID=Europe/Paris:20261203T140000" in ics.content
    for user in (area["counsellor"], area["officer"]):
        client.force_login(user)
        page = _text(client.get(referral.get_absolute_url()))
        assert "jeudi 3 décembre 2026 à 14:00" in page
    # the sender sees the date, the calendar file is the receiving counsellor's
    assert client.get(reverse("orientation:referral_appointment_ics", args=[referral.pk])).status_code == 404


@pytest.mark.parametrize(
    ("data", "error"),
    [({"day": "", "hour": "14:00"}, "Date du premier rendez-vous"), ({"day": "2026-12-03", "hour": ""}, "Heure")],
)
def test_an_appointment_needs_a_day_and_an_hour(client, area, data, error):
    referral = _sent(area)
    services.apply_transition(referral.pk, "accept", area["counsellor"])
    client.force_login(area["counsellor"])
    response = client.post(
        reverse("orientation:referral_transition", args=[referral.pk, "schedule"]), data, follow=True
    )
    referral.refresh_from_db()
    assert referral.state == Referral.State.ACCEPTED and referral.appointment_at is None
    assert error in _text(response)


def test_an_appointment_before_the_fiche_was_sent_is_refused(area):
    referral = _sent(area)
    services.apply_transition(referral.pk, "accept", area["counsellor"])
    with pytest.raises(services.TransitionError, match="Date du rendez-vous"):
        services.apply_transition(
            referral.pk, "schedule", area["counsellor"], appointment_at=FROZEN_NOW - timedelta(days=2)
        )


def test_cancelling_asks_for_confirmation_and_a_reason(client, area):
    referral = _sent(area)
    client.force_login(area["officer"])
    page = _text(client.get(referral.get_absolute_url()))
    assert reverse("orientation:referral_cancel", args=[referral.pk]) in page
    cancel_url = reverse("orientation:referral_cancel", args=[referral.pk])
    assert "Confirmer l'annulation" in _text(client.get(cancel_url))

    # the forbidden paths: no reason, on the page or straight to the transition
    response = client.post(cancel_url, {"note": ""})
    assert "Motif de l'annulation : indiquez" in _text(response)
    client.post(reverse("orientation:referral_transition", args=[referral.pk, "cancel"]))
    referral.refresh_from_db()
    assert referral.state == Referral.State.SENT

    client.post(cancel_url, {"note": "La personne a trouvé une formation."})
    referral.refresh_from_db()
    assert referral.state == Referral.State.CANCELLED
    assert referral.events.last().note == "La personne a trouvé une formation."


def test_only_the_sender_may_open_the_cancellation(client, area):
    referral = _sent(area)
    client.force_login(area["counsellor"])
    assert client.get(reverse("orientation:referral_cancel", args=[referral.pk])).status_code == 403


def test_the_sender_finds_its_finished_fiches_and_their_outcome(client, area):
    referral = _sent(area)
    for action, details in [("accept", {}), ("close", {"outcome": "helped"})]:
        services.apply_transition(referral.pk, action, area["counsellor"], **details)
    client.force_login(area["officer"])
    for box in ("envoyees", "terminees"):
        page = _text(client.get(reverse("orientation:inbox") + f"?boite={box}"))
        assert f"Fiche n° {referral.pk}" in page and "Accompagnement engagé" in page, box


# (actions leading to the announced one, the action, the state the e-mail must name, who receives it)
EMAIL_CASES = [
    ([], "received", "Reçue", "sender"),
    ([], "accept", "Acceptée", "sender"),
    ([], "decline", "Refusée", "sender"),
    (["accept"], "contacted", "Personne contactée", "sender"),
    (["accept"], "schedule", "Personne contactée", "sender"),
    (["accept"], "appointment_held", "Premier rendez-vous tenu", "sender"),
    (["accept"], "no_show", "Personne absente au rendez-vous", "sender"),
    (["accept"], "close", "Clôturée", "sender"),
    ([], "cancel", "Annulée", "receiver"),
]
DETAILS = {
    "decline": {"reason": "no_capacity"},
    "close": {"outcome": "helped"},
    "cancel": {"note": "La personne ne souhaite plus être accompagnée."},
    "schedule": {"appointment_at": FROZEN_NOW.replace(day=3, month=12, hour=14)},
}


@pytest.mark.parametrize(("before", "action", "state", "to"), EMAIL_CASES, ids=[c[1] for c in EMAIL_CASES])
def test_every_email_names_the_state_it_announces(
    area, mailoutbox, django_capture_on_commit_callbacks, before, action, state, to
):
    referral = _sent(area)
    for step in before:
        services.apply_transition(referral.pk, step, area["counsellor"])
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        if action == "received":
            services.mark_received(Referral.objects.get(pk=referral.pk), area["counsellor"])
        else:
            user = area["officer"] if action == "cancel" else area["counsellor"]
            services.apply_transition(referral.pk, action, user, **DETAILS.get(action, {}))

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [area["officer"].email if to == "sender" else area["counsellor"].email]
    assert mail.subject == f"Fiche navette n° {referral.pk} : {state.lower()}"
    assert f"est passée à l'état : {state}." in mail.body
    if action == "schedule":
        assert "Premier rendez-vous : jeudi 3 décembre 2026 à 14:00." in mail.body


def test_sending_announces_a_new_fiche_and_acknowledges_it(area, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        referral = _sent(area)
    subjects = {m.to[0]: m.subject for m in mailoutbox}
    assert subjects == {
        area["counsellor"].email: f"Nouvelle fiche navette n° {referral.pk} à traiter",
        area["officer"].email: f"Fiche navette n° {referral.pk} envoyée",
    }
    assert "avant le 3 décembre 2026" in mailoutbox[0].body


@pytest.mark.parametrize("url_name", ["orientation:reception_create", "orientation:referral_create"])
def test_the_first_door_speaks_plain_words(client, area, url_name):
    reception = _record(client, area)
    query = f"?accueil={reception.pk}" if url_name == "orientation:referral_create" else ""
    page = _text(client.get(reverse(url_name) + query))
    assert "Niveau " not in page
    assert "Conseil personnalisé" in page


def test_a_correction_keeps_the_commune_as_it_was_typed(client, area):
    reception = _record(client, area, commune_text="Mer")
    url = reverse("orientation:reception_edit", args=[reception.pk])
    form = client.get(url).context["form"]
    assert form["commune_text"].value() == "Mer (41136)"
    data = {
        "structure": area["bij"].pk,
        "date": "2026-11-26",
        "channel": "phone",
        "age_band": "16_25",
        "commune_text": form["commune_text"].value(),
        "themes": [area["themes"][1].pk],
        "actions": ["information"],
        "cep_level": "2",
    }
    assert client.post(url, data).status_code == 302
    reception.refresh_from_db()
    assert reception.commune.name == "Mer" and list(reception.themes.all()) == [area["themes"][1]]
    assert reception.place.name == "BIJ 41 — Blois"


def test_readdressing_a_fiche_sent_without_a_reception_suggests_from_the_senders_place(client, area):
    referral = _sent(area, status=area["status"], age_band="16_25")
    services.apply_transition(referral.pk, "decline", area["counsellor"], reason="out_of_area")
    client.force_login(area["officer"])
    response, places = _suggested(client, f"?reorienter={referral.pk}")
    assert places and not {p.structure_id for p in places} & {area["blaisois"].pk, area["bij"].pk}
    assert "BIJ 41 — Blois (Blois), lieu de l'accueil" in _text(response)


@pytest.mark.parametrize(
    ("to_process", "sent", "box"), [(0, 0, "a-traiter"), (2, 0, "a-traiter"), (1, 3, "a-traiter"), (0, 3, "envoyees")]
)
def test_the_inbox_opens_on_the_fiches_to_process_else_on_those_sent(to_process, sent, box):
    assert default_box({"a-traiter": to_process, "envoyees": sent, "en-retard": 0, "terminees": 0}) == box


def test_a_structure_that_only_sends_opens_its_inbox_on_the_fiches_it_sent(client, area):
    referral = _sent(area)
    client.force_login(area["officer"])
    response = client.get(reverse("orientation:inbox"))
    assert response.context["box"] == "envoyees" and f"Fiche n° {referral.pk}" in _text(response)
