from django.apps import AppConfig


class AgendaConfig(AppConfig):
    name = "apps.agenda"
    verbose_name = "Agenda public (forums, portes ouvertes)"

    def ready(self):
        from . import perms  # noqa: F401  (registers the permission predicates)
