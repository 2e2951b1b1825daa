"""The territory's yearly activity programme (action plan) and its annual activity report."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from .common import FIRST_YEAR, LAST_YEAR


class ActionPlan(models.Model):
    territory = models.ForeignKey(
        "geo.Territory", on_delete=models.PROTECT, related_name="action_plans", verbose_name="territoire"
    )
    year = models.PositiveSmallIntegerField("année")
    priorities = models.TextField("priorités de l'année", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "programme d'activités"
        verbose_name_plural = "programmes d'activités"
        ordering = ["-year", "territory__name"]
        constraints = [
            models.UniqueConstraint(fields=["territory", "year"], name="action_plan_unique_territory_year"),
            models.CheckConstraint(
                condition=models.Q(year__gte=FIRST_YEAR, year__lte=LAST_YEAR), name="action_plan_year_range"
            ),
        ]

    def __str__(self):
        return f"Programme d'activités {self.year} — {self.territory}"

    def get_absolute_url(self):
        return reverse("network:plan", args=[self.territory.code, self.year])


class PlannedAction(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", "Prévue"
        IN_PROGRESS = "in_progress", "En cours"
        DONE = "done", "Réalisée"
        CANCELLED = "cancelled", "Annulée"

    class BudgetLine(models.TextChoices):
        ENVELOPE = "envelope", "Enveloppe projets"
        LUMP_SUM = "lump_sum", "Forfait coordination"
        PARTNERS = "partners", "Fonds propres des partenaires"
        NONE = "none", "Sans budget"

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField("intitulé", max_length=200)
    aim = models.TextField("objectif", max_length=2000)
    public = models.CharField("publics visés", max_length=300)
    partners = models.ManyToManyField(
        "directory.Structure", blank=True, related_name="planned_actions", verbose_name="structures partenaires"
    )
    other_partners = models.CharField("autres partenaires", max_length=300, blank=True)
    start_date = models.DateField("début")
    end_date = models.DateField("fin", null=True, blank=True)
    budget_line = models.CharField(
        "ligne budgétaire", max_length=10, choices=BudgetLine.choices, default=BudgetLine.ENVELOPE
    )
    budget_cents = models.PositiveBigIntegerField("budget prévu (centimes)", default=0)
    status = models.CharField("état", max_length=12, choices=Status.choices, default=Status.PLANNED)

    class Meta:
        verbose_name = "action du programme"
        verbose_name_plural = "actions du programme"
        ordering = ["start_date", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="planned_action_dates",
            )
        ]

    def __str__(self):
        return self.title


class AnnualReport(models.Model):
    """The annual activity report of a territory: figures computed, texts written by the coordinator."""

    class Status(models.TextChoices):
        DRAFT = "draft", "En cours de rédaction"
        SUBMITTED = "submitted", "Transmis à la Région"

    TEXT_FIELDS = ["summary", "actions_review", "network_life", "difficulties", "needs", "outlook"]
    REQUIRED_TO_SUBMIT = ["summary", "actions_review"]

    territory = models.ForeignKey(
        "geo.Territory", on_delete=models.PROTECT, related_name="annual_reports", verbose_name="territoire"
    )
    year = models.PositiveSmallIntegerField("année")
    status = models.CharField("état", max_length=10, choices=Status.choices, default=Status.DRAFT)
    figures = models.JSONField("chiffres de l'année", default=list, blank=True)
    figures_computed_at = models.DateTimeField("chiffres calculés le", null=True, blank=True)
    summary = models.TextField("synthèse de l'année", blank=True, max_length=6000)
    actions_review = models.TextField("bilan des actions du programme", blank=True, max_length=6000)
    network_life = models.TextField(
        "vie du réseau local",
        blank=True,
        max_length=6000,
        help_text="Comité de coordination, nouvelles structures, interconnaissance.",
    )
    difficulties = models.TextField("difficultés rencontrées", blank=True, max_length=6000)
    needs = models.TextField(
        "besoins exprimés",
        blank=True,
        max_length=6000,
        help_text="Outils, communication, professionnalisation.",
    )
    outlook = models.TextField("perspectives", blank=True, max_length=6000)
    submitted_at = models.DateTimeField("transmis le", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name="transmis par"
    )
    history = HistoricalRecords(excluded_fields=["figures"])

    class Meta:
        verbose_name = "bilan d'activité annuel"
        verbose_name_plural = "bilans d'activité annuels"
        ordering = ["-year", "territory__name"]
        constraints = [
            models.UniqueConstraint(fields=["territory", "year"], name="annual_report_unique_territory_year"),
            models.CheckConstraint(
                condition=models.Q(year__gte=FIRST_YEAR, year__lte=LAST_YEAR), name="annual_report_year_range"
            ),
        ]

    def __str__(self):
        return f"Bilan d'activité {self.year} — {self.territory}"

    def get_absolute_url(self):
        return reverse("network:report", args=[self.territory.code, self.year])

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT
