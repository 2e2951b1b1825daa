from django.apps import AppConfig


class SkillsConfig(AppConfig):
    name = "apps.skills"
    verbose_name = "Professionnalisation : référentiels, arbre des talents, qui fait quoi"

    def ready(self):
        from django.db.models.signals import pre_save

        from apps.core.uploads import remove_replaced_files

        from . import perms  # noqa: F401  (registers the permission predicates)
        from .models import Evidence

        pre_save.connect(remove_replaced_files, sender=Evidence, dispatch_uid="skills_evidence_files")
