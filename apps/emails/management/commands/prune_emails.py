from django.core.management import call_command
from django.core.management.base import BaseCommand

from apps.emails.services import prune


class Command(BaseCommand):
    help = "Supprime les traces des e-mails envoyés (30 jours) et en échec (90 jours), et les tâches terminées."

    def handle(self, *args, **options):
        count = prune()
        call_command("prune_db_task_results", "--min-age-days", "30", "--failed-min-age-days", "90", verbosity=0)
        self.stdout.write(f"{count} e-mail(s) supprimé(s) de la file.")
