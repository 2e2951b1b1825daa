from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from apps.directory import exchange


class Command(BaseCommand):
    help = (
        "Importe des structures et des services au format data·inclusion v1 (JSON ou CSV), tout ou rien : "
        "au moindre problème, les erreurs sont listées et rien n'est écrit."
    )

    def add_arguments(self, parser):
        parser.add_argument("--structures", help="structures.json ou structures.csv")
        parser.add_argument("--services", help="services.json ou services.csv")

    def handle(self, *args, **options):
        uploads = {name: self._read(options[name]) for name in ("structures", "services")}
        if not any(uploads.values()):
            raise CommandError("Indiquez --structures et/ou --services.")
        try:
            counts = exchange.import_files(uploads["structures"], uploads["services"])
        except exchange.ExchangeError as error:
            for message in error.errors:
                self.stderr.write(message)
            raise CommandError(f"{len(error.errors)} erreur(s) : rien n'a été importé.") from error
        self.stdout.write(
            f"Import terminé : {counts['structures_created']} structures créées, "
            f"{counts['structures_updated']} mises à jour ; {counts['places_created']} lieux créés ; "
            f"{counts['services_created']} services créés, {counts['services_updated']} mis à jour."
        )

    def _read(self, name: str | None) -> tuple[str, bytes] | None:
        if not name:
            return None
        path = Path(name)
        if not path.is_file():
            raise CommandError(f"Fichier introuvable : {name}")
        return path.name, path.read_bytes()
