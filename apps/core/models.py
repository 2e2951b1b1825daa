from django.db import models


class RegionStamp(models.Model):
    """The Région whose data this database holds: written by the first load of a region pack (one row)."""

    code = models.CharField("code de la région", max_length=3)
    name = models.CharField("nom de la région", max_length=100)
    loaded_at = models.DateTimeField("premier chargement", auto_now_add=True)

    class Meta:
        verbose_name = "région de la base"

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"
