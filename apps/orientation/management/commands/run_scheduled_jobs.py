"""The scheduled jobs and the task queue of the platform, for a process manager (systemd, supervisor) or cron."""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand

from apps.emails.queue import run_due_tasks

JOBS = [
    "purge_personal_data",
    "send_referral_reminders",
    "send_follow_ups",
    "update_convention_statuses",
    "send_session_reminders",
    "refresh_indicators",
    "prune_emails",
]
QUEUE_POLL_SECONDS = 5


class Command(BaseCommand):
    help = (
        "Lance les tâches planifiées (purge des données personnelles, rappels) toutes les heures et envoie "
        "les e-mails de la file d'attente au fil de l'eau ; ou une seule fois (cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Lancer une seule fois, vider la file d'e-mails puis s'arrêter (cron)."
        )
        parser.add_argument("--every", type=int, default=3600, help="Intervalle en secondes (défaut : 3600).")

    def handle(self, *args, once=False, every=3600, **options):
        jobs_due_at = 0.0
        while True:
            if time.monotonic() >= jobs_due_at:
                self.run_jobs()
                jobs_due_at = time.monotonic() + every
            self.run_queue()
            if once:
                return
            time.sleep(QUEUE_POLL_SECONDS)

    def run_jobs(self):
        for job in JOBS:
            try:
                call_command(job, stdout=self.stdout)
            except Exception as error:  # one failing job must not stop the others
                self.stderr.write(f"Échec de {job} : {error}")

    def run_queue(self):
        try:
            run_due_tasks()
        except Exception as error:  # the database may be briefly away: the next turn tries again
            self.stderr.write(f"Échec de la file d'attente : {error}")
