"""Tasks of the django-tasks queue: a long LHEO import runs in the worker, the page polls its progress."""

from django_tasks import task

from . import services


@task()
def run_import(offer_id: int) -> str:
    return services.run_queued_offer(offer_id)
