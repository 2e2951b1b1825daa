from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "apps.programme"
    verbose_name = "Programme d'appui aux acteurs"

    def ready(self):
        from . import perms  # noqa: F401  (registers the permission predicates)
