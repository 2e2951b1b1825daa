from django.core.management.base import BaseCommand

from apps.accounts.services import prune_login_log, purge_deactivated_accounts
from apps.feedback.follow_up import purge as purge_follow_ups
from apps.orientation.personal_data import prune_access_log, purge_expired


class Command(BaseCommand):
    help = (
        "Applique les durées de conservation : coordonnées, besoin et précisions des fiches navettes échues "
        "(clôture + 3 mois, 12 mois au plus), journal des accès (1 an), "
        "journal des connexions (6 mois), comptes désactivés depuis 1 an."
    )

    def handle(self, *args, **options):
        count = purge_expired()
        self.stdout.write(f"Coordonnées, besoin et précisions effacés pour {count} fiche(s) navette(s).")
        self.stdout.write(f"Journal des accès : {prune_access_log()} entrée(s) échue(s) supprimée(s).")
        self.stdout.write(f"Journal des connexions : {prune_login_log()} entrée(s) échue(s) supprimée(s).")
        self.stdout.write(f"Suivis des personnes sans réponse ou sans adresse : {purge_follow_ups()} supprimé(s).")
        deleted, anonymised = purge_deactivated_accounts()
        self.stdout.write(f"Comptes désactivés depuis plus d'un an : {deleted} supprimé(s), {anonymised} anonymisé(s).")
