from django.apps import AppConfig


class EmailsConfig(AppConfig):
    name = "apps.emails"
    verbose_name = "File d'attente des e-mails"
