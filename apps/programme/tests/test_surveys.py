"""Surveys: the link sent after the session, anonymous one-time answers, results with charts and tables."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from apps.programme import services, survey_services
from apps.programme.models import Question, Registration, Survey, SurveyResponse
from apps.programme.reference import forum_questionnaire

from .conftest import structure_of
from .factories import SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def past_forum(tours, make_member):
    """A forum that took place yesterday, with the regional questionnaire and three participants."""
    start = timezone.now() - timedelta(days=1)
    session = SessionFactory(territory=tours, starts_at=start, capacity=10, survey=forum_questionnaire())
    for name in ("alice", "bruno", "chloe"):
        user = make_member(name)
        Registration.objects.create(session=session, user=user, structure=structure_of(user), status="confirmed")
    return session


def _answers(session, scale=4, single="Oui, plusieurs", multiple=("Les stands des structures",), text=""):
    data = {}
    for question in session.survey.questions.all():
        key = f"q{question.pk}"
        if question.kind == Question.Kind.SCALE:
            data[key] = str(scale)
        elif question.kind == Question.Kind.SINGLE:
            data[key] = single if single in question.choices else question.choices[0]
        elif question.kind == Question.Kind.MULTIPLE:
            data[key] = list(multiple)
        else:
            data[key] = text
    return data


def test_the_regional_forum_questionnaire_has_every_kind_of_question_and_is_shared():
    survey = forum_questionnaire()
    assert forum_questionnaire().pk == survey.pk
    assert {q.kind for q in survey.questions.all()} == {"scale", "single", "multiple", "text"}


def test_survey_link_is_sent_to_those_present_and_answered_once_anonymously(client, past_forum):
    registrations = list(past_forum.registrations.order_by("pk"))
    services.record_attendance(past_forum, {registrations[0].pk, registrations[1].pk})
    mail.outbox.clear()

    assert services.send_survey(past_forum) == 2
    assert services.send_survey(past_forum) == 0  # nobody is invited twice
    assert len(mail.outbox) == 2
    first = Registration.objects.get(pk=registrations[0].pk)
    link = reverse("programme:survey_answer", args=[first.survey_token])
    assert link in mail.outbox[0].body + mail.outbox[1].body
    assert Registration.objects.get(pk=registrations[2].pk).survey_token is None  # absent: not invited

    page = client.get(link).content.decode()
    assert "Questionnaire anonyme" in page
    response = client.post(link, _answers(past_forum, text="Très bon forum"))
    assert "Merci pour votre avis" in response.content.decode()

    stored = SurveyResponse.objects.get()
    assert stored.session == past_forum
    assert {f.name for f in SurveyResponse._meta.get_fields()} == {"id", "survey", "session", "submitted_on", "answers"}
    assert stored.answers.count() == past_forum.survey.questions.count()

    again = client.post(link, _answers(past_forum, scale=1))
    assert "déjà répondu" in again.content.decode()
    assert SurveyResponse.objects.count() == 1
    assert client.get(reverse("programme:survey_answer", args=["inconnu"])).status_code == 404


def test_required_questions_are_checked(client, past_forum):
    services.send_survey(past_forum)
    token = past_forum.registrations.first().survey_token
    page = client.post(reverse("programme:survey_answer", args=[token]), {}).content.decode()
    assert 'role="alert"' in page
    assert not SurveyResponse.objects.exists()


def test_the_participant_finds_the_link_on_the_session_page(client, past_forum):
    services.send_survey(past_forum)
    registration = past_forum.registrations.first()
    client.force_login(registration.user)
    page = client.get(reverse("programme:session", args=[past_forum.pk])).content.decode()
    assert reverse("programme:survey_answer", args=[registration.survey_token]) in page


def test_results_per_session_show_a_chart_with_its_data_table(client, past_forum, support_user):
    services.send_survey(past_forum)
    for registration, scale in zip(past_forum.registrations.all(), (5, 4, 4), strict=True):
        survey_services.submit_response(
            registration.survey_token,
            {q.pk: _value(q, scale) for q in past_forum.survey.questions.all()},
        )
    results = survey_services.survey_results(past_forum.survey, [past_forum])
    overall = results.questions[0]
    assert results.responses == 3
    assert overall.mean == pytest.approx(4.33, abs=0.01)
    assert [count for _, count, _ in overall.rows] == [0, 0, 0, 2, 1]

    client.force_login(support_user)
    page = client.get(reverse("programme:session_results", args=[past_forum.pk])).content.decode()
    assert page.count('<img src="data:image/svg+xml;base64,') >= 4
    assert "Diagramme en barres" in page
    assert "<caption" in page and "4,3 sur 5" in page


def _value(question, scale):
    if question.kind == Question.Kind.SCALE:
        return scale
    if question.kind == Question.Kind.SINGLE:
        return question.choices[0]
    return question.choices[:2] if question.kind == Question.Kind.MULTIPLE else ""


def test_results_are_aggregated_across_the_forums_that_share_the_questionnaire(
    client, tours, make_member, support_user
):
    survey = forum_questionnaire()
    for offset, scale in ((2, 5), (9, 3)):
        start = timezone.now() - timedelta(days=offset)
        session = SessionFactory(territory=tours, starts_at=start, survey=survey, title=f"Forum J-{offset}")
        user = make_member(f"membre{offset}")
        Registration.objects.create(session=session, user=user, structure=structure_of(user), status="confirmed")
        services.send_survey(session)
        token = session.registrations.get().survey_token
        survey_services.submit_response(token, {q.pk: _value(q, scale) for q in survey.questions.all()})
    client.force_login(support_user)
    page = client.get(reverse("programme:survey_results", args=[survey.pk])).content.decode()
    assert "2 réponses" in page
    assert "Forum J-2" in page and "Forum J-9" in page
    assert "4,0 sur 5" in page  # mean of 5 and 3
    rows, questions = survey_services.results_by_session(survey)
    assert [r["means"][0] for r in rows] == [5.0, 3.0]


def test_the_scheduled_job_sends_the_survey_once_after_the_session(past_forum):
    upcoming = SessionFactory(territory=past_forum.territory, survey=past_forum.survey)
    mail.outbox.clear()
    assert services.send_due_surveys() == 3
    assert services.send_due_surveys() == 0
    assert len(mail.outbox) == 3
    assert not upcoming.registrations.exists()


def test_support_team_writes_a_new_questionnaire(client, support_user):
    client.force_login(support_user)
    data = {
        "title": "Journée métiers : votre avis",
        "introduction": "",
        "form-TOTAL_FORMS": "3",
        "form-INITIAL_FORMS": "0",
        "form-0-label": "La journée vous a-t-elle été utile ?",
        "form-0-kind": "scale",
        "form-0-required": "on",
        "form-1-label": "Quel secteur aimeriez-vous découvrir ?",
        "form-1-kind": "single",
        "form-1-choices": "Industrie\nAgriculture\nNumérique",
        "form-2-label": "",
        "form-2-kind": "text",
    }
    response = client.post(reverse("programme:survey_create"), data)
    assert response.status_code == 302
    created = Survey.objects.get(title="Journée métiers : votre avis")
    assert [(q.kind, q.choices) for q in created.questions.all()] == [
        ("scale", []),
        ("single", ["Industrie", "Agriculture", "Numérique"]),
    ]
