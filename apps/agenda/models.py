"""The public events calendar: events open to the public (forums de l'orientation, open days, public SPRO
forums), first doors to the SPRO for the people who come (seeds 000 and 002). Kept apart from the
professionals' support programme (apps/programme): no registration, no attendance, no survey.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import formats, timezone


class PublicEvent(models.Model):
    class Kind(models.TextChoices):
        ORIENTATION_FORUM = "orientation_forum", "Forum de l'orientation"
        SPRO_FORUM = "spro_forum", "Forum SPRO ouvert au public"
        OPEN_DAY = "open_day", "Portes ouvertes"
        JOB_FAIR = "job_fair", "Salon de l'emploi et des métiers"
        INFO_SESSION = "info_session", "Réunion d'information"

    class Audience(models.TextChoices):
        ALL = "all", "Tout public"
        PUPILS = "pupils", "Collégien·nes, lycéen·nes, étudiant·es et leurs familles"
        YOUNG = "young", "Jeunes de 16 à 25 ans"
        JOBSEEKERS = "jobseekers", "Demandeur·ses d'emploi"
        WORKERS = "workers", "Salarié·es et personnes en reconversion"

    title = models.CharField("intitulé", max_length=200)
    kind = models.CharField("type d'événement", max_length=20, choices=Kind.choices)
    audience = models.CharField("public", max_length=20, choices=Audience.choices, default=Audience.ALL)
    starts_at = models.DateTimeField("début", db_index=True)
    ends_at = models.DateTimeField("fin")
    territory = models.ForeignKey(
        "geo.Territory", on_delete=models.PROTECT, related_name="public_events", verbose_name="territoire SPRO"
    )
    place = models.ForeignKey(
        "directory.Place",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="public_events",
        verbose_name="lieu de l'annuaire",
    )
    address = models.CharField("adresse", max_length=250, blank=True)
    commune = models.ForeignKey(
        "geo.Commune", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="commune"
    )
    description = models.TextField("présentation", max_length=4000)
    link = models.URLField("lien vers le site de l'événement", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "événement public"
        verbose_name_plural = "événements publics"
        ordering = ["starts_at", "title"]
        constraints = [models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="event_ends")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("agenda:event", args=[self.pk])

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    @property
    def day_label(self) -> str:
        """« jeudi 14 janvier 2027 », « vendredi 1er octobre 2027 »."""
        day = timezone.localtime(self.starts_at)
        label = formats.date_format(day, "l j F Y")
        return label.replace(" 1 ", " 1er ", 1) if day.day == 1 else label

    @property
    def hours_label(self) -> str:
        """« 9 h 30 – 17 h » (a non-breaking space inside each time: a time never wraps)."""
        return f"{_time(self.starts_at)} – {_time(self.ends_at)}"

    @property
    def where_commune(self):
        """The commune of the event: its place's, or the one typed with the address."""
        return self.place.commune if self.place_id else self.commune

    @property
    def location_label(self) -> str:
        """One line for the list, the page and the calendar file: place, address, postal code and commune."""
        if self.place_id:
            place = self.place
            return f"{place.name}, {place.address}, {place.postal_code} {place.commune.name}"
        commune = self.commune.name if self.commune_id else ""
        return ", ".join(part for part in (self.address, commune) if part)


def _time(moment) -> str:
    local = timezone.localtime(moment)
    return f"{local.hour}\u00a0h" + (f"\u00a0{local.minute:02d}" if local.minute else "")
