from django.apps import AppConfig


class TerritoriesConfig(AppConfig):
    name = "apps.territories"
    verbose_name = "Panoramas de territoire"

    def ready(self):
        from . import perms  # noqa: F401  (registers the permission predicates)
