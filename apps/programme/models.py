"""The support programme for the actors: axes → actions → sessions, registrations and surveys."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from apps.core import region_pack


class Audience(models.TextChoices):
    """Who a session is for (the « public » of seed 001)."""

    ALL = "all", "Tous les professionnels du SPRO"
    RECEPTION = "reception", "Chargé·es d'accueil"
    COUNSELLORS = "counsellors", "Conseiller·ères"
    COORDINATORS = "coordinators", "Coordinateur·rices et référent·es locaux"
    NETWORK_HEADS = "network_heads", "Têtes de réseau"
    PARTNERS = "partners", "Professionnels du SPRO et partenaires (formation, apprentissage)"


class SupportAxis(models.Model):
    """One of the axes of a support programme (seed 001: 6 axes for 2015–2016)."""

    period = models.CharField("période du programme", max_length=20, default="2015-2016")
    number = models.PositiveSmallIntegerField("numéro")
    title = models.CharField("intitulé", max_length=200)
    goal = models.CharField("objectif", max_length=300, blank=True)

    class Meta:
        verbose_name = "axe du programme d'appui"
        verbose_name_plural = "axes du programme d'appui"
        ordering = ["period", "number"]
        constraints = [models.UniqueConstraint(fields=["period", "number"], name="support_axis_unique_number")]

    def __str__(self):
        return f"Axe {self.number} — {self.title}"


class SupportAction(models.Model):
    """An action of the programme with the fields of seed 001 (place, dates, duration, method, public…)."""

    axis = models.ForeignKey(SupportAxis, on_delete=models.PROTECT, related_name="actions", verbose_name="axe")
    number = models.PositiveSmallIntegerField("numéro")
    title = models.CharField("intitulé", max_length=250)
    action_type = models.CharField("type d'action", max_length=200, blank=True)
    is_priority = models.BooleanField("action prioritaire", default=False)
    place = models.CharField("lieu", max_length=200, blank=True)
    dates = models.CharField("dates", max_length=200, blank=True)
    duration = models.CharField("durée", max_length=200, blank=True)
    method = models.TextField("méthode", blank=True)
    public = models.CharField("public", max_length=250, blank=True)
    audience = models.CharField("public (catégorie)", max_length=20, choices=Audience.choices, default=Audience.ALL)
    objectives = models.TextField("objectifs", blank=True)
    content = models.TextField("contenu", blank=True)
    participants = models.CharField("nombre de participants", max_length=60, blank=True)
    speaker = models.CharField("intervenant", max_length=250, blank=True)
    host = models.CharField("animation", max_length=250, blank=True)

    class Meta:
        verbose_name = "action du programme d'appui"
        verbose_name_plural = "actions du programme d'appui"
        ordering = ["axis__period", "number"]
        constraints = [models.UniqueConstraint(fields=["axis", "number"], name="support_action_unique_number")]

    def __str__(self):
        return f"Action {self.number} — {self.title}"

    def get_absolute_url(self):
        return reverse("programme:action", args=[self.pk])


class Survey(models.Model):
    """A questionnaire; the regional forum questionnaire is one survey reused by every forum."""

    code = models.SlugField("code", max_length=60, unique=True)
    title = models.CharField("titre", max_length=200)
    introduction = models.TextField("introduction", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "questionnaire"
        ordering = ["title"]

    def __str__(self):
        return self.title


class Question(models.Model):
    class Kind(models.TextChoices):
        SCALE = "scale", "Échelle de 1 à 5"
        SINGLE = "single", "Choix unique"
        MULTIPLE = "multiple", "Choix multiple"
        TEXT = "text", "Texte libre"

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField("ordre", default=0)
    label = models.CharField("question", max_length=300)
    kind = models.CharField("type", max_length=10, choices=Kind.choices)
    choices = models.JSONField("choix proposés", default=list, blank=True)
    required = models.BooleanField("réponse obligatoire", default=True)

    class Meta:
        verbose_name = "question"
        ordering = ["survey", "position", "pk"]

    def __str__(self):
        return self.label

    @property
    def has_choices(self) -> bool:
        return self.kind in {self.Kind.SINGLE, self.Kind.MULTIPLE}


SCALE_LABELS = {1: "1 — Pas du tout", 2: "2 — Peu", 3: "3 — Moyennement", 4: "4 — Plutôt", 5: "5 — Tout à fait"}


class Session(models.Model):
    """A dated occurrence: a forum, a working group meeting, a professionalisation day…"""

    class Kind(models.TextChoices):
        FORUM = "forum", "Forum d'interconnaissance"
        PROFESSIONALISATION = "professionalisation", "Journée de professionnalisation"
        SECTOR_DAY = "sector_day", "Journée métiers avec une branche professionnelle"
        WORKING_GROUP = "working_group", "Groupe de travail"
        PRACTICE_EXCHANGE = "practice_exchange", "Échanges de pratiques"
        SEMINAR = "seminar", "Conférence – séminaire"

    class Status(models.TextChoices):
        DRAFT = "draft", "Brouillon"
        PUBLISHED = "published", "Publiée"
        CANCELLED = "cancelled", "Annulée"

    action = models.ForeignKey(
        SupportAction, on_delete=models.PROTECT, null=True, blank=True, related_name="sessions", verbose_name="action"
    )
    axis = models.ForeignKey(
        SupportAxis, on_delete=models.PROTECT, null=True, blank=True, related_name="sessions", verbose_name="axe"
    )
    kind = models.CharField("type de session", max_length=20, choices=Kind.choices)
    title = models.CharField("intitulé", max_length=200)
    description = models.TextField("présentation", blank=True)
    starts_at = models.DateTimeField("début", db_index=True)
    ends_at = models.DateTimeField("fin")
    place = models.ForeignKey(
        "directory.Place",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="programme_sessions",
        verbose_name="lieu de l'annuaire",
    )
    address = models.CharField("adresse libre", max_length=250, blank=True)
    online_url = models.URLField("lien de connexion (en ligne)", blank=True)
    capacity = models.PositiveIntegerField("nombre de places", validators=[MinValueValidator(1)])
    audience = models.CharField("public", max_length=20, choices=Audience.choices, default=Audience.ALL)
    territory = models.ForeignKey(
        "geo.Territory",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programme_sessions",
        verbose_name="territoire",
        help_text="Laisser vide pour une session régionale.",
    )
    organiser_structure = models.ForeignKey(
        "directory.Structure",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organised_sessions",
        verbose_name="structure organisatrice",
        help_text="Laisser vide si la Région organise.",
    )
    speaker = models.CharField("intervenant·es", max_length=250, blank=True)
    host = models.CharField("animation", max_length=250, blank=True)
    travel_expenses = models.BooleanField(
        "frais de déplacement pris en charge sur demande",
        default=False,
        help_text="Les participant·es pourront demander la prise en charge de leurs frais de déplacement.",
    )
    survey = models.ForeignKey(
        Survey,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name="questionnaire de satisfaction",
    )
    status = models.CharField("état", max_length=10, choices=Status.choices, default=Status.PUBLISHED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reminder_sent_at = models.DateTimeField("rappel envoyé le", null=True, blank=True, editable=False)
    survey_sent_at = models.DateTimeField("questionnaire envoyé le", null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "session"
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"
            ),
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="session_capacity_positive"),
        ]

    def __str__(self):
        return f"{self.title} ({timezone.localtime(self.starts_at):%d/%m/%Y})"

    def get_absolute_url(self):
        return reverse("programme:session", args=[self.pk])

    @property
    def organiser_label(self) -> str:
        return (
            self.organiser_structure.name if self.organiser_structure_id else region_pack.current().text("region_label")
        )

    @property
    def territory_label(self) -> str:
        return self.territory.name if self.territory_id else "Régional"

    @property
    def location_label(self) -> str:
        """Where it happens, in one line (a directory place, a free address and/or online)."""
        parts = []
        if self.place_id:
            place = self.place
            parts.append(f"{place.name}, {place.address}, {place.postal_code} {place.commune.name}")
        if self.address:
            parts.append(self.address)
        if self.online_url:
            parts.append("En ligne")
        return " — ".join(parts)

    @property
    def is_upcoming(self) -> bool:
        return self.starts_at > timezone.now()

    @property
    def is_open_for_registration(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.is_upcoming


class Registration(models.Model):
    """A professional's registration to a session; one row per person and session (re-used on re-registration)."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", "Inscription confirmée"
        WAITLISTED = "waitlisted", "Sur liste d'attente"
        CANCELLED = "cancelled", "Inscription annulée"

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="programme_registrations")
    structure = models.ForeignKey(
        "directory.Structure",
        on_delete=models.PROTECT,
        related_name="programme_registrations",
        verbose_name="structure",
    )
    status = models.CharField("état", max_length=12, choices=Status.choices)
    queued_at = models.DateTimeField("inscrit·e le", default=timezone.now)
    promoted_at = models.DateTimeField("sorti·e de la liste d'attente le", null=True, blank=True)
    cancelled_at = models.DateTimeField("annulée le", null=True, blank=True)
    travel_expenses_requested = models.BooleanField(
        "demande de prise en charge des frais de déplacement", default=False
    )
    attended = models.BooleanField("présent·e", null=True, blank=True)
    survey_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    survey_answered = models.BooleanField("a répondu au questionnaire", default=False, editable=False)

    class Meta:
        verbose_name = "inscription"
        ordering = ["queued_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="registration_unique_session_user"),
        ]
        indexes = [models.Index(fields=["session", "status"], name="registration_session_status")]

    def __str__(self):
        return f"{self.user} — {self.session} ({self.get_status_display()})"


class SurveyResponse(models.Model):
    """One anonymous set of answers: no user, no registration, only the day it was given."""

    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="responses")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="survey_responses")
    submitted_on = models.DateField("date de réponse", default=timezone.localdate)

    class Meta:
        verbose_name = "réponse à un questionnaire"
        verbose_name_plural = "réponses aux questionnaires"

    def __str__(self):
        return f"Réponse au questionnaire « {self.survey} » ({self.session})"


class Answer(models.Model):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    scale_value = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    selected = models.JSONField(default=list, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = "réponse à une question"
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="answer_unique_per_question"),
            models.CheckConstraint(
                condition=models.Q(scale_value__isnull=True) | models.Q(scale_value__gte=1, scale_value__lte=5),
                name="answer_scale_1_to_5",
            ),
        ]

    def __str__(self):
        return f"Réponse à « {self.question} »"
