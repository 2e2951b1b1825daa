"""Pre-aggregated monthly counts the dashboards read, and the anonymous counter of assistant searches.

The dashboards never read receptions or referrals row by row: `refresh.refresh_indicators()` rebuilds
`MonthlyStat` from them (command `refresh_indicators`, run by the scheduled jobs). A regional dashboard
over twelve months reads about 150 structures × 12 months × 4 sources rows, whatever the activity.
"""

from django.db import models


class MonthlyStat(models.Model):
    """Every count of one month for one structure and one source, as {dimension: {value: n}}.

    Sources: "receptions" (first receptions of the structure), "sent" and "received" (referrals sent in
    that month by / to the structure, with the steps they reached and the days each step took), "pairs"
    (referrals from the structure to each receiver: {"to": {receiver id: n}}). Counts of people only.

    Rows of one month (`months` = 1) serve any period; rows of twelve months (civil years and the last
    twelve months, built by the same refresh) serve those periods twelve times faster, with an extra
    dimension "month" → {"AAAA-MM": total} for the month-by-month table.
    """

    class Source(models.TextChoices):
        RECEPTIONS = "receptions", "Premiers accueils"
        SENT = "sent", "Fiches navettes envoyées"
        RECEIVED = "received", "Fiches navettes reçues"
        PAIRS = "pairs", "Fiches navettes par destinataire"

    month = models.DateField("premier mois (premier jour)")
    months = models.PositiveSmallIntegerField("nombre de mois", default=1)
    structure = models.ForeignKey("directory.Structure", on_delete=models.CASCADE, related_name="+")
    source = models.CharField("source", max_length=12, choices=Source.choices)
    counts = models.JSONField("effectifs par dimension", default=dict)

    class Meta:
        verbose_name = "agrégat mensuel"
        verbose_name_plural = "agrégats mensuels"
        constraints = [
            models.UniqueConstraint(
                fields=["source", "months", "month", "structure"], name="monthly_stat_unique_source_month"
            )
        ]
        indexes = [models.Index(fields=["structure", "source", "months", "month"], name="monthly_stat_structure_idx")]

    def __str__(self):
        return f"{self.month:%Y-%m} ({self.months} mois) {self.source} {self.structure_id}"


class AssistantSearchLog(models.Model):
    """How many searches the public assistant answered, per day, theme and territory. Nothing about the person."""

    date = models.DateField("jour", db_index=True)
    theme_code = models.CharField("thème", max_length=60, blank=True)
    territory = models.ForeignKey(
        "geo.Territory", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="territoire"
    )
    count = models.PositiveIntegerField("nombre de recherches", default=0)

    class Meta:
        verbose_name = "compteur de recherches de l'assistant"
        verbose_name_plural = "compteurs de recherches de l'assistant"
        ordering = ["-date"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.theme_code or '—'}: {self.count}"


class RefreshRun(models.Model):
    """One rebuild of the monthly tables: when, how long, how many rows."""

    started_at = models.DateTimeField("commencé le")
    finished_at = models.DateTimeField("terminé le")
    since = models.DateField("recalculé à partir du mois", null=True, blank=True)
    duration_ms = models.PositiveIntegerField("durée (ms)")
    rows = models.PositiveIntegerField("lignes écrites")
    windows = models.JSONField("périodes de 12 mois précalculées (premiers mois AAAA-MM)", default=list)

    class Meta:
        verbose_name = "calcul des indicateurs"
        verbose_name_plural = "calculs des indicateurs"
        ordering = ["-finished_at"]
        get_latest_by = "finished_at"

    def __str__(self):
        return f"Calcul du {self.finished_at:%d/%m/%Y %H:%M}"
