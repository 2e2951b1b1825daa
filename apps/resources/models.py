"""The mallette SPRO: shared documents and links in categories, versioned, each with its audience;
and the "état des lieux" of the information tools each network uses (seed 001, action 1).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse

from apps.core.uploads import validate_document_content

MAX_RESOURCE_BYTES = 20 * 1024 * 1024
RESOURCE_EXTENSIONS = ["pdf", "odt", "doc", "docx", "jpg", "jpeg", "png"]


def validate_resource_size(upload) -> None:
    if upload and upload.size > MAX_RESOURCE_BYTES:
        raise ValidationError("Le fichier dépasse 20 Mo.")


class Audience(models.TextChoices):
    """Who may open a resource, from the widest to the narrowest (rule in resources/perms.py)."""

    PUBLIC = "public", "Tout public"
    MEMBERS = "members", "Professionnel·les du réseau"
    COORDINATORS = "coordinators", "Coordinateur·rices (et Région, équipe d'appui)"


class ResourceCategory(models.Model):
    code = models.SlugField("code", max_length=40, unique=True)
    title = models.CharField("intitulé", max_length=100)
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "catégorie de la mallette"
        verbose_name_plural = "catégories de la mallette"
        ordering = ["position", "title"]

    def __str__(self):
        return self.title


class Resource(models.Model):
    category = models.ForeignKey(
        ResourceCategory, on_delete=models.PROTECT, related_name="resources", verbose_name="catégorie"
    )
    slug = models.SlugField("adresse", max_length=80, unique=True)
    title = models.CharField("titre", max_length=200)
    description = models.TextField("présentation", blank=True, max_length=2000)
    audience = models.CharField("public", max_length=15, choices=Audience.choices, default=Audience.MEMBERS)
    url = models.URLField("lien (pour une ressource en ligne)", blank=True)
    download_count = models.PositiveIntegerField("téléchargements", default=0, editable=False)
    is_active = models.BooleanField("en ligne", default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "ressource de la mallette"
        verbose_name_plural = "ressources de la mallette"
        ordering = ["category__position", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("resources:detail", args=[self.slug])

    @property
    def is_link(self) -> bool:
        return bool(self.url)

    def current_version(self):
        return self.versions.order_by("-number").first()


class ResourceVersion(models.Model):
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("version")
    file = models.FileField(
        "fichier",
        upload_to="mallette/%Y/",
        validators=[FileExtensionValidator(RESOURCE_EXTENSIONS), validate_resource_size, validate_document_content],
        help_text="PDF, ODT, DOC, DOCX, JPEG ou PNG, 20 Mo au plus.",
    )
    note = models.CharField("ce qui change", max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "version d'une ressource"
        ordering = ["resource", "-number"]
        constraints = [models.UniqueConstraint(fields=["resource", "number"], name="resource_version_unique")]

    def __str__(self):
        return f"{self.resource} — version {self.number}"


class InformationTool(models.Model):
    """An information tool a network uses (site, phone line, directory, documentation…): the état des lieux."""

    class Kind(models.TextChoices):
        WEBSITE = "website", "Site internet"
        DIRECTORY = "directory", "Annuaire ou guide des structures"
        PHONE = "phone", "Service téléphonique"
        DOCUMENTATION = "documentation", "Documentation, fonds documentaire"
        SOFTWARE = "software", "Logiciel ou outil en ligne de suivi"
        SOCIAL = "social", "Réseau social, lettre d'information"

    network = models.ForeignKey(
        "directory.Network",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="information_tools",
        verbose_name="réseau",
        help_text="Laisser vide pour un outil partagé par tout le SPRO.",
    )
    name = models.CharField("nom de l'outil", max_length=150)
    kind = models.CharField("type", max_length=15, choices=Kind.choices)
    url = models.URLField("lien", blank=True)
    description = models.CharField("à quoi il sert", max_length=300, blank=True)
    for_public = models.BooleanField("ouvert au public", default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "outil d'information"
        verbose_name_plural = "outils d'information (état des lieux)"
        ordering = ["network__label", "name"]

    def __str__(self):
        return self.name
