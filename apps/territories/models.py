"""Territory panoramas kept by month, the coverage of each commune, figures imported from outside, documents.

- `CoverageRun` and `CommuneCoverage`: for one month, the distance from every commune to the nearest public
  place of each key network (networks.py), computed from the directory by `services.refresh_month`.
- `TerritoryPanorama`: the figures of one territory (or of the Région, territory empty) for one month, as
  computed then; a month that has ended is never recomputed, so a committee reopens what it saw.
- `SeriesImport` and `SeriesValue`: series the Région holds (INSEE, Dares, ORFE…), imported as CSV.
- `TerritoryDocument` and `DocumentVersion`: the diagnostics and panoramas of a territory, versioned.
"""

from django.conf import settings
from django.db import models

from apps.core.uploads import validate_document_content


class CoverageRun(models.Model):
    """One computation of the coverage of a month (the last one of the month is the one kept)."""

    month = models.DateField("mois (premier jour)", unique=True)
    computed_at = models.DateTimeField("calculé le")
    duration_ms = models.PositiveIntegerField("durée (ms)", default=0)
    communes = models.PositiveIntegerField("communes", default=0)
    places = models.JSONField("lieux pris en compte par réseau", default=dict)

    class Meta:
        verbose_name = "calcul de la couverture"
        verbose_name_plural = "calculs de la couverture"
        ordering = ["-month"]

    def __str__(self):
        return f"Couverture {self.month:%Y-%m}"


class CommuneCoverage(models.Model):
    """Distance (km) from a commune to the nearest public place of each key network, and which place.

    `distances` and `nearest` are {network key: km} and {network key: place id}; a key network without any
    place anywhere has null values.
    """

    month = models.DateField("mois (premier jour)")
    commune = models.ForeignKey("geo.Commune", on_delete=models.CASCADE, related_name="+")
    distances = models.JSONField("distance au lieu le plus proche (km) par réseau", default=dict)
    nearest = models.JSONField("lieu le plus proche par réseau", default=dict)

    class Meta:
        verbose_name = "couverture d'une commune"
        verbose_name_plural = "couverture des communes"
        constraints = [models.UniqueConstraint(fields=["month", "commune"], name="commune_coverage_unique_month")]

    def __str__(self):
        return f"{self.commune_id} {self.month:%Y-%m}"


class TerritoryPanorama(models.Model):
    """The figures of a territory (the Région when `territory` is empty) for one month."""

    month = models.DateField("mois (premier jour)")
    territory = models.ForeignKey(
        "geo.Territory", on_delete=models.CASCADE, null=True, blank=True, related_name="panoramas"
    )
    computed_at = models.DateTimeField("calculé le")
    figures = models.JSONField("chiffres", default=dict)

    class Meta:
        verbose_name = "panorama de territoire"
        verbose_name_plural = "panoramas de territoire"
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(
                fields=["month", "territory"],
                condition=models.Q(territory__isnull=False),
                name="territory_panorama_unique_month",
            ),
            models.UniqueConstraint(
                fields=["month"], condition=models.Q(territory__isnull=True), name="region_panorama_unique_month"
            ),
        ]

    def __str__(self):
        return f"Panorama {self.territory or 'Région'} {self.month:%Y-%m}"


class SeriesImport(models.Model):
    """One CSV file of series imported by the Région (all its lines, or none)."""

    imported_at = models.DateTimeField("importé le")
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    filename = models.CharField("fichier", max_length=200)
    rows = models.PositiveIntegerField("lignes", default=0)

    class Meta:
        verbose_name = "import de séries"
        verbose_name_plural = "imports de séries"
        ordering = ["-imported_at"]

    def __str__(self):
        return f"{self.filename} ({self.imported_at:%d/%m/%Y})"


class SeriesValue(models.Model):
    """One value of an outside series for a territory or a commune and a period."""

    class Area(models.TextChoices):
        TERRITORY = "territory", "Territoire SPRO"
        COMMUNE = "commune", "Commune"

    series = models.CharField("série", max_length=80, db_index=True)
    area_kind = models.CharField("type de zone", max_length=10, choices=Area.choices)
    area_code = models.CharField("code de la zone", max_length=60)
    period = models.CharField("période", max_length=10)
    value = models.DecimalField("valeur", max_digits=18, decimal_places=4)
    unit = models.CharField("unité", max_length=40)
    source = models.CharField("source", max_length=200)
    licence = models.CharField("licence", max_length=100)
    imported = models.ForeignKey(SeriesImport, on_delete=models.CASCADE, related_name="values")

    class Meta:
        verbose_name = "valeur d'une série"
        verbose_name_plural = "valeurs des séries"
        ordering = ["series", "area_code", "period"]
        constraints = [
            models.UniqueConstraint(fields=["series", "area_kind", "area_code", "period"], name="series_value_unique")
        ]
        indexes = [models.Index(fields=["area_kind", "area_code"], name="series_value_area_idx")]

    def __str__(self):
        return f"{self.series} {self.area_code} {self.period}: {self.value} {self.unit}"


def document_upload_to(instance, filename):
    return f"territoires/documents/{instance.document.territory.code}/{filename}"


def validate_pdf_size(upload) -> None:
    from django.core.exceptions import ValidationError

    if upload and upload.size > 10 * 1024 * 1024:
        raise ValidationError("Le fichier dépasse 10 Mo.")


class TerritoryDocument(models.Model):
    """A diagnostic or a panorama of a territory (a PDF), whose versions are all kept."""

    class Kind(models.TextChoices):
        DIAGNOSTIC = "diagnostic", "Diagnostic de territoire"
        PANORAMA = "panorama", "Panorama de territoire"

    territory = models.ForeignKey("geo.Territory", on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField("type", max_length=12, choices=Kind.choices)
    title = models.CharField("titre", max_length=200)
    created_at = models.DateTimeField("créé le")

    class Meta:
        verbose_name = "document de territoire"
        verbose_name_plural = "documents de territoire"
        ordering = ["territory", "kind", "title"]
        constraints = [
            models.UniqueConstraint(fields=["territory", "kind", "title"], name="territory_document_unique_title")
        ]

    def __str__(self):
        return self.title

    @property
    def latest(self):
        return self.versions.order_by("-number").first()


class DocumentVersion(models.Model):
    document = models.ForeignKey(TerritoryDocument, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("version")
    file = models.FileField(
        "fichier PDF",
        upload_to=document_upload_to,
        validators=[validate_pdf_size, validate_document_content],
    )
    uploaded_at = models.DateTimeField("déposé le")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    author_name = models.CharField("déposé par", max_length=150)
    note = models.CharField("ce qui change", max_length=300, blank=True)

    class Meta:
        verbose_name = "version d'un document"
        verbose_name_plural = "versions des documents"
        ordering = ["document", "-number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="document_version_unique_number")]

    def __str__(self):
        return f"{self.document.title} v{self.number}"
