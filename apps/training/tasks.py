"""Tasks of the django-tasks queue: a long LHEO import runs in the worker, the page polls its progress."""

from django.core.files.base import File
from django.db import transaction
from django_tasks import task

from . import services
from .models import TrainingOffer


@task()
def run_import(offer_id: int) -> str:
    return services.run_queued_offer(offer_id)


def queue_offer(*, upload=None, url: str = "", by=None) -> TrainingOffer:
    """Record an import asked from the page and hand it to the task worker (the page polls its progress)."""
    offer = TrainingOffer.objects.create(source=upload.name if upload else url, by=by)
    if upload is not None:
        offer.file.save(f"offre-{offer.pk}.xml", File(upload), save=True)
    transaction.on_commit(lambda: run_import.enqueue(offer.pk))
    return offer
