"""The person's voice in a territory's annual activity report (rows in apps.network.figures' format)."""

from apps.indicators.filters import IndicatorFilter, Period
from apps.indicators.measures import voice

SOURCE = "parole des usagers"


def territory_figures(territory, year: int) -> list[dict]:
    f = IndicatorFilter(Period.year(year), territory=territory)
    sent, answers = voice.follow_ups_sent(f), voice.follow_up_answers(f)
    helpful, ratings = voice.page_ratings(f)
    rows = [
        ("follow_ups_sent", "Questionnaires de suivi envoyés aux personnes (USA-1)", sent),
        ("follow_up_answers", "Réponses des personnes au suivi (USA-1)", answers),
        ("follow_up_rate", "Taux de réponse au suivi, en % (USA-1)", round(100 * answers / sent) if sent else 0),
        ("page_ratings", "Avis « Cette page vous a aidé ? » (USA-3)", ratings),
        ("page_ratings_helpful", "dont « Oui » (USA-3)", helpful),
        ("consultation_responses", "Réponses aux consultations du public (USA-4)", voice.consultation_responses(f)),
    ]
    return [{"key": key, "label": label, "value": int(value), "source": SOURCE} for key, label, value in rows]
