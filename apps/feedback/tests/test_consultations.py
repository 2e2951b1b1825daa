"""Consultations of the public: who runs them (a table), typing in paper answers, the public link,
anonymous rows and results with small counts masked."""

import pytest
from django.urls import reverse

from apps.feedback import consultations as services
from apps.feedback.models import Consultation, ConsultationAnswer, ConsultationQuestion, ConsultationResponse
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(t41, coordinator_41):
    consultation = services.create_consultation(
        territory=t41, title="Forum de Blois", introduction="Votre avis", user=coordinator_41
    )
    services.add_question(consultation, label="Savez-vous à qui vous adresser ?", kind="choice", choices=["Oui", "Non"])
    services.add_question(consultation, label="Une idée ?", kind="text", choices=[])
    return consultation


@pytest.fixture
def users(bij_officer, coordinator_41, coordinator_18, region_admin, support_team):
    return {
        "anonymous": None,
        "member": bij_officer,
        "coordinator": coordinator_41,
        "other_coordinator": coordinator_18,
        "region_admin": region_admin,
        "support_team": support_team,
    }


ROLES = ["anonymous", "member", "coordinator", "other_coordinator", "region_admin", "support_team"]
# GET of each page, in ROLES order; 302 for a visitor is the login page.
PERMISSIONS = [
    ("feedback:consultations", False, "302 403 200 200 200 403"),
    ("feedback:consultation_create", False, "302 403 200 200 200 403"),
    ("feedback:consultation", True, "302 403 200 403 200 403"),
    ("feedback:consultation_paper", True, "302 403 200 403 200 403"),
    ("feedback:consultation_status", True, "302 405 405 405 405 405"),
]


@pytest.mark.parametrize(("name", "with_pk", "expected"), PERMISSIONS)
def test_who_may_open_each_page(client, users, consultation, name, with_pk, expected):
    url = reverse(name, args=[consultation.pk] if with_pk else [])
    observed = []
    for role in ROLES:
        client.logout()
        if users[role] is not None:
            client.force_login(users[role])
        observed.append(str(client.get(url).status_code))
    assert " ".join(observed) == expected


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("coordinator", True), ("region_admin", True), ("other_coordinator", False), ("member", False)],
)
def test_forbidden_writes_are_refused_on_the_server(client, users, consultation, role, allowed):
    client.force_login(users[role])
    client.post(reverse("feedback:consultation_status", args=[consultation.pk]), {"status": "open"})
    question = consultation.questions.first()
    answer = {f"q_{question.pk}": "Oui"}
    client.post(reverse("feedback:consultation_paper", args=[consultation.pk]), answer)
    consultation.refresh_from_db()
    assert (consultation.status == Consultation.Status.OPEN) is allowed
    assert ConsultationResponse.objects.exists() is allowed


def test_a_coordinator_creates_a_consultation_only_for_their_territory(client, coordinator_41, t41, t18):
    client.force_login(coordinator_41)
    url = reverse("feedback:consultation_create")
    refused = client.post(url, {"territory": t18.pk, "title": "Ailleurs"})
    assert "Territoire" in refused.content.decode() and not Consultation.objects.exists()
    response = client.post(url, {"territory": t41.pk, "title": "Forum de Blois"})
    consultation = Consultation.objects.get()
    assert response["Location"] == reverse("feedback:consultation", args=[consultation.pk])
    assert consultation.territory == t41 and consultation.status == Consultation.Status.DRAFT


def test_a_choice_question_needs_two_to_eight_choices(client, coordinator_41, consultation):
    client.force_login(coordinator_41)
    url = reverse("feedback:consultation", args=[consultation.pk])
    page = client.post(url, {"label": "Une seule ?", "kind": "choice", "choices": "Oui"})
    assert "Choix proposés : écrivez de 2 à 8 choix" in page.content.decode()
    client.post(url, {"label": "Satisfait·e ?", "kind": "choice", "choices": "Oui\nNon\nOui"})
    assert ConsultationQuestion.objects.get(label="Satisfait·e ?").choices == ["Oui", "Non"]


def test_the_public_link_works_only_while_open_and_keeps_nothing_about_the_person(client, consultation):
    url = reverse("feedback:consultation_public", args=[consultation.token])
    assert "ne prend pas de réponse" in client.get(url).content.decode()
    services.set_status(consultation, Consultation.Status.OPEN)
    choice, text = consultation.questions.all()
    refused = client.post(url, {f"q_{text.pk}": "Appelez-moi au 06 12 34 56 78"})
    assert "Question 2 : retirez un numéro de téléphone" in refused.content.decode()
    assert client.post(url, {}).status_code == 200 and not ConsultationResponse.objects.exists()
    done = client.post(url, {f"q_{choice.pk}": "Oui", f"q_{text.pk}": "Des horaires le samedi"})
    assert done["Location"] == reverse("feedback:consultation_thanks", args=[consultation.token])
    response = ConsultationResponse.objects.values().get()
    assert set(response) == {"id", "consultation_id", "channel", "month"}
    assert response["channel"] == "online" and response["month"].day == 1
    assert sorted(ConsultationAnswer.objects.values_list("choice", "text")) == [
        ("", "Des horaires le samedi"),
        ("Oui", ""),
    ]


def test_questions_are_frozen_once_open_and_deleted_after_confirmation(client, coordinator_41, consultation):
    client.force_login(coordinator_41)
    question = consultation.questions.first()
    url = reverse("feedback:question_delete", args=[consultation.pk, question.pk])
    assert "Supprimer la question ?" in client.get(url).content.decode()
    assert ConsultationQuestion.objects.filter(pk=question.pk).exists()  # a GET deletes nothing
    services.set_status(consultation, Consultation.Status.OPEN)
    client.post(url)
    assert ConsultationQuestion.objects.filter(pk=question.pk).exists()
    services.set_status(consultation, Consultation.Status.DRAFT)
    client.post(url)
    assert not ConsultationQuestion.objects.filter(pk=question.pk).exists()


@pytest.mark.parametrize(
    ("answers", "shown"),
    [
        # A count under 5 beside a published total: the smallest other count is hidden too, else 8 - 6 = 2.
        ({"Oui": 6, "Non": 2}, {"Oui": "n.d.", "Non": "&lt; 5"}),
        ({"Oui": 6, "Non": 7}, {"Oui": "6", "Non": "7"}),
        ({"Oui": 3}, {"Oui": "&lt; 5", "Non": "&lt; 5"}),  # a zero beside a total under 5 says what all chose
        ({"Oui": 5, "Non": 0}, {"Oui": "5", "Non": "0"}),
    ],
)
def test_results_mask_counts_under_five_and_what_would_give_them_away(
    client, coordinator_41, consultation, answers, shown
):
    choice = consultation.questions.first()
    for value, n in answers.items():
        for _ in range(n):
            services.record_response(consultation, {choice.pk: value}, ConsultationResponse.Channel.PAPER)
    client.force_login(coordinator_41)
    html = client.get(reverse("feedback:consultation", args=[consultation.pk])).content.decode()
    total = sum(answers.values())
    assert f"({total} réponse" in html
    for value, text in shown.items():
        assert f'<th scope="row">{value}</th><td>{text}</td>' in html


def test_three_choices_one_small_the_smallest_other_is_hidden(consultation):
    question = services.add_question(consultation, label="Comment ?", kind="choice", choices=["A", "B", "C"])
    for value, n in {"A": 6, "B": 9, "C": 2}.items():
        for _ in range(n):
            services.record_response(consultation, {question.pk: value}, ConsultationResponse.Channel.ONLINE)
    rows = dict(next(item for item in services.published_results(consultation) if item["question"] == question)["rows"])
    assert rows == {"A": "n.d.", "B": "9", "C": "< 5"}


def test_a_member_without_coordination_sees_no_consultation(client, consultation, mission_locale):
    user = MembershipFactory(structure=mission_locale, user=UserFactory(email="autre@ml-blois.example")).user
    client.force_login(user)
    assert client.get(reverse("feedback:consultations")).status_code == 403
