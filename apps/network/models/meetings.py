"""Local coordination committees and the regional coordinators' meetings: members, meetings, attendance."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from .common import document_validators


class Committee(models.Model):
    """A local coordination committee (one per territory), the regional meeting of coordinators or the COTECH SPRO."""

    class Kind(models.TextChoices):
        LOCAL = "local", "Comité de coordination locale"
        REGIONAL = "regional", "Réunion régionale des coordinateur·rices"
        COTECH = "cotech", "COTECH SPRO (groupe de travail régional)"

    kind = models.CharField("type", max_length=10, choices=Kind.choices, default=Kind.LOCAL)
    territory = models.ForeignKey(
        "geo.Territory",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="committees",
        verbose_name="territoire",
    )
    name = models.CharField("nom", max_length=200)

    class Meta:
        verbose_name = "comité"
        ordering = ["kind", "territory__name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="local", territory__isnull=False)
                | models.Q(kind__in=["regional", "cotech"], territory__isnull=True),
                name="committee_local_has_territory",
            ),
            models.UniqueConstraint(
                fields=["territory"], condition=models.Q(kind="local"), name="committee_one_local_per_territory"
            ),
            models.UniqueConstraint(fields=["kind"], condition=models.Q(kind="cotech"), name="committee_one_cotech"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("network:committee", args=[self.pk])


class CommitteeMember(models.Model):
    """A structure sitting on a committee, with its representative (a professional, not the public)."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="members")
    structure = models.ForeignKey("directory.Structure", on_delete=models.CASCADE, verbose_name="structure")
    representative_name = models.CharField("représentant·e", max_length=150, blank=True)
    representative_role = models.CharField("fonction", max_length=150, blank=True)
    representative_email = models.EmailField("e-mail du ou de la représentant·e", blank=True)

    class Meta:
        verbose_name = "membre du comité"
        verbose_name_plural = "membres du comité"
        ordering = ["structure__name"]
        constraints = [models.UniqueConstraint(fields=["committee", "structure"], name="committee_member_unique")]

    def __str__(self):
        return f"{self.structure} — {self.representative_name or 'représentant·e à désigner'}"


class Meeting(models.Model):
    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="meetings")
    title = models.CharField("intitulé", max_length=200)
    starts_at = models.DateTimeField("début")
    ends_at = models.DateTimeField("fin", null=True, blank=True)
    place = models.CharField("lieu", max_length=250)
    agenda = models.TextField("ordre du jour", help_text="Un point par ligne.")
    minutes = models.TextField("compte rendu", blank=True)
    minutes_file = models.FileField(
        "compte rendu (fichier)",
        upload_to="network/comptes-rendus/%Y/",
        blank=True,
        validators=document_validators,
        help_text="Facultatif : PDF, ODT, DOC, DOCX ou image, 10 Mo au plus.",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "réunion"
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True) | models.Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.starts_at:%d/%m/%Y})"

    def get_absolute_url(self):
        return reverse("network:meeting", args=[self.pk])

    @property
    def agenda_items(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.agenda.splitlines() if line.strip(" -•\t")]


class Attendance(models.Model):
    """One person's attendance at a meeting (a committee representative, a coordinator or a guest)."""

    class Presence(models.TextChoices):
        PRESENT = "present", "Présent·e"
        EXCUSED = "excused", "Excusé·e"
        ABSENT = "absent", "Absent·e"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    name = models.CharField("nom", max_length=150)
    structure = models.ForeignKey(
        "directory.Structure", on_delete=models.SET_NULL, null=True, blank=True, verbose_name="structure"
    )
    organisation = models.CharField("organisme", max_length=200, blank=True)
    note = models.CharField("qualité", max_length=200, blank=True)
    presence = models.CharField("présence", max_length=10, choices=Presence.choices, default=Presence.PRESENT)
    is_guest = models.BooleanField("invité·e", default=False)

    class Meta:
        verbose_name = "présence"
        ordering = ["is_guest", "name"]

    def __str__(self):
        return f"{self.name} ({self.get_presence_display()})"

    @property
    def organisation_label(self) -> str:
        return self.structure.name if self.structure_id else self.organisation


class Decision(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField("décision", max_length=1000)
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "décision"
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text[:80]
