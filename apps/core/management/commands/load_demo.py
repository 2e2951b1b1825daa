from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from apps.accounts.models import User
from apps.core import region_pack
from apps.core.management import generated_demo, region_stamp
from apps.directory.services import DEMO_EMAIL_DOMAIN, demo_data_loaded, load_demo_data, load_vocabularies
from apps.geo.models import Commune, Territory
from apps.geo.services import load_reference_geography, load_territories
from apps.indicators.refresh import refresh_indicators
from apps.orientation.grid import load_default_grid
from apps.orientation.routing import load_default_rules
from apps.skills.frameworks import load_default_frameworks
from apps.territories.services import refresh_month as refresh_panoramas
from apps.training import demo as training_demo
from apps.training import services as training_services


def demo_modules() -> dict:
    """The demo of each domain, by the name a pack lists in demo.modules (imported when needed)."""
    from apps.agenda import demo as agenda
    from apps.feedback import demo as feedback
    from apps.network import demo as network
    from apps.orientation import demo as receptions
    from apps.programme import demo as programme
    from apps.resources import demo as resources
    from apps.skills import demo as skills

    return {
        "receptions": receptions,
        "network": network,
        "programme": programme,
        "agenda": agenda,
        "feedback": feedback,
        "skills": skills,
        "resources": resources,
    }


class Command(BaseCommand):
    help = (
        "Charge la géographie, les données du pack de région (SPRO_REGION) et sa démonstration (une seule fois). "
        "Refuse une base qui contient déjà les données d'une autre région."
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
        pack = region_pack.current()
        try:
            region_stamp.claim(pack)
        except region_stamp.OtherRegionError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Pack de région : {pack.name} ({pack.code}).")
        if not Commune.objects.exists():
            self.stdout.write("Chargement des communes de France…")
            load_reference_geography()
        if not Territory.objects.exclude(kind=Territory.Kind.REGION).exists():
            load_territories()
        self.load_reference(pack)
        if demo_data_loaded():
            self.stdout.write("Données de démonstration déjà chargées.")
            return
        counts = self.load_demo(pack)
        refresh_indicators()
        refresh_panoramas()  # the coverage and the territory panoramas of this month, computed (nothing invented)
        self.stdout.write(
            f"Démonstration chargée : {counts['structures']} structures, {counts['places']} lieux, "
            f"{counts['services']} services, {counts.get('users', 0)} comptes fictifs, "
            f"{counts.get('receptions', 0)} premiers accueils."
        )

    def load_reference(self, pack):
        load_vocabularies()
        load_default_rules()
        load_default_grid()
        load_default_frameworks()
        if "training" in pack.demo.get("modules", []):
            self.load_training_offer()
        else:  # no demo offer: the jobs and the pack's funding schemes only
            training_services.load_rome()
            training_services.load_funding_schemes()

    def load_demo(self, pack) -> dict:
        modules = demo_modules()
        with transaction.atomic():
            if pack.demo["generated"]:
                counts = load_demo_data(data=generated_demo.directory(pack))
            else:
                counts = load_demo_data(pack.demo_file())
            for name in pack.demo.get("modules", []):
                if name in modules:
                    counts[name] = modules[name].load()
            if not settings.DEBUG:  # never commit the published password outside a demonstration
                User.objects.filter(email__endswith=f"@{DEMO_EMAIL_DOMAIN}").update(password=make_password(None))
        return counts

    def load_training_offer(self):
        """Jobs, funding schemes and the demo LHEO feed, imported through the same path as a Carif-Oref feed."""
        if not training_demo.needs_demo_offer():
            return
        self.stdout.write("Offre de formation de démonstration (flux LHEO 2.3)…")
        offer = training_demo.load()
        self.stdout.write(f"Offre de formation : {offer.trainings} actions, {offer.sessions} sessions.")
