from django.core.management.base import BaseCommand

from apps.orientation.coverage import coverage_gaps
from apps.orientation.routing import load_default_rules


class Command(BaseCommand):
    help = (
        "Charge les règles d'aiguillage par défaut (routing_rules.json du pack de la région) dans une base "
        "qui n'en a pas ; --replace remplace toutes les règles existantes ; --check vérifie seulement que chaque "
        "situation reçoit au moins deux portes, dont une de conseil personnalisé."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--replace", action="store_true", help="remplacer toutes les règles (les modifications sont perdues)"
        )
        parser.add_argument("--check", action="store_true", help="vérifier la couverture, sans rien charger")

    def handle(self, *args, replace=False, check=False, **options):
        if not check:
            count = load_default_rules(replace=replace)
            if count:
                self.stdout.write(f"{count} règle(s) d'aiguillage chargée(s).")
            else:
                self.stdout.write("Des règles existent déjà : rien n'a été chargé (--replace pour les remplacer).")
        gaps = coverage_gaps()
        for gap in gaps:
            self.stdout.write(f"Sans deux portes dont une de conseil personnalisé : {gap}")
        if gaps:
            self.stdout.write(self.style.WARNING(f"{len(gaps)} situation(s) mal couverte(s)."))
        else:
            self.stdout.write("Chaque situation reçoit au moins deux portes, dont une de conseil personnalisé.")
