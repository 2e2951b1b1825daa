from django.core.management.base import BaseCommand

from apps.programme.services import send_due_surveys, send_reminders


class Command(BaseCommand):
    help = (
        "Programme d'appui : envoie le rappel de la veille aux inscrit·es des sessions de demain, "
        "puis le lien du questionnaire de satisfaction des sessions terminées."
    )

    def handle(self, *args, **options):
        reminders = send_reminders()
        surveys = send_due_surveys()
        self.stdout.write(f"{reminders} rappel(s) de session envoyé(s), {surveys} lien(s) de questionnaire envoyé(s).")
