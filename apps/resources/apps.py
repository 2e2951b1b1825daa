from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "apps.resources"
    verbose_name = "Mallette SPRO"

    def ready(self):
        from . import perms  # noqa: F401  (registers the permission predicates)
