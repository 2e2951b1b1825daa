"""Kinds of coordination, candidate structures of a territory, needs raised to the regional COTECH SPRO.

Seeds 003 and 004: a territory is coordinated by one person, a pair ("binôme"), a departmental coordinator
with bassin référents, or a group of local coordinators; the local committee identifies "les structures
susceptibles d'intégrer le SPRO"; the COTECH SPRO links regional steering and the needs of local actors.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from .conventions import Signatory


class CoordinationRole(models.TextChoices):
    """The role of one person in the coordination team of a territory."""

    DEPARTMENTAL = "departmental", "Coordination départementale"
    LOCAL = "local", "Coordination locale"
    BASSIN = "bassin", "Référent·e de bassin"
    GROUP_MEMBER = "group", "Membre du groupement de coordination"
    PAIR = "pair", "Coordination locale en binôme"


class Candidate(models.Model):
    """A structure proposed to join the SPRO of a territory, followed until it signs or declines."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposée"
        CONTACTED = "contacted", "Contactée"
        AMENDMENT = "amendment", "Avenant préparé"
        JOINED = "joined", "Signataire"
        DECLINED = "declined", "Non retenue"

    territory = models.ForeignKey(
        "geo.Territory", on_delete=models.PROTECT, related_name="candidates", verbose_name="territoire"
    )
    structure = models.ForeignKey(
        "directory.Structure",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="candidacies",
        verbose_name="structure de l'annuaire",
    )
    proposed_name = models.CharField(
        "nom de la structure (hors annuaire)",
        max_length=200,
        blank=True,
        help_text="Si la structure n'est pas encore dans l'annuaire.",
    )
    role = models.CharField(
        "qualité proposée",
        max_length=20,
        choices=Signatory.Role.choices,
        default=Signatory.Role.MEMBER,
    )
    reason = models.TextField("motif de la proposition", max_length=2000, blank=True)
    status = models.CharField("état", max_length=10, choices=Status.choices, default=Status.PROPOSED, db_index=True)
    decided_at = models.ForeignKey(
        "network.Meeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="candidate_decisions",
        verbose_name="réunion du comité qui a décidé",
    )
    amendment = models.ForeignKey(
        "network.Amendment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="candidates",
        verbose_name="avenant d'entrée",
    )
    note = models.TextField("suivi", max_length=2000, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        verbose_name = "structure candidate"
        verbose_name_plural = "structures candidates"
        ordering = ["territory__name", "status", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(structure__isnull=False) | ~models.Q(proposed_name=""),
                name="candidate_has_a_name",
            ),
        ]

    def __str__(self):
        return f"{self.name} — {self.territory}"

    def get_absolute_url(self):
        return reverse("network:candidate", args=[self.pk])

    @property
    def name(self) -> str:
        return self.structure.name if self.structure_id else self.proposed_name


class Need(models.Model):
    """A need raised by a territory's coordination (tools, communication…), put on the COTECH's agenda."""

    class Theme(models.TextChoices):
        TOOLS = "tools", "Outils"
        COMMUNICATION = "communication", "Communication"
        TRAINING = "training", "Professionnalisation des acteurs"
        OBSERVATION = "observation", "Observation du territoire"
        FUNDING = "funding", "Financement"
        OTHER = "other", "Autre"

    class Status(models.TextChoices):
        RAISED = "raised", "Remonté"
        SCHEDULED = "scheduled", "À l'ordre du jour"
        ANSWERED = "answered", "Réponse apportée"

    territory = models.ForeignKey(
        "geo.Territory", on_delete=models.PROTECT, related_name="raised_needs", verbose_name="territoire"
    )
    theme = models.CharField("thème", max_length=20, choices=Theme.choices, default=Theme.TOOLS)
    text = models.TextField("besoin exprimé", max_length=2000)
    status = models.CharField("état", max_length=10, choices=Status.choices, default=Status.RAISED, db_index=True)
    meeting = models.ForeignKey(
        "network.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="raised_needs",
        verbose_name="réunion du COTECH SPRO",
    )
    answer = models.TextField("réponse", max_length=2000, blank=True)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    raised_on = models.DateField("remonté le")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "besoin du territoire"
        verbose_name_plural = "besoins des territoires"
        ordering = ["-raised_on", "territory__name"]

    def __str__(self):
        return f"{self.territory} — {self.text[:60]}"

    @property
    def agenda_line(self) -> str:
        text = " ".join(self.text.split())  # one line of the agenda
        return f"Besoin du territoire {self.territory.name} ({self.get_theme_display().lower()}) : {text}"
