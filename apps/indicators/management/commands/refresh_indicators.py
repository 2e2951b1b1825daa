"""Rebuild the monthly tables the dashboards read. Run every hour by the scheduled jobs."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

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

    def handle(self, *args, depuis=None, **options):
        since = None
        if depuis:
            match = MONTH_RE.match(depuis)
            if not match:
                raise CommandError("--depuis attend un mois au format AAAA-MM.")
            since = date(int(match.group(1)), int(match.group(2)), 1)
        run = refresh_indicators(since=since)
        self.stdout.write(f"Indicateurs recalculés : {run.rows} lignes en {run.duration_ms} ms.")
