from django.core.management.base import BaseCommand

from apps.feedback.follow_up import send_due


class Command(BaseCommand):
    help = (
        "Envoie le questionnaire de suivi aux personnes qui l'ont accepté, quelques semaines après la fin de leur "
        "fiche navette, une seule relance, et supprime les suivis restés sans réponse."
    )

    def handle(self, *args, **options):
        counts = send_due()
        self.stdout.write(
            f"Suivi des personnes : {counts['sent']} questionnaire(s) envoyé(s), {counts['reminded']} relance(s), "
            f"{counts['dropped']} suivi(s) échu(s) ou sans adresse supprimé(s)."
        )
