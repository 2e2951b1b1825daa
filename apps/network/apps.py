from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "apps.network"
    verbose_name = "Gouvernance du réseau"

    def ready(self):
        from . import perms  # noqa: F401  (registers the permission predicates)
