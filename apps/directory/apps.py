from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "apps.directory"
    verbose_name = "Annuaire"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import signals  # connects the search index to the directory's writes

        post_migrate.connect(signals.fill_empty_index, sender=self)
