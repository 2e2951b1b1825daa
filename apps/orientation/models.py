"""Routing rules, first receptions (anonymous) and referrals (fiches navettes) with their events."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from apps.directory.models import Network, Place, Service, Status, Structure, Theme


class RoutingRule(models.Model):
    """A situation (age, status, theme, disability) → a recommended network and CEP level.

    Empty conditions accept everything; among matching rules the highest weight ranks first.
    """

    name = models.CharField("nom de la règle", max_length=150)
    age_min = models.PositiveSmallIntegerField("âge minimum", null=True, blank=True)
    age_max = models.PositiveSmallIntegerField("âge maximum", null=True, blank=True)
    statuses = models.ManyToManyField(Status, blank=True, verbose_name="situations", related_name="routing_rules")
    themes = models.ManyToManyField(Theme, blank=True, verbose_name="thèmes", related_name="routing_rules")
    handicap = models.BooleanField("situation de handicap", null=True, blank=True, help_text="Vide : indifférent.")
    network = models.ForeignKey(Network, on_delete=models.PROTECT, verbose_name="réseau recommandé")
    cep_level = models.PositiveSmallIntegerField(
        "niveau du CEP",
        choices=Service.CepLevel.choices,
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(3)],
    )
    weight = models.PositiveSmallIntegerField(
        "poids", default=50, help_text="De 1 à 200 : plus il est élevé, plus la porte est proposée en premier."
    )
    why = models.TextField("explication pour la personne", max_length=400)
    is_active = models.BooleanField("active", default=True)

    class Meta:
        verbose_name = "règle d'aiguillage"
        verbose_name_plural = "règles d'aiguillage"
        ordering = ["-weight", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(age_min__isnull=True)
                | models.Q(age_max__isnull=True)
                | models.Q(age_min__lte=models.F("age_max")),
                name="routing_rule_age_range_ordered",
            )
        ]

    def __str__(self):
        return self.name


class RuleSetVersion(models.Model):
    """A published set of routing rules, kept whole (a JSON snapshot) so that it can be restored.

    RoutingRule rows stay the rules the engine reads; a version records what they were once published.
    """

    number = models.PositiveIntegerField("numéro", unique=True)
    rules = models.JSONField("règles publiées", default=list)
    published_at = models.DateTimeField("publiée le")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name="publiée par"
    )
    restored_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, verbose_name="restauration de la version"
    )
    note = models.CharField("note", max_length=200, blank=True)

    class Meta:
        verbose_name = "version des règles d'aiguillage"
        verbose_name_plural = "versions des règles d'aiguillage"
        ordering = ["-number"]

    def __str__(self):
        return f"Version {self.number}"

    @property
    def active_count(self) -> int:
        return sum(1 for rule in self.rules if rule.get("is_active"))


class RuleDraft(models.Model):
    """The draft of the routing rules being prepared by the Region: one for the whole region at most."""

    rules = models.JSONField("règles du brouillon", default=list)
    based_on = models.ForeignKey(
        RuleSetVersion, on_delete=models.SET_NULL, null=True, blank=True, verbose_name="version de départ"
    )
    created_at = models.DateTimeField("commencé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name="modifié par"
    )

    class Meta:
        verbose_name = "brouillon des règles d'aiguillage"
        verbose_name_plural = "brouillons des règles d'aiguillage"

    def __str__(self):
        return f"Brouillon du {self.updated_at:%d/%m/%Y}"


class PreInterviewQuestion(models.Model):
    """A question of the pre-interview grid (fiche repère n° 2), editable by the Region."""

    class Kind(models.TextChoices):
        YES_NO = "yes_no", "Oui / non"
        CHOICE = "choice", "Choix dans une liste"

    text = models.CharField("question", max_length=250)
    kind = models.CharField("type de réponse", max_length=10, choices=Kind.choices, default=Kind.YES_NO)
    choices = models.TextField("choix possibles (un par ligne)", blank=True)
    position = models.PositiveSmallIntegerField("ordre", default=0)
    is_active = models.BooleanField("active", default=True)

    class Meta:
        verbose_name = "question de la grille de pré-entretien"
        verbose_name_plural = "questions de la grille de pré-entretien"
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text

    @property
    def choice_list(self) -> list[str]:
        if self.kind == self.Kind.YES_NO:
            return ["Oui", "Non"]
        return [c.strip() for c in self.choices.splitlines() if c.strip()]


class Reception(models.Model):
    """One first-reception contact, anonymous: no name, no contact details, no free text about the person."""

    class Channel(models.TextChoices):
        ON_SITE = "on_site", "Sur place"
        PHONE = "phone", "Téléphone"
        EMAIL = "email", "E-mail"
        EVENT = "event", "Événement (forum, salon)"
        REMOTE = "remote", "À distance (visio, tchat)"

    class AgeBand(models.TextChoices):
        UNDER_16 = "under_16", "Moins de 16 ans"
        AGE_16_25 = "16_25", "16 à 25 ans"
        AGE_26_44 = "26_44", "26 à 44 ans"
        AGE_45_PLUS = "45_plus", "45 ans et plus"
        UNKNOWN = "unknown", "Non renseigné"

    class Sex(models.TextChoices):
        FEMALE = "f", "Femme"
        MALE = "m", "Homme"
        UNSAID = "", "Non renseigné"

    ACTIONS = {
        "information": "Information donnée",
        "documentation": "Documentation remise",
        "appointment": "Rendez-vous dans la structure",
        "referred": "Réorientation vers un partenaire (fiche navette)",
    }

    structure = models.ForeignKey(Structure, on_delete=models.PROTECT, related_name="receptions")
    # Where the person was received: the origin of the suggested doors when their commune is not given.
    place = models.ForeignKey(
        Place,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="receptions",
        verbose_name="lieu d'accueil",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="receptions"
    )
    date = models.DateField("date", db_index=True)
    channel = models.CharField("canal", max_length=10, choices=Channel.choices)
    age_band = models.CharField("tranche d'âge", max_length=10, choices=AgeBand.choices, default=AgeBand.UNKNOWN)
    sex = models.CharField("sexe (facultatif)", max_length=1, choices=Sex.choices, blank=True)
    status = models.ForeignKey(Status, on_delete=models.PROTECT, null=True, blank=True, verbose_name="situation")
    commune = models.ForeignKey("geo.Commune", on_delete=models.PROTECT, null=True, blank=True)
    departement = models.ForeignKey("geo.Departement", on_delete=models.PROTECT, null=True, blank=True)
    themes = models.ManyToManyField(Theme, blank=True, verbose_name="thèmes de la demande")
    actions = models.JSONField("suite donnée", default=list)
    cep_level = models.PositiveSmallIntegerField("niveau visé", choices=Service.CepLevel.choices, default=1)
    grid_answers = models.JSONField("réponses à la grille", default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "premier accueil"
        verbose_name_plural = "premiers accueils"
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["structure", "date"], name="reception_structure_date_idx")]

    def __str__(self):
        return f"Accueil du {self.date:%d/%m/%Y} ({self.get_channel_display()})"


class Referral(models.Model):
    """A fiche navette: the person re-addressed from one structure to another, followed to its outcome."""

    class State(models.TextChoices):
        SENT = "sent", "Envoyée"
        RECEIVED = "received", "Reçue"
        ACCEPTED = "accepted", "Acceptée"
        DECLINED = "declined", "Refusée"
        CONTACTED = "contacted", "Personne contactée"
        APPOINTMENT_HELD = "appointment_held", "Premier rendez-vous tenu"
        NO_SHOW = "no_show", "Personne absente au rendez-vous"
        CLOSED = "closed", "Clôturée"
        CANCELLED = "cancelled", "Annulée"

    # Where a referral ends: no transition leaves these states (services.TRANSITIONS).
    FINAL_STATES = frozenset({State.DECLINED, State.CLOSED, State.CANCELLED})

    class Origin(models.TextChoices):
        RECEPTION = "reception", "Premier accueil"
        CALLBACK = "callback", "Demande de rappel en ligne"

    class DeclineReason(models.TextChoices):
        NOT_OUR_PUBLIC = "not_our_public", "La personne ne relève pas de nos publics"
        NO_CAPACITY = "no_capacity", "Pas de place ou de créneau disponible"
        OUT_OF_AREA = "out_of_area", "Hors de notre zone d'intervention"
        ALREADY_FOLLOWED = "already_followed", "Déjà accompagnée ailleurs"
        UNREACHABLE = "unreachable", "Personne injoignable"
        OTHER = "other", "Autre motif"

    class Outcome(models.TextChoices):
        HELPED = "helped", "Accompagnement engagé"
        INFORMED = "informed", "Information ou conseil apporté"
        UNREACHABLE = "unreachable", "Personne injoignable"
        GAVE_UP = "gave_up", "La personne a renoncé"
        OTHER = "other", "Autre"

    origin = models.CharField("origine", max_length=10, choices=Origin.choices, default=Origin.RECEPTION)
    reception = models.ForeignKey(Reception, on_delete=models.SET_NULL, null=True, blank=True, related_name="referrals")
    sender_structure = models.ForeignKey(
        Structure, on_delete=models.PROTECT, null=True, blank=True, related_name="referrals_sent"
    )
    sender_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="referrals_sent"
    )
    receiver_structure = models.ForeignKey(Structure, on_delete=models.PROTECT, related_name="referrals_received")
    service = models.ForeignKey(Service, on_delete=models.SET_NULL, null=True, blank=True, related_name="referrals")
    redirected_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="redirections"
    )
    state = models.CharField("état", max_length=20, choices=State.choices, default=State.SENT, db_index=True)
    # Anonymous facts kept for the indicators after the contact details are erased.
    age_band = models.CharField("tranche d'âge", max_length=10, choices=Reception.AgeBand.choices, default="unknown")
    status = models.ForeignKey(Status, on_delete=models.PROTECT, null=True, blank=True, verbose_name="situation")
    # The main theme (the indicators count one theme per fiche); `themes` keeps every theme of the request.
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, null=True, blank=True, verbose_name="thème")
    themes = models.ManyToManyField(Theme, blank=True, related_name="referrals", verbose_name="thèmes de la demande")
    commune = models.ForeignKey("geo.Commune", on_delete=models.PROTECT, null=True, blank=True)
    # Free text about the person: erased with the contact details, read through a logged action.
    need = models.TextField(
        "besoin exprimé",
        max_length=600,
        blank=True,
        help_text="Le besoin, sans nom, sans coordonnées, sans donnée de santé ni information sensible.",
    )
    transmission_consent = models.BooleanField("la personne a accepté la transmission", default=False)
    deadline = models.DateField("réponse attendue avant le")
    decline_reason = models.CharField("motif de refus", max_length=20, choices=DeclineReason.choices, blank=True)
    outcome = models.CharField("issue", max_length=20, choices=Outcome.choices, blank=True)
    appointment_at = models.DateTimeField("premier rendez-vous le", null=True, blank=True)
    sent_at = models.DateTimeField("envoyée le", auto_now_add=True)
    closed_at = models.DateTimeField("terminée le", null=True, blank=True)
    # Set when the contact details and the free text about the person (need, notes) were erased.
    personal_data_erased_at = models.DateTimeField("données de la personne effacées le", null=True, blank=True)
    last_reminder_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "fiche navette"
        verbose_name_plural = "fiches navettes"
        ordering = ["-sent_at"]
        indexes = [
            models.Index(fields=["receiver_structure", "state"], name="referral_receiver_state_idx"),
            models.Index(fields=["sender_structure", "state"], name="referral_sender_state_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(transmission_consent=True), name="referral_requires_consent")
        ]

    def __str__(self):
        return f"Fiche navette n° {self.pk} vers {self.receiver_structure}"

    def get_absolute_url(self):
        return reverse("orientation:referral", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.state not in self.FINAL_STATES


class ReferralContact(models.Model):
    """The person's contact details: exist only with their consent, erased on schedule."""

    class Channel(models.TextChoices):
        PHONE = "phone", "Téléphone"
        EMAIL = "email", "E-mail"

    referral = models.OneToOneField(Referral, on_delete=models.CASCADE, related_name="contact")
    first_name = models.CharField("prénom", max_length=60)
    phone = models.CharField("téléphone", max_length=20, blank=True)
    email = models.EmailField("e-mail", blank=True)
    preferred_channel = models.CharField("être contacté·e par", max_length=10, choices=Channel.choices)
    consent_text = models.TextField("texte du consentement accepté")
    consent_at = models.DateTimeField("consentement recueilli le")

    class Meta:
        verbose_name = "coordonnées de la personne"
        verbose_name_plural = "coordonnées des personnes"
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(phone="") | ~models.Q(email=""), name="referral_contact_has_phone_or_email"
            )
        ]

    def __str__(self):
        return f"Coordonnées de la fiche navette n° {self.referral_id}"


class ReferralEvent(models.Model):
    """Every transition of a referral: who, when, from which state to which, why."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    actor_structure = models.ForeignKey(Structure, on_delete=models.SET_NULL, null=True, blank=True)
    from_state = models.CharField(max_length=20, choices=Referral.State.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=Referral.State.choices)
    # Free text that may name the person: erased with the contact details, read through a logged action.
    note = models.CharField("précision", max_length=300, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "étape de fiche navette"
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_from_state_display() or '—'} → {self.get_to_state_display()}"


class ContactAccessLog(models.Model):
    """Who read or erased a person's contact details or free text, and when (GDPR accountability).

    Kept SPRO_ACCESS_LOG_RETENTION_DAYS, then pruned by the scheduled purge.
    """

    class Action(models.TextChoices):
        READ = "read", "Consultation des coordonnées"
        READ_TEXT = "read_text", "Consultation du besoin et des précisions"
        ERASED = "erased", "Effacement"

    class Channel(models.TextChoices):
        WEB = "web", "Site"
        API = "api", "API"
        PURGE = "purge", "Purge planifiée"
        REQUEST = "request", "Demande de la personne"

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="contact_access_logs")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    action = models.CharField(max_length=10, choices=Action.choices, default=Action.READ)
    channel = models.CharField("par", max_length=10, choices=Channel.choices, default=Channel.WEB)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "accès aux coordonnées"
        verbose_name_plural = "accès aux coordonnées"
        ordering = ["-at"]

    def __str__(self):
        return f"{self.get_action_display()} par {self.user} le {self.at:%d/%m/%Y %H:%M}"
