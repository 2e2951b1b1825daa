from django.core.management.base import BaseCommand, CommandError

from apps.core import region_pack


class Command(BaseCommand):
    help = "Vérifie un pack de région (regions/<code>/) : chaque erreur est nommée par fichier, champ et ligne."

    def add_arguments(self, parser):
        parser.add_argument("code", nargs="?", help="code de la région (par défaut : SPRO_REGION)")

    def handle(self, *args, code=None, **options):
        code = code or region_pack.selected_code()
        errors = region_pack.check_pack(code)
        if errors:
            for error in errors:
                self.stderr.write(str(error))
            raise CommandError(f"Pack regions/{code}/ : {len(errors)} erreur(s).")
        self.stdout.write(f"Pack regions/{code}/ valide ({region_pack.load_pack(code).name}).")
