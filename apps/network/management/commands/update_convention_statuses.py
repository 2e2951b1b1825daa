from django.core.management.base import BaseCommand

from apps.network.services import refresh_all_statuses


class Command(BaseCommand):
    help = (
        "Met en vigueur les conventions signées dont la date de début est atteinte, et expire les conventions échues."
    )

    def handle(self, *args, **options):
        changed = refresh_all_statuses()
        self.stdout.write(f"{changed} convention(s) mise(s) à jour.")
