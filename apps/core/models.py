"""The tables of the shared tools: who runs the scheduled jobs (apps/core/jobs.py), which Région the database holds."""

from django.db import models


class JobLease(models.Model):
    """A named lease: one runner of the scheduled jobs at a time, across processes and servers.

    A row, not an advisory lock, so that it works the same on SQLite and PostgreSQL; a lease, not a lock
    held in an open transaction, so that the jobs' own transactions (and SQLite's single writer) are free.
    A runner that dies leaves a lease that expires, and another runner takes over.
    """

    name = models.CharField(max_length=100, primary_key=True)
    holder = models.CharField(max_length=100, blank=True)
    expires_at = models.DateTimeField()

    def __str__(self):
        return f"{self.name} : {self.holder or '—'} jusqu'à {self.expires_at:%Y-%m-%d %H:%M:%S}"


class RegionStamp(models.Model):
    """The Région whose data this database holds: written by the first load of a region pack (one row)."""

    code = models.CharField("code de la région", max_length=3)
    name = models.CharField("nom de la région", max_length=100)
    loaded_at = models.DateTimeField("premier chargement", auto_now_add=True)

    class Meta:
        verbose_name = "région de la base"

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"
