"""Committees and meetings (attendance, minutes, decisions, iCal), action plan, annual report and its PDF."""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar
from pypdf import PdfReader

from apps.network import figures, services
from apps.network.models import AnnualReport, Meeting
from apps.orientation.models import Reception
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_coordinator_records_a_meeting_with_attendance_minutes_and_decisions(
    client, coordinator_41, signed_41, loir_et_cher
):
    client.force_login(coordinator_41)
    committee_url = client.get(reverse("network:territory_committee", args=["loir-et-cher"]))["Location"]
    committee = services.local_committee(loir_et_cher)
    assert committee_url == committee.get_absolute_url()
    assert set(committee.members.values_list("structure__slug", flat=True)) == {"ml-blaisois", "cio-blois"}
    response = client.post(
        reverse("network:meeting_create", args=[committee.pk]),
        {
            "title": "Comité de printemps",
            "day": "2027-03-12",
            "start_time": "09:30",
            "end_time": "12:00",
            "place": "Mission locale du Blaisois, Blois",
            "agenda": "Forum d'interconnaissance\nProgramme d'activités",
        },
    )
    meeting = Meeting.objects.get(title="Comité de printemps")
    assert response["Location"] == meeting.get_absolute_url()
    members = {m.structure.slug: m for m in committee.members.select_related("structure")}
    response = client.post(
        reverse("network:meeting_report", args=[meeting.pk]),
        {
            "present": [members["ml-blaisois"].pk],
            "excused": [members["cio-blois"].pk],
            "others": "Lou Martin – CRIA 41",
            "guests": "Sam Petit – Conseil régional",
            "minutes": "Le forum aura lieu en avril.",
            "decisions": "Forum le 10 avril\nProchain comité en juin",
        },
    )
    assert response.status_code == 302
    presence = {a.organisation_label: a.presence for a in meeting.attendances.select_related("structure")}
    assert presence == {
        "Mission locale du Blaisois": "present",
        "CIO de Blois": "excused",
        "CRIA 41": "present",
        "Conseil régional": "present",
    }
    assert meeting.attendances.get(name="Sam Petit").is_guest
    assert list(meeting.decisions.values_list("text", flat=True)) == ["Forum le 10 avril", "Prochain comité en juin"]
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Le forum aura lieu en avril." in page and "Prochain comité en juin" in page
    form = client.get(reverse("network:meeting_report", args=[meeting.pk])).content.decode()
    assert "Lou Martin – CRIA 41" in form  # the form shows what was recorded


def test_meetings_export_to_ical(client, coordinator_41, loir_et_cher):
    committee = services.local_committee(loir_et_cher)
    meeting = Meeting.objects.create(
        committee=committee,
        title="Comité de coordination locale",
        starts_at="2027-03-12T09:30:00+01:00",
        place="Blois",
        agenda="Point 1\nPoint 2",
    )
    client.force_login(coordinator_41)
    response = client.get(reverse("network:committee_ics", args=[committee.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Comité de coordination locale"]
    assert events[0].decoded("DTSTART") == datetime(2027, 3, 12, 9, 30, tzinfo=ZoneInfo("Europe/Paris"))
    assert b"TZID=Europe/Paris" in response.content and b"BEGIN:VTIMEZONE" in response.content
    assert "Point 2" in str(events[0]["DESCRIPTION"]) and str(events[0]["LOCATION"]) == "Blois"
    assert client.get(reverse("network:meeting_ics", args=[meeting.pk])).status_code == 200


def test_regional_meeting_is_open_to_coordinators_and_edited_by_the_region(
    client, coordinator_18, coordinator_41, region_admin
):
    committee = services.regional_committee()
    client.force_login(coordinator_18)
    assert client.get(committee.get_absolute_url()).status_code == 200
    assert client.get(reverse("network:meeting_create", args=[committee.pk])).status_code == 403
    client.force_login(UserFactory(email="personne@test.spro.example"))
    assert client.get(committee.get_absolute_url()).status_code == 403
    client.force_login(region_admin)
    assert client.get(reverse("network:meeting_create", args=[committee.pk])).status_code == 200


def test_action_plan_with_actions(client, coordinator_41, ml_blaisois, cio_member):
    client.force_login(coordinator_41)
    response = client.post(
        reverse("network:action_create", args=["loir-et-cher", 2027]),
        {
            "title": "Forum d'interconnaissance",
            "aim": "Se connaître entre structures",
            "public": "Conseiller·es",
            "partners": [ml_blaisois.pk],
            "start_date": "2027-04-10",
            "end_date": "2027-04-10",
            "budget_line": "envelope",
            "budget_cents": "3 500,50",
            "status": "planned",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("network:plan", args=["loir-et-cher", 2027])).content.decode()
    assert "Forum d&#x27;interconnaissance" in page and "3\u202f500,50\u00a0€" in page
    client.force_login(cio_member)  # a structure of the territory reads the programme
    assert client.get(reverse("network:plan", args=["loir-et-cher", 2027])).status_code == 200
    assert client.get(reverse("network:action_create", args=["loir-et-cher", 2027])).status_code == 403


def test_report_is_prefilled_completed_submitted_and_exported_as_pdf(
    client, coordinator_41, region_admin, loir_et_cher, ml_blaisois, signed_41, django_capture_on_commit_callbacks
):
    for day in (date(2026, 3, 2), date(2026, 5, 4), date(2025, 12, 31)):
        Reception.objects.create(structure=ml_blaisois, date=day, channel="on_site", actions=["information"])
    from apps.indicators.refresh import refresh_indicators

    refresh_indicators()  # what the scheduled jobs do: a page never rebuilds the indicators
    client.force_login(coordinator_41)
    client.post(reverse("network:report_start", args=["loir-et-cher", 2026]))
    report = AnnualReport.objects.get(territory=loir_et_cher, year=2026)
    values = {row["key"]: row["value"] for row in report.figures}
    assert values["receptions"] == 2  # the receptions of 2026 at the territory's structures
    response = client.post(reverse("network:report_submit", args=["loir-et-cher", 2026]), follow=True)
    assert "Complétez avant de transmettre" in response.content.decode()
    client.post(
        reverse("network:report_edit", args=["loir-et-cher", 2026]),
        {
            "summary": "Une année d'interconnaissance.",
            "actions_review": "Deux forums réalisés.",
            "outlook": "Continuer.",
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("network:report_submit", args=["loir-et-cher", 2026]))
    report.refresh_from_db()
    assert report.status == "submitted" and report.submitted_by == coordinator_41
    assert [m.to for m in mail.outbox] == [[region_admin.email]]
    assert client.get(reverse("network:report_edit", args=["loir-et-cher", 2026])).status_code == 403
    response = client.get(reverse("network:report_pdf", args=["loir-et-cher", 2026]))
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Bilan d'activité 2026" in text and "Loir-et-Cher" in text
    assert "Une année d'interconnaissance." in text and "Premiers accueils (CAP-1)" in text
    client.force_login(region_admin)
    client.post(reverse("network:report_reopen", args=["loir-et-cher", 2026]))
    report.refresh_from_db()
    assert report.status == "draft"


def test_report_figures_read_the_indicators_and_the_programme_events(loir_et_cher, cio_blois):
    from datetime import timedelta

    from apps.programme.models import Registration, Session

    start = datetime(2026, 5, 12, 9, 0, tzinfo=ZoneInfo("Europe/Paris"))
    session = Session.objects.create(
        kind="forum",
        title="Forum de Blois",
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        capacity=20,
        territory=loir_et_cher,
    )
    for email in ("a@cio.test", "b@cio.test"):
        Registration.objects.create(
            session=session, user=UserFactory(email=email), structure=cio_blois, status="confirmed", attended=True
        )
    rows = {row["key"]: row for row in figures.territory_figures(loir_et_cher, 2026)}
    assert rows["events"]["value"] == 1 and rows["events_professionals"]["value"] == 2
    assert rows["receptions"]["source"] == "indicateurs du SPRO"
    report = services.start_report(loir_et_cher, 2026)
    assert [e.title for e in services.report_context(report)["events"]] == ["Forum de Blois"]


def test_report_figures_gather_governance_orientation_and_the_persons_voice(loir_et_cher):
    rows = {row["key"]: row for row in figures.territory_figures(loir_et_cher, 2026)}
    assert rows["signatories"]["source"] == "gouvernance"
    assert rows["receptions"]["source"] == "indicateurs du SPRO"
    assert rows["follow_ups_sent"]["source"] == "parole des usagers"


def test_region_designates_a_coordinator_for_a_school_year(client, region_admin, loir_et_cher, ml_blaisois, plenary_41):
    client.force_login(region_admin)
    data = {
        "role": "pair",
        "designation_meeting": plenary_41.pk,
        "email": "nouvelle.coordination@test.spro.example",
        "first_name": "Lina",
        "last_name": "Fictive",
        "school_year": 2026,
        "designated_on": "2026-09-20",
        "structure": ml_blaisois.pk,
        "job_title": "Conseillère",
    }
    assert client.post(reverse("network:coordinator_create", args=["loir-et-cher"]), data).status_code == 302
    for email in ["deux@test.spro.example", "trois@test.spro.example"]:
        client.post(reverse("network:coordinator_create", args=["loir-et-cher"]), data | {"email": email})
    assert loir_et_cher.coordinators.count() == 2  # a pair ("binôme") is two people: the third is refused
    client.logout()
    page = client.get(reverse("network:coordinators")).content.decode()  # public directory
    assert "Lina Fictive" in page and "2026-2027" in page


def test_grant_pages_and_finance_csv(client, region_admin, signed_41):
    client.force_login(region_admin)
    page = client.get(reverse("network:grants")).content.decode()
    assert "Loir-et-Cher 2027" in page
    response = client.get(reverse("network:grants_csv"))
    assert response["Content-Type"].startswith("text/csv")
    assert "Loir-et-Cher;2027" in response.content.decode("utf-8-sig")
    payment = signed_41.grant.payments.get(part="envelope")
    client.post(reverse("network:payment_paid", args=[payment.pk]), {"paid_on": "2026-11-20", "reference": "M-9"})
    payment.refresh_from_db()
    assert payment.paid_on == date(2026, 11, 20)
    detail = client.get(reverse("network:grant", args=[signed_41.grant.pk])).content.decode()
    assert "5,00\u00a0€" in detail and "20/11/2026" in detail
