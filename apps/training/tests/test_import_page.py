"""The Région's import page: upload, background task, progress polled by htmx; nobody else may import."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.core.task_queue import run_due_tasks
from apps.training.models import Training, TrainingOffer

from .conftest import broken

pytestmark = pytest.mark.django_db


def test_the_region_uploads_a_feed_and_follows_its_progress(
    client, region_admin, small_feed, django_capture_on_commit_callbacks
):
    client.force_login(region_admin)
    upload = SimpleUploadedFile("offre.xml", small_feed.read_bytes(), content_type="application/xml")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("training:import"), {"fichier": upload})
    offer = TrainingOffer.objects.get()
    assert response.url == reverse("training:import_status", args=[offer.pk])
    page = client.get(response.url, headers={"HX-Request": "true"})
    assert 'hx-trigger="every 2s"' in page.content.decode() and "En attente" in page.content.decode()
    run_due_tasks()
    offer.refresh_from_db()
    assert offer.state == TrainingOffer.State.DONE and offer.progress == 40
    page = client.get(response.url).content.decode()
    assert "Import terminé" in page and "every 2s" not in page
    assert Training.objects.count() == 40


def test_a_refused_feed_shows_each_error(client, region_admin, small_feed, django_capture_on_commit_callbacks):
    client.force_login(region_admin)
    bad = broken(small_feed, "<modalites-enseignement>0<", "<modalites-enseignement>9<")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("training:import"), {"fichier": SimpleUploadedFile("offre.xml", bad.read_bytes())}
        )
    run_due_tasks()
    page = client.get(response.url).content.decode()
    assert "Rien n'a été importé" in page and "élément &lt;modalites-enseignement&gt;" in page
    assert not Training.objects.exists()


def test_a_file_that_is_not_xml_is_refused_by_the_form(client, region_admin):
    client.force_login(region_admin)
    response = client.post(reverse("training:import"), {"fichier": SimpleUploadedFile("offre.csv", b"a;b")})
    assert "Fichier LHEO : choisissez un fichier .xml." in response.content.decode()
    assert not TrainingOffer.objects.exists()


def test_the_configured_address_is_imported_on_demand(
    client, region_admin, settings, django_capture_on_commit_callbacks
):
    settings.SPRO_LHEO_FEED_URL = "https://carif.example/offre.xml"
    client.force_login(region_admin)
    with django_capture_on_commit_callbacks(execute=False):
        client.post(reverse("training:import"), {"adresse": "1"})
    assert TrainingOffer.objects.get().source == "https://carif.example/offre.xml"


def test_a_member_may_not_import(client, member_a, small_feed):
    client.force_login(member_a)
    response = client.post(
        reverse("training:import"), {"fichier": SimpleUploadedFile("offre.xml", small_feed.read_bytes())}
    )
    assert response.status_code == 403
    assert not TrainingOffer.objects.exists()
