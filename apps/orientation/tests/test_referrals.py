"""The fiche navette from first door to closed loop, and the forbidden paths."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from apps.orientation import services
from apps.orientation.models import ContactAccessLog, Reception, Referral, ReferralContact
from apps.orientation.workdays import add_working_days

pytestmark = pytest.mark.django_db


def test_working_days_skip_weekends_and_french_holidays():
    # Thursday 24 December 2026 + 5 working days: 25 Dec (holiday) and the weekend are skipped,
    # 1 January 2027 is a holiday too → 28, 29, 30, 31 Dec, 4 Jan.
    assert add_working_days(datetime.date(2026, 12, 24), 5) == datetime.date(2027, 1, 4)
    assert add_working_days(datetime.date(2026, 11, 23), 5) == datetime.date(2026, 11, 30)


def test_reception_is_logged_anonymously_then_referred(client, bij_officer, bij, blois, vocabularies):
    client.force_login(bij_officer)
    response = client.post(
        reverse("orientation:reception_create"),
        {
            "structure": bij.pk,
            "date": "2026-11-02",
            "channel": "on_site",
            "age_band": "16_25",
            "sex": "",
            "status": "",
            "commune_text": "41000",
            "themes": [],
            "actions": ["information", "referred"],
            "cep_level": "1",
        },
    )
    reception = Reception.objects.get()
    assert response.status_code == 302 and f"accueil={reception.pk}" in response.url
    assert reception.commune == blois and reception.departement_id == "41" and reception.recorded_by == bij_officer
    field_names = {f.name for f in Reception._meta.get_fields()}
    assert not field_names & {"first_name", "last_name", "name", "phone", "email", "comment", "notes"}


def test_reception_in_the_future_is_refused(client, bij_officer, bij, vocabularies):
    client.force_login(bij_officer)
    response = client.post(
        reverse("orientation:reception_create"),
        {
            "structure": bij.pk,
            "date": "2999-01-01",
            "channel": "phone",
            "age_band": "unknown",
            "actions": ["information"],
            "cep_level": "1",
        },
    )
    assert "ne peut pas être daté dans le futur" in response.context["form"].errors["date"][0]
    assert not Reception.objects.exists()


def test_full_loop_with_every_step_timestamped_and_emailed(
    client, make_referral, bij_officer, ml_counsellor, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        referral = make_referral()
    assert {m.to[0] for m in mailoutbox} == {"conseil@ml-blois.example", "accueil@bij-41.example"}
    assert all("Lou" not in m.body and "06 00 00 00 01" not in m.body for m in mailoutbox)

    client.force_login(ml_counsellor)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(reverse("orientation:referral", args=[referral.pk])).status_code == 200
        for action in ["accept", "contacted", "appointment_held"]:
            client.post(reverse("orientation:referral_transition", args=[referral.pk, action]))
        client.post(reverse("orientation:referral_transition", args=[referral.pk, "close"]), {"outcome": "helped"})
    referral.refresh_from_db()
    assert referral.state == Referral.State.CLOSED and referral.outcome == "helped" and referral.closed_at
    steps = list(referral.events.values_list("to_state", flat=True))
    assert steps == ["sent", "received", "accepted", "contacted", "appointment_held", "closed"]
    assert all(e.actor == ml_counsellor for e in referral.events.exclude(to_state="sent"))
    sender_mails = [m for m in mailoutbox if m.to == ["accueil@bij-41.example"]]
    assert len(sender_mails) == 1 + 5  # acknowledgement, then received/accepted/contacted/appointment/closed

    client.force_login(bij_officer)
    content = client.get(reverse("orientation:referral", args=[referral.pk])).content.decode()
    for label in ["Reçue", "Acceptée", "Personne contactée", "Premier rendez-vous tenu", "Clôturée"]:
        assert label in content


def test_decline_needs_a_reason_then_sender_may_redirect(client, make_referral, ml_counsellor, bij_officer, third):
    referral = make_referral()
    client.force_login(ml_counsellor)
    client.post(reverse("orientation:referral_transition", args=[referral.pk, "decline"]), {"reason": ""})
    referral.refresh_from_db()
    assert referral.state == "sent"
    client.post(reverse("orientation:referral_transition", args=[referral.pk, "decline"]), {"reason": "out_of_area"})
    referral.refresh_from_db()
    assert referral.state == "declined" and referral.decline_reason == "out_of_area"

    client.force_login(bij_officer)
    url = reverse("orientation:referral_create") + f"?reorienter={referral.pk}"
    response = client.post(url, {"reorienter": referral.pk, "receiver": third.pk, "transmission_consent": "on"})
    new = Referral.objects.exclude(pk=referral.pk).get()
    assert response.status_code == 302 and new.redirected_from == referral and new.receiver_structure == third


def test_a_third_structure_cannot_read_the_referral_nor_its_contact(client, make_referral, outsider):
    referral = make_referral()
    client.force_login(outsider)
    # 404 as for a fiche that does not exist: the id tells nothing (review L8)
    assert client.get(reverse("orientation:referral", args=[referral.pk])).status_code == 404
    assert client.get(reverse("orientation:referral", args=[referral.pk + 1000])).status_code == 404
    assert client.post(reverse("orientation:referral_contact", args=[referral.pk])).status_code == 404
    assert client.post(reverse("orientation:referral_transition", args=[referral.pk, "accept"])).status_code == 404
    assert "Fiche n°" not in client.get(reverse("orientation:inbox")).content.decode()
    assert not ContactAccessLog.objects.exists()
    referral.refresh_from_db()
    assert referral.state == "sent"


def test_region_admin_sees_no_individual_referral(client, make_referral, region_admin):
    referral = make_referral()
    client.force_login(region_admin)
    assert client.get(reverse("orientation:referral", args=[referral.pk])).status_code == 404


def test_sender_cannot_accept_and_receiver_cannot_cancel(make_referral, bij_officer, ml_counsellor):
    referral = make_referral()
    with pytest.raises(PermissionDenied):
        services.apply_transition(referral.pk, "accept", bij_officer)
    with pytest.raises(PermissionDenied):
        services.apply_transition(referral.pk, "cancel", ml_counsellor)


def test_impossible_transition_is_refused_with_a_french_message(make_referral, ml_counsellor):
    referral = make_referral()
    with pytest.raises(services.TransitionError) as error:
        services.apply_transition(referral.pk, "appointment_held", ml_counsellor)
    assert "impossible" in error.value.messages[0]


def test_reading_contact_details_is_logged(client, make_referral, ml_counsellor):
    referral = make_referral()
    client.force_login(ml_counsellor)
    page = client.get(reverse("orientation:referral", args=[referral.pk])).content.decode()
    assert "06 00 00 00 01" not in page  # hidden until deliberately shown
    shown = client.post(reverse("orientation:referral_contact", args=[referral.pk])).content.decode()
    assert "06 00 00 00 01" in shown
    log = ContactAccessLog.objects.get()
    assert log.user == ml_counsellor and log.action == "read"


def test_no_contact_details_without_consent(make_referral, bij, mission_locale, bij_officer):
    with pytest.raises(ValidationError):
        services.send_referral(
            receiver=mission_locale,
            sender_structure=bij,
            sender_user=bij_officer,
            transmission_consent=True,
            contact=services.ContactInput("Lou", "06 00 00 00 01", "", "phone", consent=False),
        )
    with pytest.raises(ValidationError):
        services.send_referral(
            receiver=mission_locale, sender_structure=bij, sender_user=bij_officer, transmission_consent=False
        )
    assert not Referral.objects.exists() and not ReferralContact.objects.exists()


def test_referral_form_refuses_contact_details_without_consent(client, bij_officer, mission_locale):
    client.force_login(bij_officer)
    response = client.post(
        reverse("orientation:referral_create"),
        {"receiver": mission_locale.pk, "transmission_consent": "on", "first_name": "Lou", "phone": "06 00 00 00 01"},
    )
    assert "accord de la personne" in response.content.decode()
    assert not Referral.objects.exists()


def test_deadline_is_five_working_days(make_referral):
    referral = make_referral()
    assert referral.deadline == add_working_days(referral.sent_at.date(), 5)


def test_overdue_reminder_goes_to_the_receiver_once(make_referral, mailoutbox):
    referral = make_referral()
    Referral.objects.filter(pk=referral.pk).update(deadline=datetime.date(2020, 1, 1))
    mailoutbox.clear()
    assert services.send_overdue_reminders() == 1
    assert services.send_overdue_reminders() == 0  # not again before a few days
    assert mailoutbox[0].to == ["conseil@ml-blois.example"] and "Rappel" in mailoutbox[0].subject


def test_only_region_admin_edits_the_grid_and_answers_are_kept(client, bij_officer, region_admin, bij, vocabularies):
    from apps.orientation.models import PreInterviewQuestion

    client.force_login(bij_officer)
    assert client.get(reverse("orientation:grid")).status_code == 403
    client.force_login(region_admin)
    bad = client.post(
        reverse("orientation:grid_create"), {"text": "Niveau ?", "kind": "choice", "choices": "Un seul", "position": 1}
    )
    assert "au moins deux choix" in bad.content.decode()
    client.post(
        reverse("orientation:grid_create"),
        {
            "text": "Niveau de qualification ?",
            "kind": "choice",
            "choices": "Infra bac\nBac\nBac+2 et plus",
            "position": 1,
            "is_active": "on",
        },
    )
    question = PreInterviewQuestion.objects.get()
    client.force_login(bij_officer)
    client.post(
        reverse("orientation:reception_create"),
        {
            "structure": bij.pk,
            "date": "2026-11-02",
            "channel": "phone",
            "age_band": "26_44",
            "actions": ["information"],
            "cep_level": "1",
            f"q_{question.pk}": "Bac",
        },
    )
    assert Reception.objects.get().grid_answers == {str(question.pk): "Bac"}


@pytest.mark.parametrize("name", ["orientation:referral", "orientation:inbox"])
def test_pages_with_a_persons_data_are_never_cached(client, make_referral, ml_counsellor, name):
    referral = make_referral()
    client.force_login(ml_counsellor)
    response = client.get(reverse(name, args=[referral.pk] if name == "orientation:referral" else []))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    contact = client.post(reverse("orientation:referral_contact", args=[referral.pk]))
    assert contact.status_code == 200 and "no-store" in contact["Cache-Control"]


@pytest.mark.parametrize("day", ["0001-01-01", "1899-12-31", "2013-12-31"])
def test_reception_before_the_platform_is_refused(client, bij_officer, bij, vocabularies, day):
    """A reception dated 0001-01-01 broke the public open-data CSV for everyone (review M8)."""
    client.force_login(bij_officer)
    data = {"structure": bij.pk, "date": day, "channel": "phone", "age_band": "unknown", "actions": ["information"]}
    response = client.post(reverse("orientation:reception_create"), data | {"cep_level": "1"})
    assert response.context["form"].errors["date"] == ["Date : la date ne peut pas précéder l'année 2014."]
    assert not Reception.objects.exists()


@pytest.mark.parametrize("query", ["accueil=abc", "reorienter=abc", "vers=abc", "accueil=99999999999999999999"])
def test_a_malformed_id_in_the_referral_form_is_not_a_500(client, bij_officer, vocabularies, query):
    """Field 'id' expected a number: a 500 (review L1)."""
    client.force_login(bij_officer)
    response = client.get(reverse("orientation:referral_create") + "?" + query)
    assert response.status_code in (200, 404)
