"""Dashboard section: the person's voice (follow-up after a fiche navette, page ratings, consultations).

Shown in the territory and regional dashboards, their exports and the CREFOP synthesis; the structure
dashboard says where to find it (answers are anonymous and counted per territory, not per structure).
"""

from apps.feedback.models import Consultation, FollowUpAnswer
from apps.feedback.page_feedback import PAGES

from .filters import IndicatorFilter
from .labels import Labels
from .measures import voice
from .measures.base import Ratio
from .sections import KeyFigure, Section, family_of
from .tables import Column, Table, format_value, protect_value

QUESTION_CHOICES = {
    "got_answer": ("Avez-vous eu une réponse à votre demande ?", FollowUpAnswer.GotAnswer),
    "right_place": ("La structure était-elle la bonne ?", FollowUpAnswer.RightPlace),
    "next_step": ("Et depuis, où en êtes-vous ?", FollowUpAnswer.NextStep),
    "recommend": ("Conseilleriez-vous ce service à un·e proche ?", FollowUpAnswer.Recommend),
}


def _question_table(f: IndicatorFilter, question: str, answers: int) -> Table:
    title, choices = QUESTION_CHOICES[question]
    counts = voice.follow_up_distribution(f, question)
    rows = [
        {"row_key": value, "label": label, "count": counts.get(value, 0), "share": Ratio(counts.get(value, 0), answers)}
        for value, label in choices.choices
    ]
    return Table(
        "USA-2",
        f"Suivi des personnes : « {title} »",
        [
            Column("label", "Réponse", "label", protected=False),
            Column("count", "Réponses"),
            Column("share", "Part des réponses", "rate"),
        ],
        rows,
        chart="hbar",
        chart_columns=("count",),
        partition=True,
        slug=f"suivi-{question.replace('_', '-')}",
    )


def _by_territory_table(f: IndicatorFilter, labels: Labels) -> Table:
    sent, answers = voice.follow_ups_sent(f, by_territory=True), voice.follow_up_answers(f, by_territory=True)
    ratings = voice.page_ratings(f, by="territory")
    consultations = voice.consultation_responses(f, by="territory")
    rows = []
    for pk, name in labels.choices("territory").items():
        yes, total = ratings.get(pk, (0, 0))
        rows.append(
            {
                "row_key": pk,
                "label": name,
                "sent": sent.get(pk, 0),
                "answers": answers.get(pk, 0),
                "rate": Ratio(answers.get(pk, 0), sent.get(pk, 0)),
                "ratings": total,
                "helpful": Ratio(yes, total),
                "consultations": consultations.get(pk, 0),
            }
        )
    return Table(
        "USA-1, USA-3, USA-4",
        "Parole des usagers par territoire",
        [
            Column("label", "Territoire", "label", protected=False),
            Column("sent", "Questionnaires de suivi envoyés"),
            Column("answers", "Réponses au suivi"),
            Column("rate", "Taux de réponse", "rate"),
            Column("ratings", "Avis « Cette page vous a aidé ? »"),
            Column("helpful", "Part de « Oui »", "rate"),
            Column("consultations", "Réponses aux consultations"),
        ],
        rows,
        partition=True,
        slug="usagers-par-territoire",
    )


def _pages_table(f: IndicatorFilter) -> Table:
    ratings = voice.page_ratings(f, by="page")
    rows = []
    for page, label in PAGES.items():
        yes, total = ratings.get(page, (0, 0))
        rows.append({"row_key": page, "label": label, "yes": yes, "no": total - yes, "helpful": Ratio(yes, total)})
    return Table(
        "USA-3",
        "« Cette page vous a aidé ? » par page",
        [
            Column("label", "Page", "label", protected=False),
            Column("yes", "Oui"),
            Column("no", "Non"),
            Column("helpful", "Part de « Oui »", "rate"),
        ],
        rows,
        chart="hbar",
        chart_columns=("yes", "no"),
        slug="avis-par-page",
    )


def _consultations_table(f: IndicatorFilter) -> Table:
    counts = voice.consultation_responses(f, by="consultation")
    consultations = Consultation.objects.filter(pk__in=counts).select_related("territory").order_by("title")
    rows = [
        {"row_key": c.pk, "label": c.title, "territory": c.territory.name, "responses": counts[c.pk]}
        for c in consultations
    ]
    return Table(
        "USA-4",
        "Consultations du public : réponses dans la période",
        [
            Column("label", "Consultation", "label", protected=False),
            Column("territory", "Territoire", "text", protected=False),
            Column("responses", "Réponses"),
        ],
        rows,
        slug="consultations",
        note="" if rows else "Aucune réponse à une consultation dans la période.",
    )


def voice_section(f: IndicatorFilter, labels: Labels) -> Section:
    section = Section(family_of("voice"))
    if f.kind == "structure":
        section.note = (
            "Les réponses des personnes sont anonymes et comptées par territoire : voir le tableau de bord du "
            "territoire."
        )
        return section
    sent, answers = voice.follow_ups_sent(f), voice.follow_up_answers(f)
    got = voice.follow_up_distribution(f, "got_answer")
    recommend = voice.follow_up_distribution(f, "recommend")
    yes, total = voice.page_ratings(f)
    section.figures += [
        KeyFigure("USA-1", "Questionnaires de suivi envoyés", sent),
        KeyFigure("USA-1", "Réponses au suivi des personnes", answers),
        KeyFigure("USA-1", "Taux de réponse au suivi", Ratio(answers, sent), "rate"),
        KeyFigure("USA-2", "Personnes suivies qui ont eu une réponse", Ratio(got.get("yes", 0), answers), "rate"),
        KeyFigure(
            "USA-2", "Personnes suivies qui conseilleraient le service", Ratio(recommend.get("yes", 0), answers), "rate"
        ),
        KeyFigure("USA-3", "Avis « Cette page vous a aidé ? »", total),
        KeyFigure("USA-3", "Part de « Oui » à « Cette page vous a aidé ? »", Ratio(yes, total), "rate"),
        KeyFigure("USA-4", "Réponses aux consultations du public", voice.consultation_responses(f)),
    ]
    section.tables += [_question_table(f, question, answers) for question in QUESTION_CHOICES]
    if f.kind == "region":
        section.tables.append(_by_territory_table(f, labels))
    section.tables += [_pages_table(f), _consultations_table(f)]
    section.note = (
        "Le taux de réponse rapporte les réponses aux questionnaires envoyés dans la période ; moins de 5 réponses "
        "ne sont pas détaillées, comme tous les effectifs de moins de 5 personnes."
    )
    return section


def voice_comments(f: IndicatorFilter) -> list[str]:
    """Sentences of the CREFOP synthesis, quoting protected values only."""

    def v(value, kind="count"):
        return format_value(protect_value(value, kind), kind)

    sent, answers = voice.follow_ups_sent(f), voice.follow_up_answers(f)
    got = voice.follow_up_distribution(f, "got_answer")
    yes, total = voice.page_ratings(f)
    return [
        f"{v(sent)} questionnaires de suivi envoyés aux personnes qui l'avaient accepté, {v(answers)} réponses "
        f"(taux de réponse : {v(Ratio(answers, sent), 'rate')}) ; {v(Ratio(got.get('yes', 0), answers), 'rate')} "
        "des personnes qui ont répondu disent avoir eu une réponse à leur demande.",
        f"« Cette page vous a aidé ? » : {v(total)} avis, dont {v(Ratio(yes, total), 'rate')} de « Oui ».",
        f"{v(voice.consultation_responses(f))} réponses aux consultations du public.",
    ]
