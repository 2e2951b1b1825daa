from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from apps.skills.frameworks import FrameworkError, load_default_frameworks, load_file


class Command(BaseCommand):
    help = (
        "Charge un référentiel de compétences (fichier JSON) comme nouvelle version ; sans fichier, les "
        "référentiels livrés (coordination SPRO 2021, chargé·es d'accueil). Un contenu inchangé ne crée rien."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="fichiers JSON (format de regions/24/frameworks/)")

    def handle(self, *args, paths=(), **options):
        try:
            results = [load_file(Path(p)) for p in paths] if paths else load_default_frameworks()
        except FrameworkError as error:
            raise CommandError("Référentiel refusé, rien n'est chargé :\n" + "\n".join(error.errors)) from error
        for framework, created in results:
            state = "nouvelle version" if created else "déjà à jour"
            domains, skills = framework.domains.count(), framework.skills().count()
            self.stdout.write(
                f"{framework.title} — version {framework.version} ({state}) : {domains} domaines, {skills} compétences."
            )
