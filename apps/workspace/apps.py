from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    """A professional's home ("Mon espace"): it gathers what every app offers them, so it sits above them all."""

    name = "apps.workspace"
    verbose_name = "Mon espace"
