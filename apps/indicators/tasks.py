"""Tasks of the django-tasks queue: the Région's "Recalculer" runs in the worker, never in the request."""

from django_tasks import task

from .dashboards import warm_dashboards
from .refresh import previous_month_start, refresh_indicators


@task()
def refresh_recent_months() -> str:
    """The current and the previous month (the full rebuild is the hourly job's), then the dashboards warmed."""
    run = refresh_indicators(since=previous_month_start())
    warm_dashboards()
    return f"{run.rows} lignes en {run.duration_ms} ms"
