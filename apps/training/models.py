"""Jobs (ROME 4.0), the training offer imported from LHEO feeds, and the funding schemes kept by the Région."""

from django.db import models
from simple_history.models import HistoricalRecords

from apps.core.text import normalize


class Sector(models.Model):
    """A NAF sector grouping ROME jobs (France Travail's table)."""

    code = models.CharField("code", max_length=4, primary_key=True)
    label = models.CharField("libellé", max_length=200)

    class Meta:
        verbose_name = "secteur"
        ordering = ["label"]

    def __str__(self):
        return self.label


class Job(models.Model):
    """A ROME job sheet (fiche métier): code, label, the sectors it is found in."""

    code = models.CharField("code ROME", max_length=5, primary_key=True)
    label = models.CharField("libellé", max_length=200)
    label_search = models.CharField(max_length=200, db_index=True, editable=False)
    domain = models.CharField("domaine professionnel", max_length=3)
    version = models.CharField("version du ROME", max_length=10, default="4.0")
    sectors = models.ManyToManyField(Sector, related_name="jobs", blank=True)

    class Meta:
        verbose_name = "métier"
        ordering = ["label"]

    def __str__(self):
        return f"{self.label} ({self.code})"

    def save(self, *args, **kwargs):
        self.label_search = normalize(self.label)
        super().save(*args, **kwargs)


class TrainingOffer(models.Model):
    """One import of an LHEO feed (the whole offer of the Carif-Oref): its source, progress and outcome."""

    class State(models.TextChoices):
        QUEUED = "queued", "En attente"
        RUNNING = "running", "En cours"
        DONE = "done", "Importé"
        FAILED = "failed", "Refusé"

    source = models.CharField("source", max_length=500)
    state = models.CharField("état", max_length=10, choices=State.choices, default=State.QUEUED)
    created_at = models.DateTimeField("demandé le", auto_now_add=True)
    finished_at = models.DateTimeField("terminé le", null=True, blank=True)
    by = models.ForeignKey(
        "accounts.User", verbose_name="par", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    file = models.FileField("fichier", upload_to="lheo/", blank=True)
    progress = models.PositiveIntegerField("formations lues", default=0)
    expected = models.PositiveIntegerField("formations attendues", default=0)
    trainings = models.PositiveIntegerField("actions importées", default=0)
    sessions = models.PositiveIntegerField("sessions importées", default=0)
    errors = models.JSONField("erreurs", default=list, blank=True)

    class Meta:
        verbose_name = "import de l'offre de formation"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Import du {self.created_at:%d/%m/%Y %H:%M} ({self.get_state_display()})"

    @property
    def percent(self) -> int:
        if self.state == self.State.DONE:
            return 100
        return min(99, round(100 * self.progress / self.expected)) if self.expected else 0


class TrainingProvider(models.Model):
    """An organisme de formation, named by its SIRET in the feed."""

    siret = models.CharField("SIRET", max_length=14, unique=True)
    name = models.CharField("nom", max_length=250)
    activity_number = models.CharField("numéro de déclaration d'activité", max_length=20, blank=True)
    commune_name = models.CharField("commune", max_length=100, blank=True)

    class Meta:
        verbose_name = "organisme de formation"
        ordering = ["name"]

    def __str__(self):
        return self.name


class TeachingMode(models.IntegerChoices):
    """LHEO `modalites-enseignement`."""

    IN_PERSON = 0, "En présentiel"
    MIXED = 1, "En partie à distance"
    REMOTE = 2, "Entièrement à distance"


# LHEO code-niveau-sortie (2019 nomenclature, codes 11 to 18 = levels 1 to 8; older codes kept as given).
LEVELS = {
    "11": "Niveau 1 (savoirs de base)",
    "12": "Niveau 2 (savoirs de base)",
    "13": "Niveau 3 (CAP, BEP)",
    "14": "Niveau 4 (baccalauréat)",
    "15": "Niveau 5 (bac + 2 : BTS, DEUST)",
    "16": "Niveau 6 (bac + 3 ou 4 : licence, BUT)",
    "17": "Niveau 7 (bac + 5 : master)",
    "18": "Niveau 8 (doctorat)",
}


def financer_key(codes) -> str:
    return f" {' '.join(codes)} " if codes else ""


class Training(models.Model):
    """An LHEO action de formation, with what its formation says (title, codes, certification, provider)."""

    formation_id = models.CharField("numéro de la formation", max_length=100, db_index=True)
    action_id = models.CharField("numéro de l'action", max_length=100, unique=True)
    title = models.CharField("intitulé", max_length=255)
    objective = models.TextField("objectif", blank=True)
    content = models.TextField("contenu", blank=True)
    search_text = models.TextField(editable=False, blank=True)
    certifying = models.BooleanField("certifiante", default=False)
    rncp_code = models.CharField("code RNCP", max_length=10, blank=True)
    formacode = models.CharField("Formacode principal", max_length=5, blank=True, db_index=True)
    formacode_version = models.CharField("version du Formacode", max_length=10, blank=True)
    formacode_domain = models.CharField("domaine Formacode", max_length=2, blank=True, db_index=True)
    level = models.CharField("niveau de sortie (code LHEO)", max_length=2, blank=True, db_index=True)
    teaching_mode = models.PositiveSmallIntegerField("modalités d'enseignement", choices=TeachingMode.choices)
    alternance = models.BooleanField("en alternance", default=False)
    hours = models.PositiveIntegerField("nombre d'heures", null=True, blank=True)
    cost_eur = models.DecimalField("prix total TTC (€)", max_digits=9, decimal_places=2, null=True, blank=True)
    funding_possible = models.BooleanField("prise en charge des frais possible", default=False)
    financer_codes = models.JSONField("financeurs (codes LHEO)", default=list, blank=True)
    financer_key = models.CharField(max_length=100, blank=True, editable=False)  # " 2 4 ": searchable everywhere
    url = models.URLField("adresse de la fiche", max_length=400, blank=True)
    provider = models.ForeignKey(TrainingProvider, on_delete=models.PROTECT, related_name="trainings")
    offer = models.ForeignKey(TrainingOffer, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = "action de formation"
        verbose_name_plural = "actions de formation"
        ordering = ["title", "pk"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.financer_key = financer_key(self.financer_codes)
        super().save(*args, **kwargs)

    @property
    def level_label(self) -> str:
        return LEVELS.get(self.level, "")


class TrainingRome(models.Model):
    """A ROME code a training leads to, with the ROME version the feed gave."""

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="romes")
    code = models.CharField("code ROME", max_length=5, db_index=True)
    version = models.CharField("version", max_length=10, blank=True)

    class Meta:
        verbose_name = "code ROME d'une formation"
        constraints = [models.UniqueConstraint(fields=["training", "code"], name="training_rome_once")]

    def __str__(self):
        return f"{self.code} ({self.version})" if self.version else self.code


class TrainingSession(models.Model):
    """A session of an action: its dates and where it takes place (coordinates for the distance)."""

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="sessions")
    session_id = models.CharField("numéro de la session", max_length=100)
    start = models.DateField("début", db_index=True)
    end = models.DateField("fin", null=True, blank=True)
    commune = models.ForeignKey(
        "geo.Commune", null=True, blank=True, on_delete=models.SET_NULL, related_name="training_sessions"
    )
    commune_code = models.CharField("code INSEE", max_length=5, blank=True)
    town = models.CharField("ville", max_length=100, blank=True)
    address = models.CharField("adresse", max_length=250, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    place = models.ForeignKey(
        "TrainingPlace", null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions", editable=False
    )

    class Meta:
        verbose_name = "session de formation"
        ordering = ["start", "pk"]
        indexes = [models.Index(fields=["latitude", "longitude"], name="training_session_coords")]

    def __str__(self):
        return f"{self.training} — {self.start:%d/%m/%Y}"


class TrainingPlace(models.Model):
    """Where a training is held and the start of its next session there: one row per training and place.

    Written by the import (services.index_offer for rows made otherwise), read by the search: a few
    thousand rows with the training's searchable columns copied, instead of every session joined to its
    training. `next_start` is the first start on or after the day it was computed; the search moves it on
    (selectors.refresh_next_starts) once that session has begun, and leaves it empty when none is to come.
    """

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="places")
    next_start = models.DateField(null=True, blank=True, db_index=True)
    commune_code = models.CharField(max_length=5, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    # Copied from the training, so that the search filters this table alone.
    search_text = models.TextField(blank=True)
    rome_key = models.CharField(max_length=100, blank=True)  # " J1501 K1302 "
    formacode_domain = models.CharField(max_length=2, blank=True)
    level = models.CharField(max_length=2, blank=True)
    teaching_mode = models.PositiveSmallIntegerField(choices=TeachingMode.choices)
    certifying = models.BooleanField(default=False)
    alternance = models.BooleanField(default=False)
    financer_key = models.CharField(max_length=100, blank=True)

    class Meta:
        verbose_name = "lieu d'une formation"
        indexes = [models.Index(fields=["latitude", "longitude"], name="training_place_coords")]

    def __str__(self):
        return f"{self.training} — {self.commune_code}"


class FundingScheme(models.Model):
    """Who may pay for a training, for whom: data kept by the Région (never in code), versioned.

    Person side: statuses (empty: any), ages, disability. Training side: certifying only, alternance
    only, and the LHEO financer codes one of which the training must list (empty: any).
    """

    code = models.SlugField("code", max_length=40, unique=True)
    name = models.CharField("nom", max_length=150)
    funder = models.CharField("financeur", max_length=150)
    description = models.TextField("en quelques mots")
    url = models.URLField("pour en savoir plus", blank=True)
    statuses = models.ManyToManyField("directory.Status", verbose_name="situations", blank=True, related_name="+")
    age_min = models.PositiveSmallIntegerField("âge minimum", null=True, blank=True)
    age_max = models.PositiveSmallIntegerField("âge maximum", null=True, blank=True)
    disability_only = models.BooleanField("réservé aux personnes en situation de handicap", default=False)
    certifying_only = models.BooleanField("formations certifiantes seulement", default=False)
    alternance_only = models.BooleanField("formations en alternance seulement", default=False)
    financer_codes = models.JSONField(
        "codes financeurs LHEO (l'un d'eux doit figurer sur la formation ; vide : toutes)", default=list, blank=True
    )
    is_active = models.BooleanField("en vigueur", default=True)
    position = models.PositiveSmallIntegerField("ordre d'affichage", default=100)
    history = HistoricalRecords(m2m_fields=[statuses])

    class Meta:
        verbose_name = "dispositif de financement"
        verbose_name_plural = "dispositifs de financement"
        ordering = ["position", "name"]

    def __str__(self):
        return self.name
