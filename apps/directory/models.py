"""The offer of service: networks, structures, places, services and the three search vocabularies."""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from .opening_hours import validate_opening_hours

phone_validator = RegexValidator(
    r"^(\+33 ?|0)[1-9]([ .-]?\d{2}){4}$|^0 ?8\d{2}( ?\d{3}){2}$",
    "Saisissez un numéro de téléphone français, par exemple 02 61 91 00 00.",
)


class Vocabulary(models.Model):
    code = models.SlugField("code", max_length=60, unique=True)
    label = models.CharField("libellé", max_length=200)
    position = models.PositiveSmallIntegerField("ordre", default=0)
    is_active = models.BooleanField("actif", default=True)

    class Meta:
        abstract = True
        ordering = ["position", "label"]

    def __str__(self):
        return self.label


class Status(Vocabulary):
    """Criterion 1 of the search: the person's situation."""

    class Meta(Vocabulary.Meta):
        verbose_name = "statut de l'usager"
        verbose_name_plural = "statuts de l'usager"


class Theme(Vocabulary):
    """Criterion 2: what the question is about."""

    class Meta(Vocabulary.Meta):
        verbose_name = "thème"


class InfoType(Vocabulary):
    """Criterion 3: the kind of information or contact wanted."""

    class Meta(Vocabulary.Meta):
        verbose_name = "type d'information"
        verbose_name_plural = "types d'information"


class Network(Vocabulary):
    """The national family a structure belongs to (Missions locales, CIO…)."""

    publics = models.CharField("publics", max_length=300, blank=True)
    cep_operator = models.BooleanField("opérateur du CEP", default=False)

    class Meta(Vocabulary.Meta):
        verbose_name = "réseau"


# What the public may see, defined once: search (index), public pages, API, routing and the
# data·inclusion export all read through `public()` (or `public_q()` across a relation).
# A withdrawn structure (is_active=False) takes its places and services with it.


class StructureQuerySet(models.QuerySet):
    @staticmethod
    def public_q(prefix: str = "") -> models.Q:
        return models.Q(**{f"{prefix}is_active": True})

    def public(self):
        return self.filter(self.public_q())


class PlaceQuerySet(models.QuerySet):
    @staticmethod
    def public_q(prefix: str = "") -> models.Q:
        """An active place of an active structure."""
        return models.Q(**{f"{prefix}is_active": True}) & StructureQuerySet.public_q(f"{prefix}structure__")

    def public(self):
        return self.filter(self.public_q())


class ServiceQuerySet(models.QuerySet):
    @staticmethod
    def public_q(prefix: str = "") -> models.Q:
        """An active service of an active structure (its places are filtered with PlaceQuerySet)."""
        return models.Q(**{f"{prefix}is_active": True}) & StructureQuerySet.public_q(f"{prefix}structure__")

    def public(self):
        return self.filter(self.public_q())


class Structure(models.Model):
    slug = models.SlugField("identifiant", max_length=120, unique=True)
    name = models.CharField("nom", max_length=150)
    network = models.ForeignKey(
        Network, on_delete=models.PROTECT, null=True, blank=True, related_name="structures", verbose_name="réseau"
    )
    territory = models.ForeignKey(
        "geo.Territory",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="structures",
        verbose_name="territoire SPRO",
    )
    siret = models.CharField(
        "SIRET", max_length=14, blank=True, validators=[RegexValidator(r"^\d{14}$", "Le SIRET compte 14 chiffres.")]
    )
    description = models.TextField("présentation", blank=True)
    website = models.URLField("site web", blank=True)
    email = models.EmailField("e-mail de contact", blank=True)
    phone = models.CharField("téléphone", max_length=20, blank=True, validators=[phone_validator])
    source = models.CharField("source", max_length=60, default="spro", editable=False)
    is_active = models.BooleanField("active", default=True)
    updated_at = models.DateTimeField("mis à jour le", auto_now=True)
    history = HistoricalRecords()

    objects = StructureQuerySet.as_manager()

    class Meta:
        verbose_name = "structure"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("public:structure", args=[self.slug])


class Place(models.Model):
    """A reception place: an address where people are received (HSDS location)."""

    structure = models.ForeignKey(Structure, on_delete=models.CASCADE, related_name="places")
    name = models.CharField("nom du lieu", max_length=150)
    address = models.CharField("adresse", max_length=200)
    address_complement = models.CharField("complément d'adresse", max_length=200, blank=True)
    postal_code = models.CharField(
        "code postal", max_length=5, validators=[RegexValidator(r"^\d{5}$", "Le code postal compte 5 chiffres.")]
    )
    commune = models.ForeignKey("geo.Commune", on_delete=models.PROTECT, related_name="places")
    latitude = models.FloatField("latitude", db_index=True)
    longitude = models.FloatField("longitude", db_index=True)
    phone = models.CharField("téléphone", max_length=20, blank=True, validators=[phone_validator])
    email = models.EmailField("e-mail", blank=True)
    opening_hours = models.CharField(
        "horaires d'ouverture",
        max_length=300,
        blank=True,
        validators=[validate_opening_hours],
        help_text="Format OpenStreetMap, par exemple « Mo-Fr 09:00-12:30,13:30-17:00 ».",
    )
    step_free = models.BooleanField("accès de plain-pied ou adapté aux fauteuils", null=True, blank=True)
    is_active = models.BooleanField("actif", default=True)
    updated_at = models.DateTimeField("mis à jour le", auto_now=True)
    history = HistoricalRecords()

    objects = PlaceQuerySet.as_manager()

    class Meta:
        verbose_name = "lieu d'accueil"
        verbose_name_plural = "lieux d'accueil"
        ordering = ["name"]
        indexes = [models.Index(fields=["latitude", "longitude"], name="place_lat_lon_idx")]

    def __str__(self):
        return f"{self.name} — {self.commune.name}"

    def get_absolute_url(self):
        return reverse("public:place", args=[self.pk])


class Service(models.Model):
    class Type(models.TextChoices):
        """data·inclusion v1 `type` values."""

        ACCOMPAGNEMENT = "accompagnement", "Accompagnement"
        AIDE_FINANCIERE = "aide-financiere", "Aide financière"
        AIDE_MATERIELLE = "aide-materielle", "Aide matérielle"
        ATELIER = "atelier", "Atelier"
        FORMATION = "formation", "Formation"
        INFORMATION = "information", "Information"

    class Fee(models.TextChoices):
        GRATUIT = "gratuit", "Gratuit"
        PAYANT = "payant", "Payant"

    class CepLevel(models.IntegerChoices):
        RECEPTION = 1, "Niveau 1 — accueil individualisé"
        COUNSEL = 2, "Niveau 2 — conseil personnalisé"
        ACCOMPANIMENT = 3, "Niveau 3 — accompagnement à la mise en œuvre du projet"

    # The same levels in plain words, for the people at the first door (no "Niveau 2" jargon).
    CEP_LEVEL_PLAIN = {
        1: "Accueil et information",
        2: "Conseil personnalisé",
        3: "Accompagnement pour mettre en œuvre le projet",
    }
    # What each level means for a person, in plain words (« Le SPRO, c'est quoi ? »).
    CEP_LEVEL_EXPLAINED = {
        1: "Dans chaque lieu du SPRO, on vous accueille, on écoute votre question et on vous donne une première "
        "information sur les métiers, les formations, l'emploi et leur financement. Si un autre lieu peut mieux "
        "vous aider, on vous y adresse.",
        2: "Un·e conseiller·ère fait le point avec vous sur votre situation, vos envies et vos compétences, et vous "
        "aide à construire votre projet : choisir une voie, un métier, une formation, une évolution.",
        3: "Quand votre projet est choisi, on vous aide à le réaliser : trouver la formation, monter son financement, "
        "préparer les démarches, jusqu'à l'entrée en formation ou en emploi.",
    }

    class Reach(models.TextChoices):
        FRANCE = "france", "Toute la France"
        REGION = "region", "Toute la région"
        DEPARTEMENT = "departement", "Le département"
        TERRITORY = "territory", "Le territoire SPRO de la structure"

    ACCESS_MODES = {
        "walk-in": "Sans rendez-vous",
        "appointment": "Sur rendez-vous",
        "phone": "Par téléphone",
        "email": "Par e-mail",
        "online": "En ligne",
    }
    REMOTE_MODES = {"phone": "Par téléphone", "video": "En visio", "online": "En ligne"}

    structure = models.ForeignKey(Structure, on_delete=models.CASCADE, related_name="services")
    name = models.CharField("nom du service", max_length=150)
    description = models.TextField("description")
    type = models.CharField("type", max_length=20, choices=Type.choices, default=Type.ACCOMPAGNEMENT)
    statuses = models.ManyToManyField(Status, blank=True, related_name="services", verbose_name="statuts")
    themes = models.ManyToManyField(Theme, blank=True, related_name="services", verbose_name="thèmes")
    info_types = models.ManyToManyField(
        InfoType, blank=True, related_name="services", verbose_name="types d'information"
    )
    cep_level = models.PositiveSmallIntegerField(
        "niveau du CEP", choices=CepLevel.choices, default=1, validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    places = models.ManyToManyField(
        Place, through="ServiceLocation", blank=True, related_name="services", verbose_name="lieux"
    )
    remote_modes = models.JSONField("modes à distance", default=list, blank=True)
    access_modes = models.JSONField("modes d'accès", default=list, blank=True)
    reach = models.CharField("zone couverte", max_length=20, choices=Reach.choices, default=Reach.DEPARTEMENT)
    reach_code = models.CharField("code de la zone", max_length=10, blank=True)
    conditions = models.TextField("conditions d'accès", blank=True)
    fee = models.CharField("frais", max_length=10, choices=Fee.choices, default=Fee.GRATUIT)
    fee_details = models.CharField("précisions sur les frais", max_length=300, blank=True)
    phone = models.CharField("téléphone", max_length=20, blank=True, validators=[phone_validator])
    email = models.EmailField("e-mail", blank=True)
    website = models.URLField("lien en ligne", blank=True)
    last_verified_at = models.DateField("dernière vérification", null=True, blank=True)
    is_active = models.BooleanField("actif", default=True)
    source = models.CharField("source", max_length=60, default="spro", editable=False)
    source_id = models.CharField("identifiant à la source", max_length=200, blank=True, editable=False)
    updated_at = models.DateTimeField("mis à jour le", auto_now=True)
    history = HistoricalRecords(m2m_fields=[statuses, themes, info_types])

    objects = ServiceQuerySet.as_manager()

    class Meta:
        verbose_name = "service"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=models.Q(cep_level__in=[1, 2, 3]), name="service_cep_level_1_to_3")
        ]

    def __str__(self):
        return f"{self.name} ({self.structure.name})"

    def get_absolute_url(self):
        return reverse("public:service", args=[self.pk])

    @property
    def cep_level_plain(self) -> str:
        """The help this service gives, in plain words for the public (no « Niveau 2 » code)."""
        return self.CEP_LEVEL_PLAIN.get(self.cep_level, "")

    @property
    def access_mode_labels(self) -> list[str]:
        return [self.ACCESS_MODES.get(m, m) for m in self.access_modes]

    @property
    def remote_mode_labels(self) -> list[str]:
        return [self.REMOTE_MODES.get(m, m) for m in self.remote_modes]


class ServiceLocation(models.Model):
    """A service delivered at a place (HSDS service_at_location): the unit the search ranks."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="locations")
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="service_locations")

    class Meta:
        verbose_name = "service dans un lieu"
        constraints = [models.UniqueConstraint(fields=["service", "place"], name="service_location_unique")]

    def __str__(self):
        return f"{self.service.name} @ {self.place.name}"


class SearchEntry(models.Model):
    """What the search reads: one row per searchable service at a place, or per remote service.

    A derived table (rebuilt by `search_index.refresh`), kept by the directory's writes, so that
    a search is one indexed scan of one table: no joins, no tag subqueries. Only active services
    at active places have a row; tags are stored as "|code|code|" ("" means untagged: accepted
    by every value of that criterion).
    """

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="+")
    location = models.OneToOneField(ServiceLocation, on_delete=models.CASCADE, null=True, related_name="+")
    place_id = models.BigIntegerField(null=True)
    latitude = models.FloatField(null=True)
    longitude = models.FloatField(null=True)
    commune_code = models.CharField(max_length=5, blank=True)
    is_remote = models.BooleanField(default=False)
    reach = models.CharField(max_length=20, blank=True)
    reach_code = models.CharField(max_length=10, blank=True)
    territory_id = models.BigIntegerField(null=True)
    cep_level = models.PositiveSmallIntegerField(default=1)
    network = models.CharField(max_length=50, blank=True)  # the code of the structure's network
    name = models.CharField(max_length=150)
    statuses = models.CharField(max_length=500, blank=True)
    themes = models.CharField(max_length=500, blank=True)
    info_types = models.CharField(max_length=500, blank=True)
    # What the free-text search reads: the accent-free service name and description, structure
    # name and network label. Kept here only, by the same refresh as the rest of the entry.
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = "entrée de l'index de recherche"
        # Remote entries (no coordinates) are found through this index too, by "latitude IS NULL".
        indexes = [models.Index(fields=["latitude", "longitude"], name="search_entry_lat_lon_idx")]

    def __str__(self):
        return f"{self.name} @ {self.commune_code or self.reach}"


class SearchIndexVersion(models.Model):
    """One row whose number grows with every change of the search index: the key of cached answers,
    read by every process, so no worker serves an answer older than the directory."""

    number = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "version de l'index de recherche"

    def __str__(self):
        return str(self.number)
