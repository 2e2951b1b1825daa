"""The scheduled jobs and the task queue of the platform, for a process manager (systemd, supervisor) or cron."""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand

from apps.emails.queue import run_due_tasks
from apps.indicators.refresh import refresh_minutes

JOBS = [
    "purge_personal_data",
    "send_referral_reminders",
    "update_convention_statuses",
    "send_session_reminders",
    "refresh_indicators",
    "prune_emails",
]
# Jobs run more often than the hourly ones: (command, arguments, interval in seconds).
FREQUENT_JOBS = [
    ("refresh_indicators", ["--mois-en-cours"], 60 * refresh_minutes()),
]
QUEUE_POLL_SECONDS = 5


class Command(BaseCommand):
    help = (
        "Lance les tâches planifiées (purge des données personnelles, rappels) toutes les heures, recalcule "
        "les indicateurs du mois en cours toutes les quelques minutes et envoie les e-mails de la file "
        "d'attente au fil de l'eau ; ou une seule fois (cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Lancer une seule fois, vider la file d'e-mails puis s'arrêter (cron)."
        )
        parser.add_argument("--every", type=int, default=3600, help="Intervalle en secondes (défaut : 3600).")

    def handle(self, *args, once=False, every=3600, **options):
        jobs_due_at = 0.0
        frequent_due_at = [time.monotonic() + interval for _name, _args, interval in FREQUENT_JOBS]
        while True:
            if time.monotonic() >= jobs_due_at:
                self.run_jobs()
                jobs_due_at = time.monotonic() + every
            for index, (name, arguments, interval) in enumerate(FREQUENT_JOBS):
                if not once and time.monotonic() >= frequent_due_at[index]:
                    self.run_job(name, *arguments)
                    frequent_due_at[index] = time.monotonic() + interval
            self.run_queue()
            if once:
                return
            time.sleep(QUEUE_POLL_SECONDS)

    def run_jobs(self):
        for job in JOBS:
            self.run_job(job)

    def run_job(self, job, *arguments):
        try:
            call_command(job, *arguments, stdout=self.stdout)
        except Exception as error:  # one failing job must not stop the others
            self.stderr.write(f"Échec de {job} : {error}")

    def run_queue(self):
        try:
            run_due_tasks()
        except Exception as error:  # the database may be briefly away: the next turn tries again
            self.stderr.write(f"Échec de la file d'attente : {error}")
