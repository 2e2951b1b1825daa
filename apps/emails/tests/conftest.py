import socket

import pytest


@pytest.fixture
def queued_mail(settings):
    """The production path: EMAIL_BACKEND queues, the worker sends with SPRO_EMAIL_DELIVERY_BACKEND.

    Other tests keep Django's test backend (locmem, set by pytest-django), so they read mail.outbox at once.
    """
    settings.EMAIL_BACKEND = "apps.emails.backend.QueuedEmailBackend"
    settings.SPRO_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SPRO_EMAIL_RETRY_DELAYS = [60, 300]
    return settings


@pytest.fixture
def smtp_down(queued_mail):
    """The SMTP backend pointed at a port where nothing listens (connection refused at once)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    queued_mail.SPRO_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    queued_mail.EMAIL_HOST, queued_mail.EMAIL_PORT, queued_mail.EMAIL_TIMEOUT = "127.0.0.1", port, 2
    queued_mail.EMAIL_USE_TLS = queued_mail.EMAIL_USE_SSL = False
    return queued_mail


@pytest.fixture
def run_queue(monkeypatch):
    """The worker's batch mode, inside the test's transaction (its connection recycling would close it)."""
    from django_tasks_db.management.commands import db_worker

    from apps.core.task_queue import run_due_tasks

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    return run_due_tasks
