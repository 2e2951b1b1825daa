"""Consultations of the public: questions written by a coordinator, anonymous answers, results with counts."""

import secrets
from collections import Counter

from django.db import transaction
from django.utils import timezone

from apps.indicators.protection import Sum, complementary_suppression
from apps.indicators.tables import format_value, protect_value

from .models import Consultation, ConsultationAnswer, ConsultationQuestion, ConsultationResponse


def create_consultation(*, territory, title: str, introduction: str, user) -> Consultation:
    return Consultation.objects.create(
        territory=territory,
        title=title,
        introduction=introduction,
        created_by=user,
        token=secrets.token_urlsafe(24),
    )


def add_question(consultation: Consultation, *, label: str, kind: str, choices: list[str]) -> ConsultationQuestion:
    position = consultation.questions.count()
    return ConsultationQuestion.objects.create(
        consultation=consultation,
        position=position,
        label=label,
        kind=kind,
        choices=choices if kind == ConsultationQuestion.Kind.CHOICE else [],
    )


def set_status(consultation: Consultation, status: str) -> None:
    consultation.status = status
    consultation.save(update_fields=["status"])


@transaction.atomic
def record_response(consultation: Consultation, answers: dict[int, str], channel: str) -> ConsultationResponse:
    """One person's answers: the month and how they were collected, never who or exactly when."""
    response = ConsultationResponse.objects.create(
        consultation=consultation, channel=channel, month=timezone.localdate().replace(day=1)
    )
    questions = {q.pk: q for q in consultation.questions.all()}
    ConsultationAnswer.objects.bulk_create(
        ConsultationAnswer(
            response=response,
            question=questions[pk],
            choice=value if questions[pk].kind == ConsultationQuestion.Kind.CHOICE else "",
            text=value if questions[pk].kind == ConsultationQuestion.Kind.TEXT else "",
        )
        for pk, value in answers.items()
        if pk in questions and value
    )
    return response


def results(consultation: Consultation) -> list[dict]:
    """Per question: counts per choice (raw; the page masks them) or the free answers."""
    answers = ConsultationAnswer.objects.filter(question__consultation=consultation).values_list(
        "question_id", "choice", "text"
    )
    by_question: dict[int, list] = {}
    for question_id, choice, text in answers:
        by_question.setdefault(question_id, []).append((choice, text))
    found = []
    for question in consultation.questions.all():
        given = by_question.get(question.pk, [])
        if question.kind == ConsultationQuestion.Kind.CHOICE:
            counts = Counter(choice for choice, _ in given if choice)
            rows = [(choice, counts.get(choice, 0)) for choice in question.choices]
            found.append({"question": question, "answered": sum(counts.values()), "rows": rows, "texts": []})
        else:
            texts = [text for _, text in given if text]
            found.append({"question": question, "answered": len(texts), "rows": [], "texts": texts})
    return found


def published_results(consultation: Consultation) -> list[dict]:
    """`results` as the page shows them, under the indicators' rules (apps.indicators.protection).

    A count of 1 to 4 reads "< 5"; since the number of answers to the question is published, a single hidden
    choice could be found again by subtraction: the smallest other count is hidden too ("n.d."), and a zero
    beside a total under 5 is hidden as well.
    """
    found = results(consultation)
    for item in found:
        raw = [{"n": n} for _choice, n in item["rows"]]
        shown = [{"n": protect_value(n)} for _choice, n in item["rows"]]
        whole = Sum(parts=[(index, "n") for index in range(len(raw))], total_value=item["answered"])
        complementary_suppression(shown, raw, [whole])
        item["rows"] = [(choice, format_value(row["n"])) for (choice, _n), row in zip(item["rows"], shown, strict=True)]
    return found
