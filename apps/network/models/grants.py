"""Subsidies of a convention: a coordination lump sum and a project envelope, and their payments."""

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from .common import document_validators
from .conventions import Convention


class Grant(models.Model):
    """The subsidy voted by the regional standing committee for one convention (amounts in cents)."""

    convention = models.OneToOneField(Convention, on_delete=models.PROTECT, related_name="grant")
    beneficiary = models.ForeignKey(
        "directory.Structure",
        on_delete=models.PROTECT,
        related_name="grants",
        verbose_name="structure bénéficiaire",
        help_text="La structure qui porte la coordination et reçoit la subvention.",
    )
    lump_sum_cents = models.PositiveBigIntegerField("forfait coordination (centimes)")
    envelope_cents = models.PositiveBigIntegerField("enveloppe projets (centimes)")
    voted_on = models.DateField("votée en commission permanente le")
    balance_deadline = models.DateField("date limite de la demande de solde")
    balance_requested_on = models.DateField("solde demandé le", null=True, blank=True)
    spent_envelope_cents = models.PositiveBigIntegerField(
        "dépenses déclarées sur l'enveloppe (centimes)", null=True, blank=True
    )
    spending_report = models.FileField(
        "compte rendu des dépenses (fichier)",
        upload_to="network/depenses/%Y/",
        blank=True,
        validators=document_validators,
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "subvention"
        ordering = ["-convention__year", "convention__territory__name"]

    def __str__(self):
        return f"Subvention de la {self.convention}"

    def get_absolute_url(self):
        return reverse("network:grant", args=[self.pk])

    @property
    def total_cents(self) -> int:
        return self.lump_sum_cents + self.envelope_cents


class GrantPayment(models.Model):
    """One payment: the advance on each part (lump sum, envelope), then the balance of the envelope."""

    class Kind(models.TextChoices):
        ADVANCE = "advance", "Avance"
        BALANCE = "balance", "Solde"

    class Part(models.TextChoices):
        LUMP_SUM = "lump_sum", "Forfait coordination"
        ENVELOPE = "envelope", "Enveloppe projets"

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="payments")
    kind = models.CharField("versement", max_length=10, choices=Kind.choices)
    part = models.CharField("part", max_length=10, choices=Part.choices)
    percent = models.PositiveSmallIntegerField("pourcentage", null=True, blank=True)
    amount_cents = models.PositiveBigIntegerField("montant (centimes)")
    due_on = models.DateField("exigible le")
    paid_on = models.DateField("versé le", null=True, blank=True)
    reference = models.CharField("référence du mandat", max_length=60, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "versement"
        ordering = ["grant", "due_on", "kind", "-part"]  # the lump sum before the envelope
        constraints = [
            models.UniqueConstraint(fields=["grant", "kind", "part"], name="grant_payment_unique_kind_part"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.get_part_display()}"

    @property
    def label(self) -> str:
        if self.kind == self.Kind.BALANCE:
            return f"{self.get_part_display()} — solde"
        suffix = f" ({self.percent} %)" if self.percent is not None else ""
        return f"{self.get_part_display()} — avance{suffix}"
