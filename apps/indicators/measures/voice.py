"""The person's voice (apps.feedback): follow-up answers and response rate, page ratings, consultations.

All are counted per territory (the 2nd door's territory for the follow-up, the page's territory for
ratings, the consultation's territory) and per month; a structure's dashboard has none of them.
"""

from collections import Counter

from django.db.models import Count, Q, Sum

from apps.feedback.models import ConsultationResponse, FollowUpAnswer, FollowUpTally, PageFeedback

from ..filters import IndicatorFilter

QUESTIONS = ("got_answer", "right_place", "next_step", "recommend")


def _in_period(qs, f: IndicatorFilter, field: str = "month"):
    qs = qs.filter(**{f"{field}__gte": f.period.start, f"{field}__lte": f.period.last_day}).order_by()
    if f.territory is not None:
        qs = qs.filter(territory=f.territory)
    return qs


def follow_ups_sent(f: IndicatorFilter, by_territory: bool = False):
    """USA-1 base: follow-up questionnaires sent in the period."""
    if f.kind == "structure":
        return {} if by_territory else 0
    qs = _in_period(FollowUpTally.objects.all(), f)
    if by_territory:
        return dict(qs.values_list("territory_id").annotate(n=Sum("sent")).values_list("territory_id", "n"))
    return qs.aggregate(n=Sum("sent"))["n"] or 0


def follow_up_answers(f: IndicatorFilter, by_territory: bool = False):
    """USA-1 part: anonymous answers to the follow-ups sent in the period."""
    if f.kind == "structure":
        return {} if by_territory else 0
    qs = _in_period(FollowUpAnswer.objects.all(), f)
    if by_territory:
        return dict(qs.values_list("territory_id").annotate(n=Count("pk")).values_list("territory_id", "n"))
    return qs.count()


def follow_up_distribution(f: IndicatorFilter, question: str) -> dict[str, int]:
    """USA-2: how many answered each choice of one question."""
    if f.kind == "structure":
        return {}
    qs = _in_period(FollowUpAnswer.objects.all(), f)
    return dict(Counter(qs.values_list(question, flat=True)))


def page_ratings(f: IndicatorFilter, by: str | None = None):
    """USA-3: "Cette page vous a aidé ?" answers: {key: (yes, total)} by page or territory, or (yes, total)."""
    if f.kind == "structure":
        return {} if by else (0, 0)
    qs = _in_period(PageFeedback.objects.all(), f, field="date")
    counts = {"yes": Count("pk", filter=Q(helpful=True)), "total": Count("pk")}
    if by is None:
        found = qs.aggregate(**counts)
        return found["yes"], found["total"]
    key = {"page": "page", "territory": "territory_id"}[by]
    return {row[key]: (row["yes"], row["total"]) for row in qs.values(key).annotate(**counts)}


def page_comments(f: IndicatorFilter) -> int:
    if f.kind == "structure":
        return 0
    return _in_period(PageFeedback.objects.exclude(comment=""), f, field="date").count()


def consultation_responses(f: IndicatorFilter, by: str | None = None):
    """USA-4: answers given to the consultations of the public (paper or online) in the period."""
    if f.kind == "structure":
        return {} if by else 0
    qs = ConsultationResponse.objects.filter(month__gte=f.period.start, month__lte=f.period.last_day).order_by()
    if f.territory is not None:
        qs = qs.filter(consultation__territory=f.territory)
    if by is None:
        return qs.count()
    key = {"territory": "consultation__territory_id", "consultation": "consultation_id"}[by]
    return dict(qs.values_list(key).annotate(n=Count("pk")).values_list(key, "n"))
