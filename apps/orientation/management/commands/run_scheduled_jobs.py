"""The scheduled jobs of the platform, for a process manager (systemd, supervisor) or a cron line with --once."""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand

JOBS = [
    "purge_personal_data",
    "send_referral_reminders",
    "update_convention_statuses",
    "send_session_reminders",
    "refresh_indicators",
]


class Command(BaseCommand):
    help = "Lance les tâches planifiées (purge des données personnelles, rappels) toutes les heures, ou une fois."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Lancer une seule fois puis s'arrêter (cron).")
        parser.add_argument("--every", type=int, default=3600, help="Intervalle en secondes (défaut : 3600).")

    def handle(self, *args, once=False, every=3600, **options):
        while True:
            for job in JOBS:
                try:
                    call_command(job, stdout=self.stdout)
                except Exception as error:  # one failing job must not stop the others
                    self.stderr.write(f"Échec de {job} : {error}")
            if once:
                return
            time.sleep(every)
