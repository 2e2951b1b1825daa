"""The person's free text (need, step notes) is erased with the contact details and read only through a logged action.

Findings H1 and M9 of the security review of December 2026.
"""

import html
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from apps.orientation import personal_data
from apps.orientation.models import ContactAccessLog, Referral, ReferralContact
from apps.orientation.services import apply_transition, send_referral

pytestmark = pytest.mark.django_db

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
NEED = "Je suis Zephyrine Uniquemarker, 12 rue des Lilas a Blois, tel 0611223344"
NOTE = "Rappelee Zephyrine au 0611223344, RDV pris"


@pytest.fixture
def closed_referral(make_referral, ml_counsellor):
    """A call-back-like referral whose need and close note name the person, closed at T0."""
    with time_machine.travel(T0, tick=False):
        referral = make_referral(need=NEED)
        apply_transition(referral.pk, "accept", ml_counsellor)
        apply_transition(referral.pk, "close", ml_counsellor, outcome="helped", note=NOTE)
    return referral


def _page(client, user, referral, reveal=False):
    client.force_login(user)
    if reveal:
        return client.post(reverse("orientation:referral_contact", args=[referral.pk])).content.decode()
    return client.get(reverse("orientation:referral", args=[referral.pk])).content.decode()


def test_purge_erases_need_and_notes_with_the_contact_and_keeps_the_facts(closed_referral):
    with time_machine.travel(T0 + timedelta(days=91), tick=False):
        assert personal_data.purge_expired() == 1
    referral = Referral.objects.get(pk=closed_referral.pk)
    assert referral.need == "" and not referral.events.exclude(note="").exists()
    assert not ReferralContact.objects.filter(referral=referral).exists()
    assert referral.personal_data_erased_at == T0 + timedelta(days=91)
    steps = list(referral.events.values_list("to_state", flat=True))
    assert referral.outcome == "helped" and steps == ["sent", "accepted", "closed"]
    log = ContactAccessLog.objects.get(action="erased")
    assert (log.channel, log.user) == ("purge", None)
    with time_machine.travel(T0 + timedelta(days=92), tick=False):
        assert personal_data.purge_expired() == 0  # nothing left: no second erasure entry


def test_a_referral_without_contact_has_its_need_purged_too(make_referral):
    with time_machine.travel(T0, tick=False):
        referral = make_referral(with_contact=False, need=NEED)
    with time_machine.travel(T0 + timedelta(days=366), tick=False):
        assert personal_data.purge_expired() == 1
    assert Referral.objects.get(pk=referral.pk).need == ""


@pytest.mark.parametrize("who", ["sender", "receiver"])
def test_the_page_shows_need_and_notes_only_after_the_logged_action(client, closed_referral, who, request):
    user = request.getfixturevalue({"sender": "bij_officer", "receiver": "ml_counsellor"}[who])
    page = _page(client, user, closed_referral)
    assert NEED not in page and NOTE not in page and "Afficher les données de la personne" in page
    assert not ContactAccessLog.objects.exists()
    page = _page(client, user, closed_referral, reveal=True)
    assert NEED in page and NOTE in page and "06 00 00 00 01" in page
    logged = set(ContactAccessLog.objects.filter(user=user, channel="web").values_list("action", flat=True))
    assert logged == {"read", "read_text"}


def test_the_api_hides_need_and_notes_and_logs_the_free_text_endpoint(client, closed_referral, ml_counsellor):
    client.force_login(ml_counsellor)
    data = client.get(f"/api/v1/referrals/{closed_referral.pk}/").json()
    assert NEED not in str(data) and NOTE not in str(data)
    assert data["has_need"] is True and [e["has_note"] for e in data["events"]][-1] is True
    assert not ContactAccessLog.objects.exists()
    free = client.get(f"/api/v1/referrals/{closed_referral.pk}/free-text/").json()
    assert free["need"] == NEED and [n["note"] for n in free["notes"]] == [NOTE]
    log = ContactAccessLog.objects.get()
    assert (log.action, log.channel, log.user) == ("read_text", "api", ml_counsellor)


def test_others_cannot_read_the_free_text_and_nothing_is_logged(client, closed_referral, outsider, region_admin):
    url = f"/api/v1/referrals/{closed_referral.pk}/free-text/"
    assert client.get(url).status_code == 403
    for user in [outsider, region_admin]:
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.post(reverse("orientation:referral_contact", args=[closed_referral.pk])).status_code in {
            403,
            404,
        }
    assert not ContactAccessLog.objects.exists()


def test_after_the_purge_the_page_says_what_was_erased(client, closed_referral, ml_counsellor):
    with time_machine.travel(T0 + timedelta(days=91), tick=False):
        personal_data.purge_expired()
    page = _page(client, ml_counsellor, closed_referral)
    assert "ont été effacés le 1er juin 2026" in page and "Afficher les données" not in page


def test_erasure_on_request_covers_the_redirections_and_logs_the_region(
    client, make_referral, bij, third, bij_officer, ml_counsellor, region_admin
):
    first = make_referral(need=NEED)
    apply_transition(first.pk, "decline", ml_counsellor, reason="no_capacity", note=NOTE)
    second = send_referral(
        receiver=third, sender_structure=bij, sender_user=bij_officer, transmission_consent=True,
        redirected_from=first, need="Toujours " + NEED,
    )  # fmt: skip
    unrelated = make_referral(need="Autre personne")
    client.force_login(region_admin)
    url = reverse("orientation:erasure")
    page = client.get(url, {"numero": second.pk}).content.decode()
    assert NEED not in page and "Présentes" in page  # the Region sees what is held, never the text

    refused = client.post(url, {"numero": second.pk})  # not confirmed
    assert "Confirmation : cochez la case" in refused.content.decode()
    assert Referral.objects.get(pk=first.pk).need == NEED

    assert client.post(url, {"numero": second.pk, "confirm": "on"}).status_code == 302
    for pk in [first.pk, second.pk]:
        erased = Referral.objects.get(pk=pk)
        assert erased.need == "" and erased.personal_data_erased_at is not None
        assert not erased.events.exclude(note="").exists() and not hasattr(erased, "contact")
    assert Referral.objects.get(pk=first.pk).decline_reason == "no_capacity"  # anonymous facts stay
    assert Referral.objects.get(pk=unrelated.pk).need == "Autre personne"
    logs = ContactAccessLog.objects.filter(action="erased")
    assert set(logs.values_list("referral_id", "channel", "user")) == {
        (first.pk, "request", region_admin.pk),
        (second.pk, "request", region_admin.pk),
    }


@pytest.mark.parametrize(
    "numero, message",
    [
        ("", "Numéro de la fiche navette : saisissez un numéro."),
        ("abc", "Numéro de la fiche navette : saisissez un nombre entier"),
        ("0", "Numéro de la fiche navette : saisissez un nombre entier positif."),
        ("99999999999999999999", "Numéro de la fiche navette : ce numéro n'existe pas."),
        ("987654", "Numéro de la fiche navette : aucune fiche navette ne porte ce numéro."),
    ],
)
def test_erasure_lookup_names_the_field_in_its_errors(client, region_admin, numero, message):
    client.force_login(region_admin)
    response = client.post(reverse("orientation:erasure"), {"numero": numero, "confirm": "on"})
    assert response.status_code == 200 and message in html.unescape(response.content.decode())
    assert not ContactAccessLog.objects.exists()


def test_no_new_note_is_kept_once_the_person_asked_for_erasure(make_referral, ml_counsellor, region_admin):
    referral = make_referral(need=NEED)
    apply_transition(referral.pk, "accept", ml_counsellor)
    personal_data.erase_on_request(referral, region_admin)
    apply_transition(referral.pk, "close", ml_counsellor, outcome="unreachable", note=NOTE)
    assert not Referral.objects.get(pk=referral.pk).events.exclude(note="").exists()


def test_access_log_review_filters_and_pages(client, make_referral, ml_counsellor, bij_officer, region_admin):
    referral, other = make_referral(), make_referral()
    with time_machine.travel(T0, tick=False):
        for _ in range(55):
            personal_data.read_contact(referral, ml_counsellor)
    with time_machine.travel(T0 + timedelta(days=3), tick=False):
        personal_data.read_contact(other, bij_officer, channel="api")
    client.force_login(region_admin)
    url = reverse("orientation:access_log")
    first = client.get(url).content.decode()
    assert "56 entrées" in first and "Page 1 / 2" in first
    assert "05/03/2026" in first  # newest first
    by_referral = client.get(url, {"fiche": other.pk}).content.decode()
    assert "1 entrée" in by_referral and bij_officer.email in by_referral
    by_account = client.get(url, {"compte": "conseil@ml", "page": 2}).content.decode()
    assert "55 entrées" in by_account and "Page 2 / 2" in by_account
    by_dates = client.get(url, {"du": "2026-03-04", "au": "2026-03-06", "action": "read"}).content.decode()
    assert "1 entrée" in by_dates
    wrong = client.get(url, {"du": "2026-03-06", "au": "2026-03-04"}).content.decode()
    assert "Au : la date de fin doit suivre la date de début." in wrong


@pytest.mark.parametrize(
    "text, refused",
    [
        ("Je suis Zephyrine, tel 0611223344", True),
        ("Rappeler au 06 11 22 33 44", True),
        ("+33 6 11 22 33 44", True),
        ("06.11.22.33.44", True),
        ("écrire à zephyrine.u@example.org", True),
        ("Reprendre une formation en 2026", False),
        ("CAP obtenu en 2024, habite 41000 Blois", False),
        ("19 ans, commune 41018", False),
    ],
)
@pytest.mark.parametrize(
    "form_path, field, label",
    [
        ("apps.public.assistant_forms.CallbackForm", "need", "Votre question"),
        ("apps.orientation.forms.ReferralForm", "need", "Besoin exprimé"),
        ("apps.orientation.forms.DeclineForm", "note", "Précision"),
        ("apps.orientation.forms.CloseForm", "note", "Précision"),
    ],
)
def test_free_text_fields_refuse_contact_details(form_path, field, label, text, refused):
    from django.core.exceptions import ValidationError
    from django.utils.module_loading import import_string

    form_field = import_string(form_path).base_fields[field]
    if refused:
        with pytest.raises(ValidationError) as error:
            form_field.clean(text)
        assert error.value.messages[0].startswith(f"{label} : n'y écrivez ni numéro de téléphone ni adresse e-mail")
    else:
        assert form_field.clean(text) == text
