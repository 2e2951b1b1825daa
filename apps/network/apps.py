from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "apps.network"
    verbose_name = "Gouvernance du réseau"

    def ready(self):
        from django.db.models.signals import pre_save

        from apps.core.uploads import remove_replaced_files

        from . import perms  # noqa: F401  (registers the permission predicates)
        from .models import Amendment, Convention, Grant, Meeting

        for model in (Amendment, Convention, Grant, Meeting):  # the models holding uploaded documents
            pre_save.connect(remove_replaced_files, sender=model, dispatch_uid=f"remove-replaced-{model.__name__}")
