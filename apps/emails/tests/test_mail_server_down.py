"""Done when: with the SMTP backend on a closed port, a call-back and a fiche navette are saved and answered;
their e-mails go out, once, when the mail server is back."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from apps.directory.models import Place
from apps.emails.models import OutgoingEmail
from apps.orientation.models import Referral
from tests.factories import MembershipFactory, StructureFactory, UserFactory

pytestmark = pytest.mark.django_db

T0 = datetime.datetime(2026, 12, 7, 10, 0, tzinfo=datetime.UTC)


def _after_the_outage(settings, run_queue, clock):
    """Every attempt fails while the server is down; once it is back, the next due attempt sends."""
    run_queue()
    assert mail.outbox == [] and OutgoingEmail.objects.filter(status="pending", attempts=1).exists()
    settings.SPRO_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    clock.shift(61)
    run_queue()
    run_queue()


@pytest.fixture
def place(demo_region):
    return Place.objects.select_related("structure").filter(
        commune_id="41018", structure__network__code="mission-locale"
    )[0]


def test_a_call_back_is_saved_and_answered_while_smtp_is_down(
    client, smtp_down, run_queue, place, django_capture_on_commit_callbacks
):
    MembershipFactory(structure=place.structure, user=UserFactory(email="conseil.ml@test.spro.example"))
    data = {
        "requester": "self",
        "age_band": "16_25",
        "first_name": "Noa",
        "preferred_channel": "phone",
        "phone": "06 12 34 56 78",
        "consent": "on",
        "statut": "jeune-sans-solution",
        "theme": "reprendre-formation",
        "commune": "41018",
    }
    with time_machine.travel(T0, tick=False) as clock:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("public:callback", args=[place.pk]), data)
        assert response.status_code == 302 and response.url == reverse("public:callback_done")
        assert client.get(response.url).status_code == 200
        assert Referral.objects.filter(receiver_structure=place.structure, origin="callback").count() == 1
        _after_the_outage(smtp_down, run_queue, clock)
    assert [m.to for m in mail.outbox] == [["conseil.ml@test.spro.example"]]


def test_a_fiche_navette_is_saved_and_answered_while_smtp_is_down(
    client, smtp_down, run_queue, django_capture_on_commit_callbacks
):
    sender, receiver = StructureFactory(slug="test-envoi"), StructureFactory(slug="test-accueil")
    officer = MembershipFactory(structure=sender, user=UserFactory(email="accueil@bij.example")).user
    MembershipFactory(structure=receiver, user=UserFactory(email="conseil@ml.example"))
    client.force_login(officer)
    with time_machine.travel(T0, tick=False) as clock:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("orientation:referral_create"), {"receiver": receiver.pk, "transmission_consent": "on"}
            )
        assert response.status_code == 302
        assert Referral.objects.filter(sender_structure=sender, receiver_structure=receiver).count() == 1
        _after_the_outage(smtp_down, run_queue, clock)
    # the receiver's members are told, the sender gets its acknowledgement: each exactly once
    assert sorted(m.to[0] for m in mail.outbox) == ["accueil@bij.example", "conseil@ml.example"]
