"""The day-before reminder (management command) and the attendance, exports and sign-in sheet."""

import csv
import io
from datetime import time, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from apps.programme import services
from apps.programme.reference import local_datetime

from .conftest import structure_of
from .factories import SessionFactory

pytestmark = pytest.mark.django_db


def test_send_session_reminders_emails_tomorrows_confirmed_participants_once(tours, make_member):
    tomorrow = local_datetime(timezone.localdate() + timedelta(days=1), time(9, 30))
    session = SessionFactory(territory=tours, starts_at=tomorrow, capacity=1)
    later = SessionFactory(territory=tours, starts_at=tomorrow + timedelta(days=2))
    alice, bruno = make_member("alice"), make_member("bruno")
    for user in (alice, bruno):
        services.register(session, user, structure_of(user))
        services.register(later, user, structure_of(user))
    mail.outbox.clear()

    out = io.StringIO()
    call_command("send_session_reminders", stdout=out)
    call_command("send_session_reminders", stdout=out)

    reminders = [m for m in mail.outbox if m.subject.startswith("Rappel")]
    assert [m.to for m in reminders] == [[alice.email]]  # bruno waits on the list; the later session is not due
    assert session.title in reminders[0].subject and "demain" in reminders[0].subject
    assert "1 rappel(s)" in out.getvalue()


def test_attendance_ticks_and_exports(client, forum, make_member, support_user):
    alice, bruno, chloe = make_member("alice"), make_member("bruno"), make_member("chloe")
    for user in (alice, bruno, chloe):
        services.register(forum, user, structure_of(user))
    alice_reg = forum.registrations.get(user=alice)
    client.force_login(support_user)

    page = client.get(reverse("programme:attendance", args=[forum.pk])).content.decode()
    assert "Alice Testeur" in page and "Chloe" not in page  # the waiting list is not on the sheet
    client.post(reverse("programme:attendance", args=[forum.pk]), {"present": [str(alice_reg.pk), "999999"]})
    assert dict(forum.registrations.values_list("user__email", "attended")) == {
        alice.email: True,
        bruno.email: False,
        chloe.email: None,
    }

    rows = list(
        csv.reader(
            io.StringIO(client.get(reverse("programme:participants_csv", args=[forum.pk])).content.decode("utf-8-sig")),
            delimiter=";",
        )
    )
    assert rows[0][:3] == ["Nom", "Prénom", "E-mail"]
    assert [r[2] for r in rows[1:]] == [alice.email, bruno.email, chloe.email]
    assert rows[1][-1] == "Présent·e" and rows[3][4] == "Sur liste d'attente"

    xlsx = client.get(reverse("programme:participants_xlsx", args=[forum.pk]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet["C2"].value == alice.email and sheet.max_row == 4

    pdf = client.get(reverse("programme:sign_in_sheet", args=[forum.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_csv_export_neutralises_formulas(client, forum, make_member, support_user):
    alice = make_member("alice")
    alice.last_name = '=HYPERLINK("http://exemple")'
    alice.save()
    services.register(forum, alice, structure_of(alice))
    client.force_login(support_user)
    content = client.get(reverse("programme:participants_csv", args=[forum.pk])).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in content
