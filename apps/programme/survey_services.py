"""Surveys: anonymous answers through a one-time token, and results per session or across sessions."""

from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .charts import bar_chart
from .models import SCALE_LABELS, Answer, Question, Registration, Session, Survey, SurveyResponse


class SurveyError(ValidationError):
    """The link is unknown, or was already used."""


def registration_for_token(token: str) -> Registration | None:
    return (
        Registration.objects.filter(survey_token=token, session__survey__isnull=False)
        .select_related("session__survey", "session__territory")
        .first()
    )


def submit_response(token: str, answers: dict[int, object]) -> SurveyResponse:
    """Store one anonymous response; the registration only remembers that it has answered (no link is kept)."""
    with transaction.atomic():
        registration = Registration.objects.select_for_update().filter(survey_token=token).first()
        if registration is None:
            raise SurveyError("Ce lien de questionnaire n'est pas valide.")
        if registration.survey_answered:
            raise SurveyError("Vous avez déjà répondu à ce questionnaire. Merci !")
        session = Session.objects.select_related("survey").get(pk=registration.session_id)
        if session.survey is None:
            raise SurveyError("Cette session n'a pas de questionnaire.")
        response = SurveyResponse.objects.create(survey=session.survey, session=session)
        questions = {q.pk: q for q in session.survey.questions.all()}
        Answer.objects.bulk_create(
            _answer(response, questions[pk], value) for pk, value in answers.items() if pk in questions
        )
        registration.survey_answered = True
        registration.save(update_fields=["survey_answered"])
    return response


def _answer(response: SurveyResponse, question: Question, value) -> Answer:
    answer = Answer(response=response, question=question)
    if question.kind == Question.Kind.SCALE:
        answer.scale_value = int(value) if value not in (None, "") else None
    elif question.kind == Question.Kind.SINGLE:
        answer.selected = [value] if value else []
    elif question.kind == Question.Kind.MULTIPLE:
        answer.selected = list(value or [])
    else:
        answer.text = (value or "").strip()
    return answer


@dataclass
class QuestionResult:
    question: Question
    answered: int = 0
    rows: list[tuple[str, int, float]] = field(default_factory=list)  # label, count, percent of those who answered
    mean: float | None = None
    texts: list[str] = field(default_factory=list)
    chart: str = ""

    @property
    def chart_alt(self) -> str:
        label = self.question.label
        return f"Diagramme en barres : réponses à la question « {label} ». Les chiffres sont dans le tableau qui suit."


@dataclass
class SurveyResults:
    survey: Survey
    responses: int
    questions: list[QuestionResult]


def survey_results(survey: Survey, sessions, with_charts: bool = True) -> SurveyResults:
    """Count the answers of the given sessions (one session, or all the sessions that used the survey)."""
    responses = SurveyResponse.objects.filter(survey=survey, session__in=sessions)
    answers = Answer.objects.filter(response__in=responses).values_list(
        "question_id", "scale_value", "selected", "text"
    )
    by_question: dict[int, list] = {}
    for question_id, scale_value, selected, text in answers:
        by_question.setdefault(question_id, []).append((scale_value, selected, text))
    results = [
        _question_result(question, by_question.get(question.pk, []), with_charts) for question in survey.questions.all()
    ]
    return SurveyResults(survey=survey, responses=responses.count(), questions=results)


def _question_result(question: Question, answers: list, with_charts: bool) -> QuestionResult:
    result = QuestionResult(question=question)
    if question.kind == Question.Kind.TEXT:
        result.texts = [text for _, _, text in answers if text]
        result.answered = len(result.texts)
        return result
    if question.kind == Question.Kind.SCALE:
        values = [v for v, _, _ in answers if v is not None]
        counts = Counter(values)
        labels = list(SCALE_LABELS.items())
        result.answered = len(values)
        result.mean = round(sum(values) / len(values), 2) if values else None
        result.rows = [(label, counts[v], _percent(counts[v], len(values))) for v, label in labels]
    else:
        selections = [selected for _, selected, _ in answers if selected]
        counts = Counter(choice for selected in selections for choice in selected)
        result.answered = len(selections)
        result.rows = [(c, counts[c], _percent(counts[c], len(selections))) for c in question.choices]
    if with_charts and result.answered:
        result.chart = bar_chart([r[0] for r in result.rows], [r[1] for r in result.rows])
    return result


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def results_by_session(survey: Survey) -> tuple[list[dict], list[Question]]:
    """Per session that used the survey: responses and the mean of each scale question (for comparison)."""
    scale_questions = list(survey.questions.filter(kind=Question.Kind.SCALE))
    started = Session.objects.filter(survey=survey, starts_at__lte=timezone.now())  # the sessions to come: nothing yet
    sessions = started.select_related("territory").order_by("-starts_at")
    answers = Answer.objects.filter(response__survey=survey, question__in=scale_questions, scale_value__isnull=False)
    sums: dict[tuple[int, int], list[int]] = {}
    for session_id, question_id, value in answers.values_list("response__session_id", "question_id", "scale_value"):
        sums.setdefault((session_id, question_id), []).append(value)
    response_counts = Counter(SurveyResponse.objects.filter(survey=survey).values_list("session_id", flat=True))
    rows = []
    for session in sessions:
        means = []
        for question in scale_questions:
            values = sums.get((session.pk, question.pk), [])
            means.append(round(sum(values) / len(values), 2) if values else None)
        rows.append({"session": session, "responses": response_counts.get(session.pk, 0), "means": means})
    return rows, scale_questions


def mean_chart(rows: list[dict], question_index: int = 0) -> str:
    """Mean of the first scale question per session that has answers (chart for the aggregated results)."""
    data = [(r["session"].title, r["means"][question_index]) for r in rows if r["means"] and r["means"][question_index]]
    if not data:
        return ""
    return bar_chart([d[0] for d in data], [d[1] for d in data], series="Moyenne sur 5", max_value=5)


@transaction.atomic
def save_survey(survey: Survey, questions: list[dict]) -> Survey:
    """Save a questionnaire and replace its questions (only while nobody has answered it)."""
    survey.save()
    if survey.responses.exists():
        raise ValidationError("Ce questionnaire a déjà des réponses : ses questions ne peuvent plus être modifiées.")
    survey.questions.all().delete()
    Question.objects.bulk_create(Question(survey=survey, position=i, **item) for i, item in enumerate(questions, 1))
    return survey
