"""The regional synthesis: reminders of annual reports, and the yearly barometer of the territories' members."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from .common import FIRST_YEAR, LAST_YEAR


class ReportReminder(models.Model):
    """The Region reminded a territory's coordination that its annual report is awaited."""

    territory = models.ForeignKey("geo.Territory", on_delete=models.CASCADE, related_name="report_reminders")
    year = models.PositiveSmallIntegerField("année du bilan")
    sent_at = models.DateTimeField("relance envoyée le")
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        verbose_name = "relance de bilan"
        verbose_name_plural = "relances de bilans"
        ordering = ["-sent_at"]

    def __str__(self):
        return f"Relance du bilan {self.year} — {self.territory}"


class Barometer(models.Model):
    """The yearly « baromètre des attentes et besoins du territoire », sent to the members of every territory."""

    year = models.PositiveSmallIntegerField("année", unique=True)
    opens_on = models.DateField("ouvert le")
    closes_on = models.DateField("clos le")
    sent_at = models.DateTimeField("invitations envoyées le", null=True, blank=True)

    class Meta:
        verbose_name = "baromètre des attentes"
        verbose_name_plural = "baromètres des attentes"
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(condition=models.Q(opens_on__lte=models.F("closes_on")), name="barometer_dates"),
            models.CheckConstraint(
                condition=models.Q(year__gte=FIRST_YEAR, year__lte=LAST_YEAR), name="barometer_year_range"
            ),
        ]

    def __str__(self):
        return f"Baromètre des attentes {self.year}"


class BarometerParticipation(models.Model):
    """Who answered (to answer once), kept apart from the answers, which name no one."""

    barometer = models.ForeignKey(Barometer, on_delete=models.CASCADE, related_name="participations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["barometer", "user"], name="barometer_answer_once")]

    def __str__(self):
        return f"Participation au {self.barometer}"


class BarometerResponse(models.Model):
    """One anonymous answer: the territory, the two scales, the needs ticked and two short texts."""

    barometer = models.ForeignKey(Barometer, on_delete=models.CASCADE, related_name="responses")
    territory = models.ForeignKey("geo.Territory", on_delete=models.PROTECT, related_name="+")
    meets_expectations = models.PositiveSmallIntegerField(
        "le SPRO local répond à mes attentes", validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    knows_partners = models.PositiveSmallIntegerField(
        "je connais les autres structures du SPRO de mon territoire",
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    needs = models.JSONField("besoins prioritaires", default=list, blank=True)
    expectations_text = models.TextField("vos attentes", blank=True, max_length=1500)
    needs_text = models.TextField("vos besoins", blank=True, max_length=1500)
    submitted_on = models.DateField("répondu le")

    class Meta:
        verbose_name = "réponse au baromètre"
        verbose_name_plural = "réponses au baromètre"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(meets_expectations__gte=1, meets_expectations__lte=5)
                & models.Q(knows_partners__gte=1, knows_partners__lte=5),
                name="barometer_scales_1_to_5",
            )
        ]

    def __str__(self):
        return f"Réponse au {self.barometer} ({self.territory})"
