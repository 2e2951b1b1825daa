from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from apps.training import services
from apps.training.models import TrainingOffer


class Command(BaseCommand):
    help = (
        "Importe l'offre de formation d'un flux LHEO 2.3 (fichier ou adresse) : validé contre le schéma, "
        "tout ou rien ; la nouvelle offre remplace l'ancienne."
    )

    def add_arguments(self, parser):
        parser.add_argument("fichier", nargs="?", help="Chemin du fichier XML LHEO 2.3.")
        parser.add_argument(
            "--url",
            default="",
            help="Adresse du flux (par défaut : SPRO_LHEO_FEED_URL quand aucun fichier n'est donné).",
        )

    def handle(self, *args, fichier=None, url="", **options):
        if fichier:
            path = Path(fichier)
            if not path.is_file():
                raise CommandError(f"Fichier introuvable : {fichier}")
            offer = services.import_offer(path, echo=self.stdout.write)
        else:
            url = url or settings.SPRO_LHEO_FEED_URL
            if not url:
                raise CommandError("Donnez un fichier, --url, ou réglez SPRO_LHEO_FEED_URL.")
            self.stdout.write(f"Téléchargement de {url}…")
            offer = TrainingOffer.objects.create(source=url)
            try:
                path = services.download(url)
            except (OSError, ValueError) as error:
                services._finish(offer, TrainingOffer.State.FAILED, errors=[f"Téléchargement impossible : {error}"])
                raise CommandError(f"Téléchargement impossible depuis {url} : {error}") from error
            try:
                offer = services.import_offer(path, offer, echo=self.stdout.write)
            finally:
                path.unlink(missing_ok=True)
        if offer.state != TrainingOffer.State.DONE:
            raise CommandError("Import refusé, rien n'a été modifié :\n" + "\n".join(offer.errors))
        self.stdout.write(f"Offre importée : {offer.trainings} actions de formation, {offer.sessions} sessions.")
