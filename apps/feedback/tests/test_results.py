"""The public-side measures where decisions are made: territory and regional dashboards (masked below 5),
the CREFOP synthesis and the territory's annual activity report."""

import pytest
from django.urls import reverse

from apps.feedback.models import ConsultationResponse, FollowUpAnswer, FollowUpTally, PageFeedback
from apps.indicators.filters import IndicatorFilter, Period
from tests.clock import FROZEN_NOW

pytestmark = pytest.mark.django_db
MONTH = FROZEN_NOW.date().replace(day=1)


@pytest.fixture
def answered(t41, t18, ml_network, mission_locale):
    """Loir-et-Cher: 20 sent, 8 answered (6 got an answer); Cher: 3 sent, 2 answered (masked)."""
    FollowUpTally.objects.create(territory=t41, network=ml_network, month=MONTH, sent=20)
    FollowUpTally.objects.create(territory=t18, network=ml_network, month=MONTH, sent=3)
    for territory, got in [(t41, ["yes"] * 6 + ["no"] * 2), (t18, ["yes", "no"])]:
        FollowUpAnswer.objects.bulk_create(
            FollowUpAnswer(
                territory=territory,
                network=ml_network,
                month=MONTH,
                got_answer=value,
                right_place="yes",
                next_step="support",
                recommend="yes",
            )
            for value in got
        )
    for helpful in [True] * 7 + [False] * 3:
        PageFeedback.objects.create(page="public:home", path="/", territory=t41, helpful=helpful, date=MONTH)


def figure(html: str, label: str) -> str:
    """The key figure's item: its value comes before its label."""
    end = html.index(label)
    return html[html.rindex("<li>", 0, end) : end]


def test_the_territory_dashboard_shows_the_voice_with_its_response_rate(client, answered, coordinator_41, t41):
    client.force_login(coordinator_41)
    html = client.get(reverse("indicators:territory", args=[t41.code])).content.decode()
    assert "Parole des usagers" in html
    assert "Taux de réponse au suivi" in html
    assert "40,0" in figure(html, "Taux de réponse au suivi")  # 8 answers ÷ 20 sent
    assert "75,0" in figure(html, "Personnes suivies qui ont eu une réponse")  # 6 ÷ 8


def test_the_regional_dashboard_masks_small_counts(client, answered, region_admin, t18):
    client.force_login(region_admin)
    html = client.get(reverse("indicators:region"), {"rubrique": "voice"}).content.decode()  # the voice's own tab
    assert "Parole des usagers par territoire" in html
    row = html[html.index("Parole des usagers par territoire") :]
    cher = row[row.index(">Cher<") : row.index(">Cher<") + 600]
    assert "&lt; 5" in cher and "n.d." in cher  # 3 sent, 2 answers, rate not published


def test_the_structure_dashboard_points_to_the_territory(client, answered, ml_counsellor, mission_locale):
    client.force_login(ml_counsellor)
    url = reverse("indicators:structure", args=[mission_locale.slug])
    html = client.get(url, {"rubrique": "voice"}).content.decode()
    assert "comptées par territoire" in html


def test_the_crefop_synthesis_comments_the_voice(answered):
    from apps.indicators.synthesis import synthesis_html

    html = synthesis_html(IndicatorFilter(Period.year(FROZEN_NOW.year)), {})
    assert "Parole des usagers" in html
    assert "23 questionnaires de suivi envoyés" in html and "10 réponses" in html
    assert "« Cette page vous a aidé ? » : 10 avis" in html


def test_the_annual_report_has_the_voice_rows(answered, t41, consultation_in_41):
    from apps.network.figures import territory_figures

    rows = {row["key"]: row["value"] for row in territory_figures(t41, FROZEN_NOW.year)}
    assert rows["follow_ups_sent"] == 20 and rows["follow_up_answers"] == 8 and rows["follow_up_rate"] == 40
    assert rows["page_ratings"] == 10 and rows["page_ratings_helpful"] == 7
    assert rows["consultation_responses"] == 3


@pytest.fixture
def consultation_in_41(t41, coordinator_41):
    from apps.feedback import consultations

    consultation = consultations.create_consultation(territory=t41, title="Forum", introduction="", user=coordinator_41)
    question = consultations.add_question(consultation, label="Utile ?", kind="choice", choices=["Oui", "Non"])
    for _ in range(3):
        consultations.record_response(consultation, {question.pk: "Oui"}, ConsultationResponse.Channel.ONLINE)
    return consultation


def test_an_answer_counts_at_once_and_the_months_read_the_same_rows(t41, ml_network):
    """A late answer to October's questionnaire, with the months of the period already cached: the year's figure
    reads one more at once, and is not masked because the months and the total disagree (12 + 1 − 12 = 1)."""
    from datetime import date

    from apps.feedback.follow_up import store_answer
    from apps.indicators.dashboards import build_dashboard
    from apps.indicators.tables import Masked

    cell = {"territory_id": t41.pk, "network_id": ml_network.pk}
    answers = {"got_answer": "yes", "right_place": "yes", "next_step": "support", "recommend": "yes"}
    for month in (date(2026, 10, 1), date(2026, 11, 1)):
        for _ in range(6):
            store_answer(cell, month, answers)

    def shown():
        f = IndicatorFilter(Period.year(2026), territory=t41, today=FROZEN_NOW.date())
        figures = [x for s in build_dashboard(f).sections for x in s.figures]
        return next(x.value for x in figures if x.label == "Réponses au suivi des personnes")

    assert shown() == 12
    store_answer(cell, date(2026, 10, 1), answers)
    assert not isinstance(shown(), Masked)
    assert shown() == 13
