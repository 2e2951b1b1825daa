from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from apps.directory import exchange
from apps.training import exchange as training_exchange


class Command(BaseCommand):
    help = "Exporte l'annuaire au format data·inclusion v1 : structures et services, en JSON et en CSV."

    def add_arguments(self, parser):
        parser.add_argument("--output-dir", required=True, help="Dossier où écrire les quatre fichiers.")
        parser.add_argument(
            "--base-url",
            default=getattr(settings, "SPRO_SITE_URL", ""),
            help="Adresse publique du site, pour les liens lien_source (par défaut SPRO_SITE_URL).",
        )
        parser.add_argument(
            "--formations",
            action="store_true",
            help="Ajouter l'offre de formation importée : services de type « formation » et organismes de formation.",
        )

    def handle(self, *args, **options):
        output = Path(options["output_dir"])
        output.mkdir(parents=True, exist_ok=True)
        exports = {
            "structure": exchange.export_structures(options["base_url"]),
            "service": exchange.export_services(options["base_url"]),
        }
        if options["formations"]:
            for kind, records in exports.items():
                records += training_exchange.export(kind, options["base_url"])
        errors = [e for kind, records in exports.items() for e in exchange.export_errors(kind, records)]
        if errors:
            for error in errors:
                self.stderr.write(error)
            raise CommandError(f"{len(errors)} enregistrement(s) non conforme(s) au schéma : rien n'a été écrit.")
        for kind, records in exports.items():
            (output / f"{kind}s.json").write_text(exchange.to_json(records), encoding="utf-8")
            (output / f"{kind}s.csv").write_text(exchange.to_csv(kind, records), encoding="utf-8")
        self.stdout.write(
            f"Export écrit dans {output} : {len(exports['structure'])} structures, "
            f"{len(exports['service'])} services (JSON et CSV)."
        )
