from django.db import models

from apps.core.text import normalize


class Region(models.Model):
    code = models.CharField("code INSEE", max_length=3, primary_key=True)
    name = models.CharField("nom", max_length=100)

    class Meta:
        verbose_name = "région"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Departement(models.Model):
    code = models.CharField("code INSEE", max_length=3, primary_key=True)
    name = models.CharField("nom", max_length=100)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="departements")

    class Meta:
        verbose_name = "département"
        ordering = ["code"]

    def __str__(self):
        return f"{self.name} ({self.code})"


class Commune(models.Model):
    code = models.CharField("code INSEE", max_length=5, primary_key=True)
    name = models.CharField("nom", max_length=100)
    name_search = models.CharField(max_length=100, db_index=True, editable=False)
    postal_codes = models.CharField("codes postaux", max_length=200, blank=True, db_index=True)
    departement = models.ForeignKey(Departement, on_delete=models.PROTECT, related_name="communes")
    population = models.PositiveIntegerField(null=True, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

    class Meta:
        verbose_name = "commune"
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.main_postal_code or self.code})"

    def save(self, *args, **kwargs):
        self.name_search = normalize(self.name)
        super().save(*args, **kwargs)

    @property
    def main_postal_code(self) -> str:
        return self.postal_codes.split(" ")[0] if self.postal_codes else ""

    @property
    def label(self) -> str:
        return f"{self.name} ({self.main_postal_code})" if self.postal_codes else self.name


class Territory(models.Model):
    """A SPRO territory: the area a convention and a coordinator cover."""

    class Kind(models.TextChoices):
        REGION = "region", "Région"
        DEPARTEMENT = "departement", "Département"
        BASSIN = "bassin", "Bassin"

    code = models.SlugField("code", max_length=60, unique=True)
    name = models.CharField("nom", max_length=150)
    kind = models.CharField("type", max_length=20, choices=Kind.choices)
    departement = models.ForeignKey(
        Departement, on_delete=models.PROTECT, null=True, blank=True, related_name="territories"
    )
    seats = models.ManyToManyField(Commune, related_name="seat_of", verbose_name="villes sièges")
    communes = models.ManyToManyField(Commune, related_name="territories", blank=True)

    class Meta:
        verbose_name = "territoire SPRO"
        verbose_name_plural = "territoires SPRO"
        ordering = ["departement_id", "name"]

    def __str__(self):
        return self.name
