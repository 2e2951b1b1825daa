"""The person's voice (apps.feedback): follow-up answers and response rate, page ratings, consultations.

All are counted per territory (the 2nd door's territory for the follow-up, the page's territory for
ratings, the consultation's territory) and per month; a structure's dashboard has none of them.
One grouped read per source and filter (cached on the filter): the query count never grows with activity.
"""

from collections import Counter

from django.db.models import Count, Max, Sum

from apps.feedback.models import ConsultationResponse, FollowUpAnswer, FollowUpTally, PageFeedback

from ..filters import IndicatorFilter

QUESTIONS = ("got_answer", "right_place", "next_step", "recommend")


def state() -> str:
    """A short fingerprint of the rows these measures read: it changes with every answer, rating, response or
    questionnaire sent (rows are added, tallies incremented), so cached cells of the voice can be keyed with it."""
    parts = [
        FollowUpTally.objects.aggregate(n=Count("pk"), s=Sum("sent"), m=Max("pk")),
        FollowUpAnswer.objects.aggregate(n=Count("pk"), m=Max("pk")),
        PageFeedback.objects.aggregate(n=Count("pk"), m=Max("pk")),
        ConsultationResponse.objects.aggregate(n=Count("pk"), m=Max("pk")),
    ]
    return "-".join(".".join(str(value or 0) for value in part.values()) for part in parts)


def _in_period(qs, f: IndicatorFilter, field: str = "month", territory: str = "territory"):
    qs = qs.filter(**{f"{field}__gte": f.period.start, f"{field}__lte": f.period.last_day}).order_by()
    if f.territory is not None:
        qs = qs.filter(**{territory: f.territory})
    return qs


def _sent(f: IndicatorFilter) -> dict:
    def load():
        rows = _in_period(FollowUpTally.objects.all(), f).values("territory_id").annotate(n=Sum("sent"))
        return {row["territory_id"]: row["n"] for row in rows}

    return f.cached("voice_sent", load)


def _answers(f: IndicatorFilter) -> Counter:
    """{(territory id, got_answer, right_place, next_step, recommend): answers}."""

    def load():
        rows = _in_period(FollowUpAnswer.objects.all(), f).values("territory_id", *QUESTIONS).annotate(n=Count("pk"))
        return Counter({(row["territory_id"], *(row[q] for q in QUESTIONS)): row["n"] for row in rows})

    return f.cached("voice_answers", load)


def _ratings(f: IndicatorFilter) -> Counter:
    """{(page, territory id, helpful): ratings}."""

    def load():
        qs = _in_period(PageFeedback.objects.all(), f, field="date")
        rows = qs.values("page", "territory_id", "helpful").annotate(n=Count("pk"))
        return Counter({(row["page"], row["territory_id"], row["helpful"]): row["n"] for row in rows})

    return f.cached("voice_ratings", load)


def _consultations(f: IndicatorFilter) -> Counter:
    """{(consultation id, territory id): responses}."""

    def load():
        qs = _in_period(ConsultationResponse.objects.all(), f, territory="consultation__territory")
        rows = qs.values("consultation_id", "consultation__territory_id").annotate(n=Count("pk"))
        return Counter({(row["consultation_id"], row["consultation__territory_id"]): row["n"] for row in rows})

    return f.cached("voice_consultations", load)


def follow_ups_sent(f: IndicatorFilter, by_territory: bool = False):
    """USA-1 base: follow-up questionnaires sent in the period."""
    if f.kind == "structure":
        return {} if by_territory else 0
    sent = _sent(f)
    return dict(sent) if by_territory else sum(sent.values())


def follow_up_answers(f: IndicatorFilter, by_territory: bool = False):
    """USA-1 part: anonymous answers to the follow-ups sent in the period."""
    if f.kind == "structure":
        return {} if by_territory else 0
    answers = _answers(f)
    if not by_territory:
        return sum(answers.values())
    result: Counter = Counter()
    for key, n in answers.items():
        result[key[0]] += n
    return dict(result)


def follow_up_distribution(f: IndicatorFilter, question: str) -> dict[str, int]:
    """USA-2: how many answered each choice of one question."""
    if f.kind == "structure":
        return {}
    index = 1 + QUESTIONS.index(question)
    result: Counter = Counter()
    for key, n in _answers(f).items():
        result[key[index]] += n
    return dict(result)


def page_ratings(f: IndicatorFilter, by: str | None = None):
    """USA-3: "Cette page vous a aidé ?" answers: {key: (yes, total)} by page or territory, or (yes, total)."""
    if f.kind == "structure":
        return {} if by else (0, 0)
    yes: Counter = Counter()
    total: Counter = Counter()
    for (page, territory_id, helpful), n in _ratings(f).items():
        key = {"page": page, "territory": territory_id, None: None}[by]
        total[key] += n
        if helpful:
            yes[key] += n
    if by is None:
        return yes[None], total[None]
    return {key: (yes[key], total[key]) for key in total}


def consultation_responses(f: IndicatorFilter, by: str | None = None):
    """USA-4: answers given to the consultations of the public (paper or online) in the period."""
    if f.kind == "structure":
        return {} if by else 0
    counts = _consultations(f)
    if by is None:
        return sum(counts.values())
    index = {"consultation": 0, "territory": 1}[by]
    result: Counter = Counter()
    for key, n in counts.items():
        result[key[index]] += n
    return dict(result)
