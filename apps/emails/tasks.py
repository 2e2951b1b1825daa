"""Tasks of the django-tasks queue (database backend; worker: run_scheduled_jobs, db_worker or make run)."""

from django_tasks import task

from . import services


@task()
def deliver_email(email_id: int) -> str:
    return services.deliver(email_id)
