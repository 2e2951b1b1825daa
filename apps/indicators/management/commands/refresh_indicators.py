"""Rebuild the monthly tables the dashboards read: everything every hour, the current month every few minutes."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ...dashboards import warm_dashboards
from ...forms import MONTH_RE
from ...refresh import refresh_indicators


class Command(BaseCommand):
    help = "Recalcule les agrégats mensuels des indicateurs (premiers accueils, fiches navettes)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--depuis",
            metavar="AAAA-MM",
            help="Ne recalculer qu'à partir de ce mois (par défaut : tout l'historique).",
        )
        parser.add_argument(
            "--mois-en-cours",
            action="store_true",
            dest="current_month",
            help="Ne recalculer que le mois en cours (lancé toutes les quelques minutes par les tâches planifiées).",
        )

    def handle(self, *args, depuis=None, current_month=False, **options):
        since = None
        if current_month:
            since = timezone.localdate().replace(day=1)
        elif depuis:
            match = MONTH_RE.match(depuis)
            if not match:
                raise CommandError("--depuis attend un mois au format AAAA-MM.")
            since = date(int(match.group(1)), int(match.group(2)), 1)
        run = refresh_indicators(since=since)
        warmed = warm_dashboards()
        self.stdout.write(
            f"Indicateurs recalculés : {run.rows} lignes en {run.duration_ms} ms ; {warmed} tableaux de bord préparés."
        )
