"""Who coordinates each SPRO territory, for which school year, and who answers for the Region."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from apps.directory.models import phone_validator

from .common import school_year_label
from .coordination import CoordinationRole


class Coordinator(models.Model):
    """A person of the coordination team of a territory for one school year, in one role (a team of any size).

    The rules on the team's composition are in services/coordination.py.
    """

    Role = CoordinationRole

    territory = models.ForeignKey(
        "geo.Territory", on_delete=models.PROTECT, related_name="coordinators", verbose_name="territoire"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="coordinator_roles", verbose_name="compte"
    )
    structure = models.ForeignKey(
        "directory.Structure",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coordinators",
        verbose_name="structure employeuse",
    )
    role = models.CharField("rôle", max_length=15, choices=CoordinationRole.choices, default=CoordinationRole.LOCAL)
    area = models.CharField(
        "bassin ou secteur",
        max_length=150,
        blank=True,
        help_text="Pour un·e référent·e de bassin : « Bassin de Vierzon ».",
    )
    job_title = models.CharField("fonction", max_length=150, blank=True)
    phone = models.CharField("téléphone professionnel", max_length=20, blank=True, validators=[phone_validator])
    school_year = models.PositiveSmallIntegerField(
        "année scolaire", help_text="L'année de la rentrée : 2026 pour l'année scolaire 2026-2027."
    )
    designated_on = models.DateField("désigné·e le")
    designation_meeting = models.ForeignKey(
        "network.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="designations",
        verbose_name="réunion dont le compte rendu acte la désignation",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "coordinateur·rice"
        verbose_name_plural = "coordinateur·rices"
        ordering = ["territory__name", "-school_year", "role", "user__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "user", "school_year"], name="coordinator_unique_territory_user_year"
            )
        ]

    def __str__(self):
        return f"{self.user.get_full_name() or self.user.email} — {self.territory} ({self.school_year_label})"

    @property
    def school_year_label(self) -> str:
        return school_year_label(self.school_year)


class RegionContact(models.Model):
    """The Region's contact for a territory, by subject (steering, financial follow-up)."""

    class Topic(models.TextChoices):
        PILOT = "pilot", "Chargé·e de mission SPRO"
        FINANCE = "finance", "Suivi administratif et financier des conventions"

    territory = models.ForeignKey(
        "geo.Territory", on_delete=models.CASCADE, related_name="region_contacts", verbose_name="territoire"
    )
    topic = models.CharField("sujet", max_length=10, choices=Topic.choices, default=Topic.PILOT)
    name = models.CharField("nom", max_length=150)
    email = models.EmailField("e-mail")
    phone = models.CharField("téléphone", max_length=20, blank=True, validators=[phone_validator])

    class Meta:
        verbose_name = "contact à la Région"
        verbose_name_plural = "contacts à la Région"
        ordering = ["territory__name", "topic"]
        constraints = [models.UniqueConstraint(fields=["territory", "topic"], name="region_contact_unique_topic")]

    def __str__(self):
        return f"{self.name} ({self.get_topic_display()})"
