"""Spending declared on a grant during the year, travel expenses charged to it, and the low-consumption alert."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from .grants import Grant
from .plans import PlannedAction


class Spending(models.Model):
    """One spending line declared by the coordinator against the project envelope of the grant."""

    class Kind(models.TextChoices):
        ACTION = "action", "Action du programme d'activités"
        TRAVEL = "travel", "Frais de déplacement (programme d'appui)"
        OTHER = "other", "Autre dépense"

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="spendings", verbose_name="subvention")
    kind = models.CharField("nature", max_length=10, choices=Kind.choices, default=Kind.ACTION)
    action = models.ForeignKey(
        PlannedAction,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="spendings",
        verbose_name="action du programme",
    )
    registration = models.OneToOneField(
        "programme.Registration",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="charged_spending",
        verbose_name="inscription au programme d'appui",
    )
    label = models.CharField("libellé", max_length=200)
    amount_cents = models.PositiveBigIntegerField("montant (centimes)")
    spent_on = models.DateField("date de la dépense")
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name="déclarée par"
    )
    declared_at = models.DateTimeField("déclarée le", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "dépense déclarée"
        verbose_name_plural = "dépenses déclarées"
        ordering = ["spent_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount_cents__gt=0), name="spending_amount_positive"),
            models.CheckConstraint(
                condition=~models.Q(kind="travel") | models.Q(registration__isnull=False),
                name="spending_travel_has_registration",
            ),
        ]

    def __str__(self):
        return self.label


class ConsumptionAlert(models.Model):
    """Raised once per grant when, at the configured date, less than the threshold of the envelope is spent."""

    grant = models.OneToOneField(Grant, on_delete=models.CASCADE, related_name="consumption_alert")
    raised_on = models.DateField("alerte levée le")
    spent_cents = models.PositiveBigIntegerField("dépenses déclarées à cette date (centimes)")
    envelope_cents = models.PositiveBigIntegerField("enveloppe à cette date (centimes)")

    class Meta:
        verbose_name = "alerte de sous-consommation"
        verbose_name_plural = "alertes de sous-consommation"
        ordering = ["-raised_on"]

    def __str__(self):
        return f"Sous-consommation — {self.grant}"
