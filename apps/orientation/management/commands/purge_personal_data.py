from django.core.management.base import BaseCommand

from apps.orientation.services import purge_contact_details


class Command(BaseCommand):
    help = "Efface les coordonnées des personnes arrivées à échéance (clôture + 3 mois, 12 mois au plus)."

    def handle(self, *args, **options):
        count = purge_contact_details()
        self.stdout.write(f"Coordonnées effacées pour {count} fiche(s) navette(s).")
