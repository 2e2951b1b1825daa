from django.apps import AppConfig


class OrientationConfig(AppConfig):
    name = "apps.orientation"
    verbose_name = "Orientation"

    def ready(self):
        from . import signals  # noqa: F401
