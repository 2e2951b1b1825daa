from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "apps.training"
    verbose_name = "Métiers et formations"

    def ready(self):
        from . import funding  # noqa: F401 (connects the signals that forget the cached schemes)
