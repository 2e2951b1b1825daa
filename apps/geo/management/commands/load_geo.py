from django.core.management.base import BaseCommand

from apps.geo.services import load_reference_geography, load_territories


class Command(BaseCommand):
    help = "Charge régions, départements et communes (COG 2026) puis les territoires SPRO."

    def add_arguments(self, parser):
        parser.add_argument(
            "--departements", nargs="*", default=None, help="Limiter aux départements donnés (ex. 41 45)."
        )

    def handle(self, *args, departements=None, **options):
        count = load_reference_geography(departements)
        self.stdout.write(f"{count} communes chargées.")
        territories = load_territories()
        self.stdout.write(f"{territories} territoires SPRO chargés.")
