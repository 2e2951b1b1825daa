"""The follow-up of a person: only with consent, sent once after the fiche ends, one reminder at most, and
an answer that keeps no link to the person (asserted on the stored rows)."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from apps.feedback import follow_up
from apps.feedback.models import FollowUp, FollowUpAnswer, FollowUpTally
from apps.orientation import personal_data
from apps.orientation.models import Referral
from apps.orientation.services import apply_transition

pytestmark = pytest.mark.django_db
ANSWERS = {"got_answer": "yes", "right_place": "yes", "next_step": "support", "recommend": "maybe"}


def close(referral, user):
    for action in ("accept", "close"):
        kwargs = {"outcome": "helped"} if action == "close" else {}
        apply_transition(referral.pk, action, user, **kwargs)
    referral.refresh_from_db()
    return referral


def run(days_after_now=0):
    with time_machine.travel(timezone.now() + timedelta(days=days_after_now), tick=False):
        return follow_up.send_due()


def link_of(mail) -> str:
    return next(line for line in mail.body.splitlines() if "/suivi/" in line).strip()


@pytest.mark.parametrize(
    ("email", "consent", "expected"),
    [
        ("lou@personne.example", True, True),
        ("lou@personne.example", False, False),
        ("", True, False),  # no address on the fiche: nothing could be sent
        ("", False, False),
    ],
)
def test_a_follow_up_exists_only_with_consent_and_an_address(make_referral, email, consent, expected):
    referral = make_referral(email=email)
    if consent:
        follow_up.record_consent(referral, FollowUp.Source.REFERRAL)
    assert FollowUp.objects.filter(referral=referral).exists() is expected


def test_sent_once_after_the_delay_then_one_reminder_at_most(make_referral, ml_counsellor, settings, mailoutbox):
    settings.SPRO_FOLLOW_UP_DELAY_DAYS, settings.SPRO_FOLLOW_UP_REMINDER_DAYS = 21, 7
    settings.SPRO_FOLLOW_UP_ANSWER_DAYS = 30
    with_consent, without = make_referral(), make_referral()
    follow_up.record_consent(with_consent, FollowUp.Source.CALLBACK)
    assert run(30)["sent"] == 0  # the fiche is still open
    mailoutbox.clear()
    close(with_consent, ml_counsellor), close(without, ml_counsellor)
    assert run(20)["sent"] == 0  # too early
    assert run(22)["sent"] == 1
    assert [m.to for m in mailoutbox] == [["lou@personne.example"]]
    assert "/suivi/" in mailoutbox[0].body and "Lou" not in mailoutbox[0].body
    for days in (22, 23, 28):  # the hourly job runs again: nothing more before the reminder is due
        assert run(days) == {"sent": 0, "reminded": 0, "dropped": 0}
    assert run(29)["reminded"] == 1
    for days in (30, 40, 51):
        assert run(days)["reminded"] == 0
    assert len(mailoutbox) == 2 and mailoutbox[1].subject.startswith("Rappel")
    assert link_of(mailoutbox[0]) == link_of(mailoutbox[1])
    assert run(53)["dropped"] == 1  # unanswered 30 days after sending: deleted
    assert not FollowUp.objects.exists()
    assert FollowUpTally.objects.get().sent == 1


def test_the_answer_keeps_no_link_to_the_person(make_referral, ml_counsellor, mission_locale, client, mailoutbox):
    referral = make_referral()
    follow_up.record_consent(referral, FollowUp.Source.RECEPTION)
    close(referral, ml_counsellor)
    run(22)
    link = link_of(mailoutbox[0])
    path = link.removeprefix("http://127.0.0.1:8000").removeprefix("http://testserver")
    page = client.get(path)
    assert page.status_code == 200 and "4 questions" in page.content.decode()
    response = client.post(
        path, {"got_answer": "yes", "right_place": "no", "next_step": "training", "recommend": "yes"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("feedback:follow_up_done")
    # Stored rows: no follow-up (the only row that named the fiche and held the link's secret) remains…
    assert not FollowUp.objects.exists()
    # …and the answer holds only territory, network, month and the four answers.
    answer = FollowUpAnswer.objects.values().get()
    assert set(answer) == {
        "id", "territory_id", "network_id", "month", "got_answer", "right_place", "next_step", "recommend",
    }  # fmt: skip
    sent_day = timezone.localdate(timezone.now() + timedelta(days=22))
    assert answer["territory_id"] == mission_locale.territory_id
    assert answer["network_id"] == mission_locale.network_id
    assert answer["month"] == sent_day.replace(day=1)
    assert (answer["got_answer"], answer["right_place"]) == ("yes", "no")
    # The link works once.
    assert client.get(path).status_code == 404
    again = client.post(path, ANSWERS)
    assert again.status_code == 404 and FollowUpAnswer.objects.count() == 1


def test_the_answer_erases_the_queued_copies_of_its_e_mails(make_referral, ml_counsellor, settings):
    """The e-mail queue keeps each recipient 30 days: not the address of a person who answered."""
    from apps.emails.models import OutgoingEmail

    settings.EMAIL_BACKEND = "apps.emails.backend.QueuedEmailBackend"
    settings.SPRO_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    referral, other = make_referral(), make_referral(email="sam@personne.example")
    for each in (referral, other):
        follow_up.record_consent(each, FollowUp.Source.REFERRAL)
        close(each, ml_counsellor)
    run(22)
    run(29)  # the reminders
    assert OutgoingEmail.objects.filter(recipients="lou@personne.example").count() == 2
    token = follow_up.link_token(FollowUp.objects.get(referral=referral))
    follow_up.submit_answer(token, ANSWERS)
    assert not OutgoingEmail.objects.filter(recipients__contains="lou@personne.example").exists()
    assert OutgoingEmail.objects.filter(recipients="sam@personne.example").count() == 2  # not the others'


@pytest.mark.parametrize("token", ["abc", "", "W1sxLCJ4Il0:forged:signature"])
def test_a_forged_or_unknown_link_is_refused(client, token, make_referral):
    make_referral()
    url = f"/suivi/{token}/" if token else "/suivi/x/"
    assert client.get(url).status_code == 404
    assert client.post(url, ANSWERS).status_code == 404
    assert not FollowUpAnswer.objects.exists()


def test_an_erasure_of_the_person_stops_the_follow_up(make_referral, ml_counsellor, mailoutbox, region_admin):
    referral = make_referral()
    follow_up.record_consent(referral, FollowUp.Source.REFERRAL)
    close(referral, ml_counsellor)
    personal_data.erase_on_request(referral, region_admin)
    mailoutbox.clear()
    counts = run(22)
    assert counts["sent"] == 0 and counts["dropped"] == 1 and not mailoutbox
    assert not FollowUp.objects.exists()


def test_a_cancelled_fiche_drops_its_follow_up(make_referral, bij_officer, mailoutbox):
    referral = make_referral()
    follow_up.record_consent(referral, FollowUp.Source.REFERRAL)
    apply_transition(referral.pk, "cancel", bij_officer, note="La personne a changé d’avis")
    assert follow_up.purge() == 1 and not FollowUp.objects.exists()


def test_the_scheduled_purge_command_covers_unanswered_follow_ups(make_referral, ml_counsellor, settings):
    from django.core.management import call_command

    referral = make_referral()
    follow_up.record_consent(referral, FollowUp.Source.REFERRAL)
    close(referral, ml_counsellor)
    run(22)
    with time_machine.travel(timezone.now() + timedelta(days=22 + settings.SPRO_FOLLOW_UP_ANSWER_DAYS), tick=False):
        call_command("purge_personal_data")
    assert not FollowUp.objects.exists()
    assert Referral.objects.filter(pk=referral.pk).exists()


def test_the_call_back_form_asks_for_an_address_with_the_follow_up(client, mission_locale, vocabularies):
    place = mission_locale.places.first()
    url = reverse("public:callback", args=[place.pk])
    base = {
        "requester": "self",
        "age_band": "16_25",
        "first_name": "Lou",
        "preferred_channel": "phone",
        "phone": "02 61 91 00 01",
        "consent": "on",
        "follow_up": "on",
    }
    page = client.post(url, base)
    assert page.status_code == 200
    assert "Adresse e-mail : indiquez une adresse pour recevoir les 4 questions" in page.content.decode()
    assert not Referral.objects.exists()
    client.post(url, base | {"email": "lou@personne.example"})
    assert FollowUp.objects.get().source == FollowUp.Source.CALLBACK
    client.post(url, base | {"follow_up": ""})
    assert Referral.objects.count() == 2 and FollowUp.objects.count() == 1


def test_the_grid_yes_pre_ticks_the_fiche_and_the_fiche_records_it(client, bij, bij_officer, mission_locale):
    from apps.orientation.grid import load_default_grid
    from apps.orientation.models import PreInterviewQuestion
    from apps.orientation.services import record_reception

    load_default_grid()
    question = PreInterviewQuestion.objects.get(text__icontains="questionnaire de satisfaction")
    reception = record_reception(
        structure=bij,
        user=bij_officer,
        data={"date": timezone.localdate(), "channel": "on_site", "grid_answers": {str(question.pk): "Oui"}},
    )
    client.force_login(bij_officer)
    url = reverse("orientation:referral_create") + f"?accueil={reception.pk}"
    page = client.get(url).content.decode()
    assert 'id="id_follow_up_consent" checked' in page
    data = {
        "receiver": mission_locale.pk,
        "transmission_consent": "on",
        "follow_up_consent": "on",
        "accueil": reception.pk,
    }
    refused = client.post(url, data)
    assert "Questionnaire de suivi : il part par e-mail" in refused.content.decode()
    contact = {"contact_consent": "on", "first_name": "Lou", "preferred_channel": "email"}
    client.post(url, data | contact | {"email": "lou@personne.example"})
    assert FollowUp.objects.get().source == FollowUp.Source.RECEPTION
