"""The regional synthesis: table of the annual reports, needs by theme, summed figures, CREFOP PDF, barometer."""

import io
from datetime import date

import pytest
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from apps.network import services, synthesis
from apps.network.models import AnnualReport, Barometer, BarometerResponse
from apps.network.services import GovernanceError
from tests.factories import MembershipFactory, UserFactory


@pytest.mark.parametrize(
    "line, theme",
    [
        ("Des formations communes aux conseillers", "professionnalisation"),
        ("Un outil partagé pour la fiche navette", "outils"),
        ("Une plaquette pour la communication grand public", "communication"),
        ("Mieux connaître les partenaires", "interconnaissance"),
        ("Du temps de coordination financé", "moyens"),
        ("Toucher les jeunes des zones rurales", "publics"),
        ("Rien de particulier", "autres"),
    ],
)
def test_themes_table(line, theme):
    assert synthesis.theme_of(line) == theme


def _submitted(territory, needs, difficulties, by):
    report = services.start_report(territory, 2026, by=by)
    report.summary, report.actions_review = "Une année.", "Forum tenu."
    report.needs, report.difficulties = needs, difficulties
    report.save()
    return services.submit_report(report, by=by)


@pytest.fixture
def reports(loir_et_cher, cher, coordinator_41, coordinator_18):
    sent = _submitted(
        loir_et_cher,
        "- Des formations communes aux conseillers\n- Une plaquette de communication",
        "Peu de temps",
        coordinator_41,
    )
    draft = services.start_report(cher, 2026, by=coordinator_18)
    draft.needs = "Un besoin du brouillon, pas encore transmis"
    draft.save()
    return sent, draft


def test_the_table_gathers_needs_of_the_sent_reports_only_and_sums_figures(reports, loir_et_cher):
    sent, _draft = reports
    rows = {r.territory.code: r for r in synthesis.report_rows(2026)}
    assert rows["loir-et-cher"].is_sent and rows["loir-et-cher"].status_label == "Transmis à la Région"
    assert rows["cher"].status_label == "En cours de rédaction"
    groups = {g.code: g for g in synthesis.gathered_by_theme(2026)}
    assert [i.text for i in groups["professionnalisation"].needs] == ["Des formations communes aux conseillers"]
    assert [i.territory for i in groups["communication"].needs] == ["Loir-et-Cher"]
    assert [i.text for i in groups["moyens"].difficulties] == ["Peu de temps"]
    assert "brouillon" not in str([i.text for g in groups.values() for i in g.needs])
    summed = {f["key"]: f for f in synthesis.summed_figures(2026)}
    assert summed["signatories"]["reports"] == 1


def test_the_region_reminds_a_territory_and_the_table_counts_it(client, reports, cher, region_admin, coordinator_18):
    client.force_login(region_admin)
    assert client.post(reverse("network:report_remind", args=[2026, "cher"])).status_code == 302
    assert [m.to for m in mail.outbox] == [[coordinator_18.email]]
    assert {r.territory.code: r.reminders for r in synthesis.report_rows(2026)}["cher"] == 1
    with pytest.raises(GovernanceError, match="déjà transmis"):
        synthesis.remind_report(reports[0].territory, 2026)
    page = client.get(reverse("network:synthesis", args=[2026])).content.decode()
    assert "Des formations communes aux conseillers" in page and "1 (dernière le" in page


def test_the_crefop_pdf_holds_the_gathered_needs_of_the_reports_sent(client, reports, region_admin):
    client.force_login(region_admin)
    response = client.post(reverse("indicators:synthesis"), {"periode": "2026"})
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Bilans d'activité 2026 des territoires" in text
    assert "Des formations communes aux conseillers" in text and "Peu de temps" in text
    assert "Professionnalisation et formation des équipes" in text
    assert "brouillon" not in text


def test_the_barometer_is_answered_once_anonymously_and_read_per_territory(
    client, loir_et_cher, cio_blois, region_admin
):
    member = MembershipFactory(structure=cio_blois, user=UserFactory(email="conseil@cio.test")).user
    client.force_login(region_admin)
    data = {"year": 2026, "opens_on": "2026-11-02", "closes_on": "2026-12-18"}
    assert client.post(reverse("network:barometer_open"), data).status_code == 302
    client.post(reverse("network:barometer_send", args=[2026]))
    assert member.email in [m.to[0] for m in mail.outbox]
    client.force_login(member)
    url = reverse("network:barometer_answer", args=[2026])
    answer = {
        "territory": loir_et_cher.pk,
        "meets_expectations": "4",
        "knows_partners": "2",
        "needs": ["outils", "communication"],
        "expectations_text": "Plus de rencontres",
        "needs_text": "",
    }
    assert client.post(url, answer).status_code == 302
    assert "déjà répondu" in client.get(url).content.decode()
    response = BarometerResponse.objects.get()
    assert not any(f.name == "user" for f in BarometerResponse._meta.fields)  # the answer names no one
    assert (response.territory, response.needs) == (loir_et_cher, ["outils", "communication"])
    with pytest.raises(GovernanceError, match="déjà répondu"):
        synthesis.answer_barometer(
            Barometer.objects.get(),
            member,
            loir_et_cher,
            answer | {"meets_expectations": 1, "knows_partners": 1},
            today=date(2026, 11, 26),
        )
    results = {r.territory.code: r for r in synthesis.barometer_results(Barometer.objects.get())}
    assert (results["loir-et-cher"].responses, results["loir-et-cher"].meets_expectations) == (1, 4.0)
    assert results["loir-et-cher"].expectations == ["Plus de rencontres"]
    assert client.get(reverse("network:barometer_results", args=[2026])).status_code == 403
    client.force_login(region_admin)
    assert "Plus de rencontres" in client.get(reverse("network:barometer_results", args=[2026])).content.decode()


def test_a_closed_barometer_refuses_answers(loir_et_cher, cio_member):
    barometer = synthesis.open_barometer(2026, date(2026, 1, 5), date(2026, 1, 30))
    with pytest.raises(GovernanceError, match="pas ouvert"):
        synthesis.answer_barometer(
            barometer,
            cio_member,
            loir_et_cher,
            {"meets_expectations": 3, "knows_partners": 3},
            today=date(2026, 11, 26),
        )
    assert AnnualReport.objects.count() == 0
