"""Professionalisation: skill frameworks (versioned), the talent tree of each professional, endorsements,
peer pairing and the "qui fait quoi" profile.

A framework version is never changed once people have answered it: editing it creates a new version, and
the self-assessments made against an older version keep pointing to that version's skills, so they stay
readable as they were given. A skill's `key` is stable across versions: it links an old answer to the
same skill in the new version (to pre-fill the form, to draw the history).
"""

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse

from apps.core.uploads import validate_document_content

MAX_EVIDENCE_BYTES = 5 * 1024 * 1024
EVIDENCE_EXTENSIONS = ["pdf", "odt", "docx", "jpg", "jpeg", "png"]


def validate_evidence_size(upload) -> None:
    from django.core.exceptions import ValidationError

    if upload and upload.size > MAX_EVIDENCE_BYTES:
        raise ValidationError("Le fichier dépasse 5 Mo.")


class SkillFramework(models.Model):
    """One version of a framework (référentiel): domains → skills, with its level scale."""

    code = models.SlugField("code", max_length=60)
    version = models.PositiveIntegerField("version", default=1)
    title = models.CharField("titre", max_length=200)
    audience = models.CharField("public", max_length=200, blank=True)
    source = models.TextField("source", blank=True)
    strong_level = models.PositiveSmallIntegerField(
        "niveau à partir duquel on peut aider un·e collègue",
        default=3,
        help_text="Sert à la mise en relation entre pairs et aux points forts du réseau.",
    )
    is_current = models.BooleanField("version en vigueur", default=True)
    note = models.CharField("ce qui change dans cette version", max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "référentiel de compétences"
        verbose_name_plural = "référentiels de compétences"
        ordering = ["code", "-version"]
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="skill_framework_unique_version")]

    def __str__(self):
        return f"{self.title} (version {self.version})"

    def get_absolute_url(self):
        return reverse("skills:framework", args=[self.code, self.version])

    def skills(self):
        return Skill.objects.filter(domain__framework=self).order_by("domain__position", "position")


class SkillDomain(models.Model):
    framework = models.ForeignKey(SkillFramework, on_delete=models.CASCADE, related_name="domains")
    position = models.PositiveSmallIntegerField("ordre")
    number = models.CharField("numéro", max_length=10)
    title = models.CharField("intitulé", max_length=200)
    summary = models.TextField("résumé", blank=True)

    class Meta:
        verbose_name = "domaine"
        ordering = ["framework", "position"]

    def __str__(self):
        return f"{self.number}. {self.title}"


class Skill(models.Model):
    domain = models.ForeignKey(SkillDomain, on_delete=models.CASCADE, related_name="skills")
    position = models.PositiveSmallIntegerField("ordre")
    key = models.CharField("clé stable", max_length=30)
    label = models.CharField("compétence", max_length=300)

    class Meta:
        verbose_name = "compétence"
        ordering = ["domain__position", "position"]

    def __str__(self):
        return self.label

    @property
    def framework(self):
        return self.domain.framework


class SkillLevel(models.Model):
    """One step of a framework's scale, with the one-line statement a person recognises themselves in."""

    framework = models.ForeignKey(SkillFramework, on_delete=models.CASCADE, related_name="levels")
    value = models.PositiveSmallIntegerField("niveau")
    label = models.CharField("nom", max_length=60)
    statement = models.CharField("énoncé", max_length=200)

    class Meta:
        verbose_name = "niveau de maîtrise"
        ordering = ["framework", "value"]
        constraints = [models.UniqueConstraint(fields=["framework", "value"], name="skill_level_unique_value")]

    def __str__(self):
        return f"{self.value} — {self.label}"


class SelfAssessment(models.Model):
    """The current answer of one person for one skill: a level (or none) and the wish to develop it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="self_assessments")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="assessments")
    level = models.PositiveSmallIntegerField("niveau", null=True, blank=True)
    aspiration = models.BooleanField("je souhaite développer cette compétence", default=False)
    updated_at = models.DateTimeField("mis à jour le")

    class Meta:
        verbose_name = "auto-positionnement"
        constraints = [models.UniqueConstraint(fields=["user", "skill"], name="self_assessment_unique")]

    def __str__(self):
        return f"{self.user} — {self.skill.key} : {self.level or '-'}"


class AssessmentEvent(models.Model):
    """One change of a self-assessment, kept to draw the tree over time."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="+")
    level = models.PositiveSmallIntegerField(null=True, blank=True)
    aspiration = models.BooleanField(default=False)
    recorded_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["recorded_at", "pk"]

    def __str__(self):
        return f"{self.user} — {self.skill.key} : {self.level or '-'} ({self.recorded_at:%d/%m/%Y})"


class Evidence(models.Model):
    """An experience or a tool attached to a skill: a text, a link or a file."""

    class Kind(models.TextChoices):
        EXPERIENCE = "experience", "Expérience"
        TOOL = "tool", "Outil"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="skill_evidence")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField("nature", max_length=12, choices=Kind.choices, default=Kind.EXPERIENCE)
    title = models.CharField("titre", max_length=150)
    text = models.TextField("récit ou description", blank=True, max_length=3000)
    url = models.URLField("lien", blank=True)
    file = models.FileField(
        "fichier",
        upload_to="competences/%Y/",
        blank=True,
        validators=[FileExtensionValidator(EVIDENCE_EXTENSIONS), validate_evidence_size, validate_document_content],
        help_text="Facultatif : PDF, ODT, DOCX, JPEG ou PNG, 5 Mo au plus.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "expérience ou outil"
        verbose_name_plural = "expériences et outils"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title


class Endorsement(models.Model):
    """A colleague's confirmation of a skill, asked by a signed single-use link sent to their address."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="endorsements")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="endorsements")
    colleague_email = models.EmailField("adresse e-mail du ou de la collègue")
    message = models.CharField("message", max_length=300, blank=True)
    endorser = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    comment = models.CharField("commentaire du ou de la collègue", max_length=300, blank=True)
    asked_at = models.DateTimeField()
    endorsed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "recommandation"
        ordering = ["-asked_at", "-pk"]

    def __str__(self):
        return f"{self.user} — {self.skill.key} ({self.colleague_email})"


class ProfessionalProfile(models.Model):
    """What a professional agrees to show: in "qui fait quoi" (opt-in) and to peers for pairing (opt-in)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="professional")
    structure = models.ForeignKey(
        "directory.Structure",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="professionals",
        verbose_name="structure",
    )
    job_title = models.CharField("fonction", max_length=120, blank=True)
    phone = models.CharField("téléphone professionnel", max_length=20, blank=True)
    listed = models.BooleanField(
        "apparaître dans « Qui fait quoi » et le guide du territoire",
        default=False,
        help_text="Vos nom, fonction, structure, coordonnées professionnelles et compétences que vous pouvez "
        "transmettre seront visibles des professionnel·les du réseau connecté·es (jamais du public).",
    )
    is_spro_contact = models.BooleanField("je suis le contact SPRO de ma structure", default=False)
    services = models.ManyToManyField(
        "directory.Service",
        blank=True,
        related_name="spro_contacts",
        verbose_name="services dont je suis le contact",
    )
    pairing_consent = models.BooleanField(
        "accepter la mise en relation entre pairs",
        default=False,
        help_text="Des collègues qui souhaitent développer une compétence que vous maîtrisez (ou qui la "
        "maîtrisent quand vous souhaitez la développer) et qui ont aussi accepté vous seront suggéré·es.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "fiche professionnelle"
        verbose_name_plural = "fiches professionnelles"

    def __str__(self):
        return str(self.user)


class SkillSession(models.Model):
    """A programme session created from a wanted skill: it is suggested to the people who wish that skill."""

    session = models.ForeignKey("programme.Session", on_delete=models.CASCADE, related_name="skill_links")
    skill_key = models.CharField(max_length=30)
    framework_code = models.SlugField(max_length=60)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "framework_code", "skill_key"], name="skill_session_unique")
        ]

    def __str__(self):
        return f"{self.framework_code} {self.skill_key} → session {self.session_id}"
