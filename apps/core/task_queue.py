"""Running the task queue (e-mails, imports) inside a process (run_scheduled_jobs), with django-tasks-db's worker."""

from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker


def run_due_tasks() -> None:
    """Run every task that is due (e-mails to send or to retry), then return: the worker's batch mode."""
    Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=get_random_string(32),
        excluded_queue_names=[],
    ).run()
