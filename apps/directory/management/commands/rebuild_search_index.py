"""Rebuild the search index from the directory (after a bulk load done outside the application)."""

import time

from django.core.management.base import BaseCommand

from apps.directory import search_index


class Command(BaseCommand):
    help = "Reconstruit l'index de recherche à partir de l'annuaire."

    def handle(self, *args, **options):
        started = time.perf_counter()
        written = search_index.refresh()
        elapsed = time.perf_counter() - started
        label = "entrée" if written <= 1 else "entrées"
        self.stdout.write(f"Index de recherche reconstruit : {written} {label} en {elapsed:.1f} s.")
