"""The scheduled jobs and the task queue of the platform, for a process manager (systemd, supervisor) or cron.

Several servers may each start one: a lease in the database (apps/core/jobs.py) lets one work at a time.
"""

import contextlib
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import DatabaseError

from apps.core.jobs import release_lease, runner_id, take_lease
from apps.core.task_queue import run_due_tasks

JOBS = [
    "purge_personal_data",
    "send_referral_reminders",
    "send_follow_ups",
    "update_convention_statuses",
    "send_session_reminders",
    "refresh_indicators",
    "refresh_panoramas",
    "prune_emails",
    "reimport_lheo",
]


def frequent_jobs() -> list[tuple[str, list[str], int]]:
    """Jobs run more often than the hourly ones: (command, arguments, interval in seconds)."""
    return [("refresh_indicators", ["--mois-en-cours"], 60 * settings.SPRO_INDICATORS_REFRESH_MINUTES)]


QUEUE_POLL_SECONDS = 5


class Command(BaseCommand):
    help = (
        "Lance les tâches planifiées (purge des données personnelles, rappels) toutes les heures, recalcule "
        "les indicateurs du mois en cours toutes les quelques minutes et envoie les e-mails de la file "
        "d'attente au fil de l'eau ; ou une seule fois (cron). Avec plusieurs serveurs, un seul travaille à la fois."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Lancer une seule fois, vider la file d'e-mails puis s'arrêter (cron)."
        )
        parser.add_argument("--every", type=int, default=3600, help="Intervalle en secondes (défaut : 3600).")

    def handle(self, *args, once=False, every=3600, **options):
        self.holder = runner_id()
        try:
            self.loop(once, every)
        finally:
            with contextlib.suppress(DatabaseError):  # otherwise the lease expires by itself
                release_lease(self.holder)

    def loop(self, once, every):
        frequent = frequent_jobs()
        jobs_due_at = 0.0
        frequent_due_at = [time.monotonic() + interval for _name, _args, interval in frequent]
        while True:
            if not self.holds_lease():
                self.stdout.write("Un autre serveur lance les tâches planifiées : rien à faire ici pour l'instant.")
            else:
                if time.monotonic() >= jobs_due_at:
                    self.run_jobs()
                    jobs_due_at = time.monotonic() + every
                for index, (name, arguments, interval) in enumerate(frequent):
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
        if not self.holds_lease():  # renewed before each job: a turn never outlives the lease
            return
        try:
            call_command(job, *arguments, stdout=self.stdout)
        except Exception as error:  # one failing job must not stop the others
            self.stderr.write(f"Échec de {job} : {error}")

    def holds_lease(self) -> bool:
        try:
            return take_lease(self.holder)
        except DatabaseError as error:  # the database may be briefly away: the next turn tries again
            self.stderr.write(f"Base de données indisponible : {error}")
            return False

    def run_queue(self):
        try:
            run_due_tasks()
        except Exception as error:  # the database may be briefly away: the next turn tries again
            self.stderr.write(f"Échec de la file d'attente : {error}")
