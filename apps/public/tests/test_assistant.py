"""The public assistant "Quelle porte pour moi ?" and the call-back request, with the Django test client."""

import datetime
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from apps.directory.models import Place
from apps.orientation.models import Referral, ReferralContact
from apps.orientation.services import CONSENT_TEXT
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

ASSISTANT = reverse("public:assistant")
BLOIS_YOUTH = {"lieu": "41000", "statut": "jeune-sans-solution", "age": "19", "theme": "reprendre-formation"}
TOURS_EMPLOYEE = {"lieu": "Tours", "statut": "salarie", "age": "24", "theme": "changer-metier"}
ORLEANS_PUPIL = {"lieu": "45000", "statut": "lyceen", "age": "16", "theme": "choisir-orientation"}


@pytest.fixture(scope="module", autouse=True)
def default_rules(demo_region, django_db_blocker):
    from apps.orientation.routing import load_default_rules

    with django_db_blocker.unblock():
        load_default_rules(replace=True)


def door_networks(response) -> list[str]:
    return [item.door.network.code for item in response.context["doors"]]


# The assistant -----------------------------------------------------------------------------------


def test_the_form_asks_four_questions_in_fieldsets(client):
    response = client.get(ASSISTANT)
    assert response.status_code == 200
    content = response.content.decode()
    assert content.count("<fieldset") >= 4
    for legend in ("1. Où habitez-vous ?", "2. Quelle est votre situation ?", "3. Quel âge avez-vous ?"):
        assert legend in content
    assert "4. Sur quoi porte votre question ?" in content
    assert "Je suis en situation de handicap (RQTH ou démarche en cours)" in content
    assert "elle n&#x27;est pas conservée" in content
    assert 'type="number"' in content and 'min="10"' in content and 'max="99"' in content
    assert 'list="communes-suggestions"' in content and reverse("public:commune_suggestions") in content
    assert 'role="alert"' not in content  # no error before answering


def test_home_page_and_header_link_to_the_assistant(client):
    content = client.get(reverse("public:home")).content.decode()
    assert content.count(f'href="{ASSISTANT}"') >= 2  # hero button and header menu
    assert "Quelle porte pour moi ?" in content


def test_early_school_leaver_in_blois(client):
    response = client.get(ASSISTANT, BLOIS_YOUTH)
    assert response.status_code == 200
    assert door_networks(response)[0] == "mission-locale"
    first = response.context["doors"][0]
    assert first.places[0].place.commune_id == "41018"
    assert all(pv.distance_km < 30 for pv in first.places)
    content = response.content.decode()
    assert '<h2 id="porte-1">1. Mission locale</h2>' in content
    assert first.door.why.replace("'", "&#x27;") in content
    assert "Conseil personnalisé" in content  # the CEP level in plain words
    assert "Dans votre commune" in content
    assert reverse("public:place", args=[first.places[0].place.pk]) in content


@pytest.mark.parametrize("theme", ["changer-metier", "evoluer-emploi"])
def test_young_employee_in_tours(client, theme):
    response = client.get(ASSISTANT, TOURS_EMPLOYEE | {"theme": theme})
    found = door_networks(response)
    assert found[0] in ("cep-actifs-occupes", "transitions-pro")
    assert {"cep-actifs-occupes", "transitions-pro"} <= set(found)


def test_high_school_student_in_orleans(client):
    response = client.get(ASSISTANT, ORLEANS_PUPIL)
    assert door_networks(response)[0] == "cio"
    assert "1. Centre d&#x27;information et d&#x27;orientation (CIO)" in response.content.decode()


def test_job_seeker_with_a_disability_is_sent_to_cap_emploi_first(client):
    params = {"lieu": "Bourges", "statut": "demandeur-emploi", "age": "35", "theme": "trouver-emploi"}
    assert door_networks(client.get(ASSISTANT, params | {"handicap": "on"}))[0] == "cap-emploi"
    assert "cap-emploi" not in door_networks(client.get(ASSISTANT, params))


def test_places_of_each_door_are_sorted_by_distance(client):
    response = client.get(
        ASSISTANT, {"lieu": "Vendôme", "statut": "demandeur-emploi", "age": "40", "theme": "trouver-emploi"}
    )
    for item in response.context["doors"]:
        distances = [pv.distance_km for pv in item.places]
        assert distances == sorted(distances)


@pytest.mark.parametrize("lieu", ["Blois", "Aigurande", "Anet", "Sancerre", "Pithiviers", "Chinon", "Le Blanc"])
@pytest.mark.parametrize("situation", [BLOIS_YOUTH, TOURS_EMPLOYEE, ORLEANS_PUPIL])
def test_no_door_is_offered_beyond_the_reachable_distance(client, lieu, situation):
    """The assistant and the accueillant's suggestions share one rule (routing.MAX_DOOR_KM): nothing farther."""
    from apps.orientation.routing import MAX_DOOR_KM

    response = client.get(ASSISTANT, {**situation, "lieu": lieu})
    assert response.status_code == 200 and response.context["doors"]
    distances = [pv.distance_km for item in response.context["doors"] for pv in item.places]
    assert all(d is not None and d <= MAX_DOOR_KM for d in distances), (lieu, distances)


def test_result_shows_remote_doors_the_referent_line_and_access(client):
    content = client.get(ASSISTANT, BLOIS_YOUTH).content.decode()
    assert "À distance : par téléphone ou en ligne" in content
    assert "0 800 222 100" in content
    assert (
        "Vous avez déjà un·e conseiller·ère (France Travail, Mission locale, Cap emploi, APEC) ? "
        "C'est souvent la bonne porte : contactez-le·la en premier."
    ) in content
    assert "Comment y accéder : Sans rendez-vous" in content


def test_call_back_links_carry_the_anonymous_facts_but_never_the_disability(client):
    response = client.get(ASSISTANT, BLOIS_YOUTH | {"handicap": "on"})
    place_view = response.context["doors"][0].places[0]
    url = urlsplit(place_view.callback_url)
    assert url.path == reverse("public:callback", args=[place_view.place.pk])
    assert parse_qs(url.query) == {
        "statut": ["jeune-sans-solution"],
        "theme": ["reprendre-formation"],
        "tranche": ["16_25"],
        "commune": ["41018"],
    }
    assert "Être rappelé·e par cette structure" in response.content.decode()


def test_missing_answers_are_listed_in_an_error_summary(client):
    response = client.get(ASSISTANT, {"lieu": "", "age": ""})  # what an empty form sends
    content = response.content.decode()
    assert response.status_code == 200 and "doors" not in response.context
    assert 'role="alert"' in content
    assert "4 réponses sont à corriger" in content
    for question in ("Question 1, où habitez-vous", "Question 2, votre situation", "Question 3, votre âge"):
        assert question in content
    assert "Question 4, votre question" in content
    assert 'href="#id_statut_0"' in content and 'href="#id_lieu"' in content
    assert 'aria-invalid="true"' in content
    assert "<title>Erreur — " in content


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"age": "5"}, "Question 3, votre âge : indiquez un âge d&#x27;au moins 10 ans."),
        ({"age": "120"}, "Question 3, votre âge : indiquez un âge d&#x27;au plus 99 ans."),
        ({"age": "dix"}, "Question 3, votre âge : écrivez votre âge en chiffres"),
        ({"lieu": "Nullepartville"}, "« Nullepartville » ne correspond à aucune commune"),
        ({"statut": "astronaute"}, "Question 2, votre situation : choisissez une situation dans la liste."),
    ],
)
def test_each_error_says_which_question_and_what_to_fix(client, changes, message):
    content = client.get(ASSISTANT, BLOIS_YOUTH | changes).content.decode()
    assert message in content
    assert "Une réponse est à corriger" in content


def test_under_15_are_told_a_parent_makes_the_call_back_request(client):
    content = client.get(
        ASSISTANT, {"lieu": "Blois", "statut": "collegien", "age": "13", "theme": "choisir-orientation"}
    )
    text = content.content.decode()
    assert "Vous avez moins de 15 ans" in text and "un parent ou votre responsable légal" in text
    assert "Vous avez moins de 15 ans" not in client.get(ASSISTANT, ORLEANS_PUPIL).content.decode()


def test_edit_link_shows_the_form_with_the_answers(client):
    response = client.get(ASSISTANT, BLOIS_YOUTH | {"modifier": "1"})
    content = response.content.decode()
    assert "doors" not in response.context
    assert 'value="41000"' in content and 'value="19"' in content
    assert re.search(r'value="jeune-sans-solution"[^>]*checked', content)


# The call-back request ---------------------------------------------------------------------------


@pytest.fixture
def place():
    return Place.objects.select_related("structure").filter(
        commune_id="41018", structure__network__code="mission-locale"
    )[0]


@pytest.fixture
def counsellor(place):
    return MembershipFactory(structure=place.structure, user=UserFactory(email="conseil.ml@test.spro.example")).user


def callback_url(place):
    return reverse("public:callback", args=[place.pk])


def valid_data(**overrides):
    data = {
        "requester": "self",
        "age_band": "16_25",
        "first_name": "Noa",
        "preferred_channel": "phone",
        "phone": "06.12.34.56.78",
        "email": "noa.fictive@fictif.example",
        "need": "Je voudrais reprendre une formation dans la cuisine.",
        "consent": "on",
        "statut": "jeune-sans-solution",
        "theme": "reprendre-formation",
        "commune": "41018",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_place_page_links_to_the_call_back_form(client, place):
    assert callback_url(place) in client.get(place.get_absolute_url()).content.decode()


def test_the_form_shows_the_consent_text_and_the_privacy_notice(client, place):
    response = client.get(
        callback_url(place), {"statut": "jeune-sans-solution", "tranche": "16_25", "commune": "41018"}
    )
    content = response.content.decode()
    consent = CONSENT_TEXT.format(structure=place.structure.name).replace("'", "&#x27;")
    assert consent in content
    assert "3 mois après la fin de l&#x27;échange (12 mois au maximum)" in content
    assert "opposer" in content and reverse("public:privacy") in content
    assert "santé" in content  # the warning on the free text
    assert 'name="csrfmiddlewaretoken"' in content
    assert '<input type="hidden" name="statut" value="jeune-sans-solution"' in content
    assert re.search(r'value="16_25"[^>]*checked', content)


def test_a_valid_request_creates_a_callback_referral_without_personal_data_in_emails(
    client, place, counsellor, mailoutbox, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(timezone, "localdate", lambda *args: datetime.date(2026, 12, 24))  # a Thursday
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(callback_url(place), valid_data())
    assert response.status_code == 302 and response.url == reverse("public:callback_done")

    referral = Referral.objects.get()
    assert referral.origin == Referral.Origin.CALLBACK
    assert referral.receiver_structure == place.structure
    assert referral.sender_structure is None and referral.sender_user is None
    assert referral.transmission_consent and referral.state == Referral.State.SENT
    assert (referral.age_band, referral.status.code, referral.theme.code, referral.commune_id) == (
        "16_25",
        "jeune-sans-solution",
        "reprendre-formation",
        "41018",
    )
    # 5 working days: Fri 25 Dec and Fri 1 Jan are public holidays, weekends are skipped.
    assert referral.deadline == datetime.date(2027, 1, 4)

    contact = ReferralContact.objects.get(referral=referral)
    assert contact.first_name == "Noa" and contact.phone == "06 12 34 56 78"
    assert contact.preferred_channel == "phone"
    assert contact.consent_text == CONSENT_TEXT.format(structure=place.structure.name)
    assert contact.consent_at is not None

    assert [m.to for m in mailoutbox] == [["conseil.ml@test.spro.example"]]
    mail = mailoutbox[0]
    for personal in ("Noa", "06 12 34 56 78", "06.12.34.56.78", "0612345678", "noa.fictive", "cuisine"):
        assert personal not in mail.subject and personal not in mail.body

    done = client.get(response.url)
    text = done.content.decode()
    assert "lundi 4 janvier 2027" in text and "5 jours ouvrés" in text
    assert place.structure.name in text and "0 800 222 100" in text


def test_deadline_is_a_later_weekday(client, place):
    client.post(callback_url(place), valid_data())
    deadline = Referral.objects.get().deadline
    assert deadline > timezone.localdate() and deadline.weekday() < 5


def test_without_consent_nothing_is_created(client, place):
    response = client.post(callback_url(place), valid_data(consent=None))
    assert response.status_code == 200
    assert "Accord : cochez la case" in response.content.decode()
    assert 'role="alert"' in response.content.decode()
    assert not Referral.objects.exists() and not ReferralContact.objects.exists()


def test_under_15_cannot_ask_for_themselves_but_a_parent_can(client, place):
    refused = client.post(callback_url(place), valid_data(age_band="under_15"))
    assert refused.status_code == 200
    assert "c&#x27;est un parent ou votre responsable légal qui doit demander le rappel" in refused.content.decode()
    assert not Referral.objects.exists()

    accepted = client.post(callback_url(place), valid_data(age_band="under_15", requester="parent"))
    assert accepted.status_code == 302
    assert Referral.objects.get().age_band == "under_16"


def test_the_assistant_carries_the_under_15_band(client):
    response = client.get(
        ASSISTANT, {"lieu": "Blois", "statut": "collegien", "age": "13", "theme": "choisir-orientation"}
    )
    url = response.context["doors"][0].places[0].callback_url
    assert "tranche=under_15" in url
    assert re.search(r'value="under_15"[^>]*checked', client.get(url).content.decode())


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"phone": "12345"}, "phone", "Téléphone : saisissez un numéro français à 10 chiffres"),
        ({"phone": ""}, "phone", "Téléphone : indiquez un numéro"),
        ({"preferred_channel": "email", "email": ""}, "email", "Adresse e-mail : indiquez une adresse"),
        ({"email": "pas-une-adresse"}, "email", "Adresse e-mail : saisissez une adresse complète"),
        ({"first_name": " "}, "first_name", "Prénom : indiquez le prénom"),
        ({"preferred_channel": None}, "preferred_channel", "Comment être recontacté·e : choisissez"),
        ({"age_band": None}, "age_band", "Âge : cochez la tranche d'âge"),
        ({"need": "x" * 601}, "need", "Votre question : 600 caractères au plus"),
    ],
)
def test_contact_details_are_checked(client, place, overrides, field, message):
    response = client.post(callback_url(place), valid_data(**overrides))
    assert response.status_code == 200
    assert response.context["form"].errors[field][0].startswith(message)
    assert not Referral.objects.exists()


def test_email_channel_needs_no_phone_and_french_numbers_are_normalised(client, place):
    client.post(callback_url(place), valid_data(preferred_channel="email", phone=""))
    assert ReferralContact.objects.get().email == "noa.fictive@fictif.example"
    client.post(callback_url(place), valid_data(phone="+33 2 54 00 00 00"))
    assert ReferralContact.objects.filter(phone="02 54 00 00 00").exists()


def test_unknown_carried_over_facts_are_dropped(client, place):
    client.post(callback_url(place), valid_data(statut="astronaute", theme="", commune="00000"))
    referral = Referral.objects.get()
    assert referral.status is None and referral.theme is None and referral.commune is None


def test_csrf_is_enforced(place):
    csrf_client = Client(enforce_csrf_checks=True)
    assert csrf_client.post(callback_url(place), valid_data()).status_code == 403
    assert not Referral.objects.exists()


def test_inactive_place_or_structure_has_no_call_back(client, place):
    place.structure.is_active = False
    place.structure.save()
    assert client.get(callback_url(place)).status_code == 404


def test_confirmation_without_a_request_goes_back_to_the_assistant(client):
    response = client.get(reverse("public:callback_done"))
    assert response.status_code == 302 and response.url == ASSISTANT


def test_call_back_requests_are_limited_per_address(client, place, settings):
    settings.SPRO_CALLBACK_LIMIT_PER_HOUR = 2
    for _ in range(2):
        assert client.post(callback_url(place), valid_data()).status_code == 302
    refused = client.post(callback_url(place), valid_data())
    assert refused.status_code == 429 and "Trop de demandes" in refused.content.decode()
    assert Referral.objects.count() == 2


def test_behind_the_proxy_call_backs_are_counted_per_person(client, place, settings):
    """The proxy's address is not the person's: the region must not share one quota (review L3)."""
    settings.SPRO_CALLBACK_LIMIT_PER_HOUR = 1
    settings.SPRO_TRUSTED_PROXIES = 1
    first = client.post(callback_url(place), valid_data(), HTTP_X_FORWARDED_FOR="198.51.100.1")
    other = client.post(callback_url(place), valid_data(), HTTP_X_FORWARDED_FOR="198.51.100.2")
    again = client.post(callback_url(place), valid_data(), HTTP_X_FORWARDED_FOR="9.9.9.9, 198.51.100.1")
    assert (first.status_code, other.status_code, again.status_code) == (302, 302, 429)
    assert Referral.objects.count() == 2


def test_a_filled_honeypot_saves_and_sends_nothing(client, place, mailoutbox):
    response = client.post(callback_url(place), valid_data(site_web="http://spam.example"))
    assert response.status_code == 302
    assert not Referral.objects.exists() and mailoutbox == []


def test_the_honeypot_is_hidden_from_people(client, place):
    html = client.get(callback_url(place)).content.decode()
    assert '<div class="visually-hidden" aria-hidden="true"><label for="id_site_web">' in html
    assert 'tabindex="-1"' in html


def test_invalid_posts_do_not_use_up_the_quota(client, place, settings):
    settings.SPRO_CALLBACK_LIMIT_PER_HOUR = 1
    for _ in range(3):
        assert client.post(callback_url(place), valid_data(first_name="")).status_code == 200
    assert client.post(callback_url(place), valid_data()).status_code == 302
