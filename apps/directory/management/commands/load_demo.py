from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from apps.accounts.models import User
from apps.directory.services import DEMO_EMAIL_DOMAIN, demo_data_loaded, load_demo_data, load_vocabularies
from apps.feedback import demo as feedback_demo
from apps.geo.models import Commune
from apps.geo.services import load_reference_geography, load_territories
from apps.indicators.refresh import refresh_indicators
from apps.network import demo as network_demo
from apps.orientation import demo as orientation_demo
from apps.orientation.grid import load_default_grid
from apps.orientation.routing import load_default_rules
from apps.programme import demo as programme_demo


class Command(BaseCommand):
    help = (
        "Charge la géographie, les vocabulaires et les données de démonstration Centre-Val de Loire (une seule fois)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Charger même quand DJANGO_DEBUG=false ; les comptes fictifs n'ont alors aucun mot de passe.",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DJANGO_DEBUG=false : la démonstration n'est pas chargée sur une plateforme de production "
                "(ses comptes ont un mot de passe publié). Ajoutez --force pour la charger sans mot de passe."
            )
        if not Commune.objects.exists():
            self.stdout.write("Chargement des communes de France…")
            load_reference_geography()
            load_territories()
        load_vocabularies()
        load_default_rules()
        load_default_grid()
        if demo_data_loaded():
            self.stdout.write("Données de démonstration déjà chargées.")
            return
        with transaction.atomic():
            counts = load_demo_data()
            counts["receptions"] = orientation_demo.load()
            counts["network"] = network_demo.load()
            counts["programme"] = programme_demo.load()
            counts["feedback"] = feedback_demo.load()
            if not settings.DEBUG:  # never commit the published password outside a demonstration
                User.objects.filter(email__endswith=f"@{DEMO_EMAIL_DOMAIN}").update(password=make_password(None))
        refresh_indicators()
        self.stdout.write(
            f"Démonstration chargée : {counts['structures']} structures, {counts['places']} lieux, "
            f"{counts['services']} services, {counts.get('users', 0)} comptes fictifs, "
            f"{counts['receptions']} premiers accueils."
        )
