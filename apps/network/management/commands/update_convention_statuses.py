from django.core.management.base import BaseCommand

from apps.network.consumption import raise_consumption_alerts
from apps.network.services import refresh_all_statuses


class Command(BaseCommand):
    help = (
        "Met en vigueur les conventions signées dont la date de début est atteinte, expire les conventions échues "
        "et, à la date d'alerte, signale à la Région les conventions consommées sous le seuil (une fois chacune)."
    )

    def handle(self, *args, **options):
        changed = refresh_all_statuses()
        self.stdout.write(f"{changed} convention(s) mise(s) à jour.")
        alerts = raise_consumption_alerts()
        self.stdout.write(f"{len(alerts)} alerte(s) de sous-consommation levée(s).")
