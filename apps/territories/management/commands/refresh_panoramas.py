"""Compute the current month's coverage and territory panoramas. Run by the scheduled jobs (once a day)."""

from django.core.management.base import BaseCommand

from ...services import refresh_due, refresh_month


class Command(BaseCommand):
    help = (
        "Calcule la couverture des communes et les panoramas des territoires du mois en cours "
        "(une fois par jour depuis les tâches planifiées ; --maintenant pour recalculer tout de suite)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--maintenant", action="store_true", help="Recalculer même si le mois a été calculé il y a peu."
        )

    def handle(self, *args, maintenant=False, **options):
        if not maintenant and not refresh_due():
            self.stdout.write("Panoramas du mois déjà calculés aujourd'hui.")
            return
        run = refresh_month()
        self.stdout.write(
            f"Panoramas de {run.month:%m/%Y} calculés : {run.communes} communes, "
            f"{sum(run.places.values())} lieux des réseaux clés, en {run.duration_ms} ms."
        )
