from django.core.management.base import BaseCommand

from apps.training.services import load_funding_schemes, load_rome


class Command(BaseCommand):
    help = "Charge les métiers du ROME 4.0 et les dispositifs de financement par défaut (une seule fois)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--replace-funding",
            action="store_true",
            help="Remplacer les dispositifs de financement par ceux du fichier (modifications de la Région perdues).",
        )

    def handle(self, *args, replace_funding=False, **options):
        jobs = load_rome()
        schemes = load_funding_schemes(replace=replace_funding)
        self.stdout.write(f"{jobs} métiers, {schemes} dispositifs de financement chargés.")
