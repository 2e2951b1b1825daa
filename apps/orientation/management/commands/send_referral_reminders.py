from django.core.management.base import BaseCommand

from apps.orientation.services import send_overdue_reminders


class Command(BaseCommand):
    help = "Envoie un rappel aux structures dont des fiches navettes ont dépassé leur délai de réponse."

    def handle(self, *args, **options):
        count = send_overdue_reminders()
        self.stdout.write(f"{count} rappel(s) envoyé(s).")
