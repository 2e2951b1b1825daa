"""E-mails go through the task queue: stored in the request, sent by the worker, retried, never lost."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.mail import send_mail, send_mass_mail
from django.core.management import call_command
from django.urls import reverse

from apps.emails import services, tasks
from apps.emails.models import OutgoingEmail
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

T0 = datetime.datetime(2026, 12, 7, 10, 0, tzinfo=datetime.UTC)


class BrokenBackend:
    """A mail server that always refuses."""

    def __init__(self, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("serveur de messagerie injoignable")


def test_send_mail_is_queued_then_sent_once_by_the_worker(queued_mail, run_queue):
    assert send_mail("Objet", "Corps", None, ["a@test.spro.example"]) == 1
    assert send_mass_mail([("Un", "1", None, ["b@test.spro.example"]), ("Deux", "2", None, ["c@test.spro.example"])])
    assert mail.outbox == [] and OutgoingEmail.objects.filter(status="pending").count() == 3

    run_queue()
    run_queue()  # nothing left: never sent twice
    assert sorted(m.to[0] for m in mail.outbox) == ["a@test.spro.example", "b@test.spro.example", "c@test.spro.example"]
    assert mail.outbox[0].body in {"Corps", "1", "2"}
    sent = OutgoingEmail.objects.get(recipients="a@test.spro.example")
    assert sent.status == "sent" and sent.attempts == 1 and sent.payload == {}  # content not kept once sent


def test_a_message_without_recipients_is_not_queued(queued_mail):
    assert send_mail("Objet", "Corps", None, []) == 0
    assert not OutgoingEmail.objects.exists()


def test_failures_are_retried_with_backoff_then_shown_as_failed(queued_mail, run_queue):
    queued_mail.SPRO_EMAIL_DELIVERY_BACKEND = f"{__name__}.BrokenBackend"
    with time_machine.travel(T0, tick=False) as clock:
        send_mail("Objet", "Corps", None, ["a@test.spro.example"])
        email = OutgoingEmail.objects.get()
        run_queue()
        email.refresh_from_db()
        assert (email.status, email.attempts) == ("pending", 1)
        assert email.next_attempt_at == T0 + datetime.timedelta(seconds=60)
        assert "ConnectionRefusedError" in email.last_error

        clock.shift(59)
        run_queue()  # not due yet
        assert OutgoingEmail.objects.get().attempts == 1
        clock.shift(1)
        run_queue()
        email.refresh_from_db()
        assert (email.status, email.attempts) == ("pending", 2)
        assert email.next_attempt_at == T0 + datetime.timedelta(seconds=60 + 300)

        clock.shift(300)
        run_queue()
        email.refresh_from_db()
        assert (email.status, email.attempts, email.next_attempt_at) == ("failed", 3, None)
        assert email.payload["body"] == "Corps"  # kept for the retry
    assert mail.outbox == []


def test_the_region_sees_failed_emails_and_retries_them(client, queued_mail, run_queue, region_admin):
    queued_mail.SPRO_EMAIL_DELIVERY_BACKEND = f"{__name__}.BrokenBackend"
    queued_mail.SPRO_EMAIL_RETRY_DELAYS = []
    send_mail("Nouvelle fiche navette n° 12", "Lien secret https://x/y", None, ["a@test.spro.example"])
    run_queue()
    email = OutgoingEmail.objects.get(status="failed")

    client.force_login(region_admin)
    content = client.get(reverse("emails:failed")).content.decode()
    assert "a@test.spro.example" in content and "Nouvelle fiche navette n° 12" in content
    assert "Lien secret" not in content  # the content is never shown

    queued_mail.SPRO_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    response = client.post(reverse("emails:retry", args=[email.pk]))
    assert response.status_code == 302
    run_queue()
    run_queue()
    assert [m.to for m in mail.outbox] == [["a@test.spro.example"]]
    assert OutgoingEmail.objects.get().status == "sent"
    assert "Aucun e-mail en échec" in client.get(reverse("emails:failed")).content.decode()
    assert client.post(reverse("emails:retry", args=[email.pk])).status_code == 404  # sent: nothing to retry


def test_retry_all(client, queued_mail, run_queue, region_admin):
    queued_mail.SPRO_EMAIL_DELIVERY_BACKEND = f"{__name__}.BrokenBackend"
    queued_mail.SPRO_EMAIL_RETRY_DELAYS = []
    send_mass_mail([("Un", "1", None, ["b@test.spro.example"]), ("Deux", "2", None, ["c@test.spro.example"])])
    run_queue()
    queued_mail.SPRO_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client.force_login(region_admin)
    client.post(reverse("emails:retry_all"))
    run_queue()
    assert len(mail.outbox) == 2 and not OutgoingEmail.objects.exclude(status="sent").exists()


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("url_name", ["failed", "retry_all"])
def test_only_the_region_reaches_the_failed_emails(client, member_a, method, url_name):
    url = reverse(f"emails:{url_name}")
    assert getattr(client, method)(url).status_code == 302  # anonymous: to the login page
    client.force_login(member_a)
    assert getattr(client, method)(url).status_code in {403, 405}


def test_a_member_cannot_retry(client, queued_mail, run_queue, member_a):
    queued_mail.SPRO_EMAIL_DELIVERY_BACKEND = f"{__name__}.BrokenBackend"
    queued_mail.SPRO_EMAIL_RETRY_DELAYS = []
    send_mail("Objet", "Corps", None, ["a@test.spro.example"])
    run_queue()
    client.force_login(member_a)
    assert client.post(reverse("emails:retry", args=[OutgoingEmail.objects.get().pk])).status_code == 403
    assert OutgoingEmail.objects.get().status == "failed"


def test_an_interrupted_send_is_shown_as_failed_after_an_hour(queued_mail):
    from apps.emails.selectors import failed_emails

    with time_machine.travel(T0, tick=False) as clock:
        send_mail("Objet", "Corps", None, ["a@test.spro.example"])
        OutgoingEmail.objects.update(status="sending")
        assert not failed_emails().exists()
        clock.shift(3601)
        assert failed_emails().count() == 1


def test_password_reset_email_goes_through_the_queue(client, queued_mail, run_queue):
    UserFactory(email="membre@test.spro.example")
    response = client.post(reverse("accounts:password_reset"), {"email": "membre@test.spro.example"})
    assert response.status_code == 302 and mail.outbox == []
    run_queue()
    assert [m.to for m in mail.outbox] == [["membre@test.spro.example"]]


@pytest.mark.parametrize(
    ("status", "age_days", "pruned"),
    [("sent", 29, False), ("sent", 31, True), ("failed", 89, False), ("failed", 91, True), ("pending", 200, False)],
)
def test_prune_keeps_each_kind_for_its_retention(queued_mail, status, age_days, pruned):
    with time_machine.travel(T0 - datetime.timedelta(days=age_days), tick=False):
        send_mail("Objet", "Corps", None, ["a@test.spro.example"])
        OutgoingEmail.objects.update(status=status, sent_at=T0 - datetime.timedelta(days=age_days))
        OutgoingEmail.objects.get().save()  # updated_at
    with time_machine.travel(T0, tick=False):
        assert services.prune() == int(pruned)


def test_run_scheduled_jobs_once_sends_the_queue(queued_mail, run_queue, monkeypatch):
    from apps.core.management.commands import run_scheduled_jobs

    monkeypatch.setattr(run_scheduled_jobs, "JOBS", [])
    send_mail("Objet", "Corps", None, ["a@test.spro.example"])
    call_command("run_scheduled_jobs", "--once")
    assert [m.to for m in mail.outbox] == [["a@test.spro.example"]]


@pytest.mark.parametrize(
    ("status", "result", "sent"),
    [("pending", "envoyé", 1), ("sending", "ignoré", 0), ("sent", "ignoré", 0), ("failed", "ignoré", 0)],
)
def test_only_a_pending_message_is_delivered(queued_mail, status, result, sent):
    send_mail("Objet", "Corps", None, ["a@test.spro.example"])
    email = OutgoingEmail.objects.get()
    OutgoingEmail.objects.update(status=status)
    assert tasks.deliver(email.pk) == result
    assert len(mail.outbox) == sent


def test_a_message_is_saved_with_the_transaction_that_caused_it(queued_mail):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        send_mail("Objet", "Corps", None, ["a@test.spro.example"])
        raise RuntimeError("the fiche is not saved")
    from django_tasks_db.models import DBTaskResult

    assert not OutgoingEmail.objects.exists() and not DBTaskResult.objects.exists()


def test_prune_emails_command_runs(queued_mail, run_queue):
    send_mail("Objet", "Corps", None, ["a@test.spro.example"])
    run_queue()
    with time_machine.travel(datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(days=31)):
        call_command("prune_emails")
    from django_tasks_db.models import DBTaskResult

    assert not OutgoingEmail.objects.exists() and not DBTaskResult.objects.exists()
