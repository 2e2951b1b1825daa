"""Conventions of a territory for one civil year, their signatories and their amendments (avenants)."""

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from .common import FIRST_YEAR, LAST_YEAR, document_validators


class Convention(models.Model):
    """The convention of implementation of the SPRO in one territory, for one civil year."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Brouillon"
        SENT = "sent", "Envoyée pour signature"
        SIGNED = "signed", "Signée par tous"
        IN_FORCE = "in_force", "En vigueur"
        EXPIRED = "expired", "Expirée"

    territory = models.ForeignKey(
        "geo.Territory", on_delete=models.PROTECT, related_name="conventions", verbose_name="territoire"
    )
    year = models.PositiveSmallIntegerField("année civile")
    start_date = models.DateField("début")
    end_date = models.DateField("fin")
    status = models.CharField("état", max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    sent_on = models.DateField("envoyée pour signature le", null=True, blank=True)
    signed_on = models.DateField(
        "signée par tous le", null=True, blank=True, help_text="Date de réception de la dernière signature."
    )
    signed_document = models.FileField(
        "convention signée (fichier)",
        upload_to="network/conventions/%Y/",
        blank=True,
        validators=document_validators,
        help_text="PDF, ODT, DOC, DOCX ou image, 10 Mo au plus.",
    )
    notes = models.TextField("observations", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at", "created_at"])

    class Meta:
        verbose_name = "convention"
        ordering = ["-year", "territory__name"]
        constraints = [
            models.UniqueConstraint(fields=["territory", "year"], name="convention_unique_territory_year"),
            models.CheckConstraint(condition=models.Q(start_date__lte=models.F("end_date")), name="convention_dates"),
            models.CheckConstraint(
                condition=models.Q(year__gte=FIRST_YEAR, year__lte=LAST_YEAR), name="convention_year_range"
            ),
        ]

    def __str__(self):
        return f"Convention SPRO {self.territory} {self.year}"

    def get_absolute_url(self):
        return reverse("network:convention", args=[self.pk])

    @property
    def active_signatories(self):
        return self.signatories.filter(removed_on__isnull=True)

    @property
    def is_signed(self) -> bool:
        return self.status in {self.Status.SIGNED, self.Status.IN_FORCE, self.Status.EXPIRED}


class Amendment(models.Model):
    """An avenant: adds or removes partners, or changes the dates; signed by every party."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Brouillon"
        SENT = "sent", "Envoyé pour signature"
        SIGNED = "signed", "Signé par tous et appliqué"

    convention = models.ForeignKey(Convention, on_delete=models.CASCADE, related_name="amendments")
    number = models.PositiveSmallIntegerField("numéro")
    subject = models.TextField("objet", max_length=2000)
    new_start_date = models.DateField("nouvelle date de début", null=True, blank=True)
    new_end_date = models.DateField("nouvelle date de fin", null=True, blank=True)
    status = models.CharField("état", max_length=10, choices=Status.choices, default=Status.DRAFT)
    sent_on = models.DateField("envoyé pour signature le", null=True, blank=True)
    signed_on = models.DateField("signé par tous le", null=True, blank=True)
    signed_document = models.FileField(
        "avenant signé (fichier)",
        upload_to="network/avenants/%Y/",
        blank=True,
        validators=document_validators,
        help_text="PDF, ODT, DOC, DOCX ou image, 10 Mo au plus.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        verbose_name = "avenant"
        ordering = ["convention", "number"]
        constraints = [models.UniqueConstraint(fields=["convention", "number"], name="amendment_unique_number")]

    def __str__(self):
        return f"Avenant n° {self.number} à la {self.convention}"

    def get_absolute_url(self):
        return reverse("network:amendment", args=[self.pk])


class Signatory(models.Model):
    """A structure party to a convention: member or resource partner, with its signature date."""

    class Role(models.TextChoices):
        MEMBER = "member", "Membre"
        RESOURCE_PARTNER = "resource_partner", "Partenaire ressource"

    convention = models.ForeignKey(Convention, on_delete=models.CASCADE, related_name="signatories")
    structure = models.ForeignKey(
        "directory.Structure", on_delete=models.PROTECT, related_name="signatures", verbose_name="structure"
    )
    role = models.CharField("qualité", max_length=20, choices=Role.choices, default=Role.MEMBER)
    signed_on = models.DateField("signée le", null=True, blank=True)
    added_by = models.ForeignKey(
        Amendment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="added_signatories",
        verbose_name="ajoutée par l'avenant",
    )
    removed_by = models.ForeignKey(
        Amendment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="removed_signatories",
        verbose_name="retirée par l'avenant",
    )
    removed_on = models.DateField("retirée le", null=True, blank=True)
    last_reminder_at = models.DateTimeField("dernière relance", null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["last_reminder_at"])

    class Meta:
        verbose_name = "signataire"
        ordering = ["structure__name"]
        constraints = [
            models.UniqueConstraint(fields=["convention", "structure"], name="signatory_unique_structure"),
        ]

    def __str__(self):
        return f"{self.structure} ({self.get_role_display()})"

    @property
    def is_active(self) -> bool:
        return self.removed_on is None


class AmendmentChange(models.Model):
    """One partner added to or removed from the convention by an amendment."""

    class Action(models.TextChoices):
        ADD = "add", "Ajout d'un partenaire"
        REMOVE = "remove", "Retrait d'un partenaire"

    amendment = models.ForeignKey(Amendment, on_delete=models.CASCADE, related_name="changes")
    action = models.CharField("modification", max_length=10, choices=Action.choices)
    structure = models.ForeignKey("directory.Structure", on_delete=models.PROTECT, verbose_name="structure")
    role = models.CharField("qualité", max_length=20, choices=Signatory.Role.choices, default=Signatory.Role.MEMBER)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "modification de partenaire"
        verbose_name_plural = "modifications de partenaires"
        ordering = ["action", "structure__name"]
        constraints = [models.UniqueConstraint(fields=["amendment", "structure"], name="amendment_change_unique")]

    def __str__(self):
        return f"{self.get_action_display()} : {self.structure}"


class AmendmentSignature(models.Model):
    """The signature of one party on an amendment."""

    amendment = models.ForeignKey(Amendment, on_delete=models.CASCADE, related_name="signatures")
    structure = models.ForeignKey("directory.Structure", on_delete=models.PROTECT, verbose_name="structure")
    signed_on = models.DateField("signé le", null=True, blank=True)
    last_reminder_at = models.DateTimeField("dernière relance", null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["last_reminder_at"])

    class Meta:
        verbose_name = "signature d'avenant"
        verbose_name_plural = "signatures d'avenant"
        ordering = ["structure__name"]
        constraints = [
            models.UniqueConstraint(fields=["amendment", "structure"], name="amendment_signature_unique"),
        ]

    def __str__(self):
        return f"{self.structure} — {self.amendment}"
