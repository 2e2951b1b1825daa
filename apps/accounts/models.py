from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("L'adresse e-mail est obligatoire.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True, role=User.Role.REGION_ADMIN)
        return self.create_user(email, password, **extra)

    def region_admins(self):
        """The users whose `is_region_admin` is true, as a queryset (e.g. to write to them)."""
        return self.filter(models.Q(role=User.Role.REGION_ADMIN) | models.Q(is_superuser=True), is_active=True)


class User(AbstractBaseUser, PermissionsMixin):
    """A professional of the network. Members of the public never have an account."""

    class Role(models.TextChoices):
        NONE = "", "Aucun rôle régional"
        SUPPORT_TEAM = "support_team", "Équipe d'appui régionale"
        REGION_ADMIN = "region_admin", "Administrateur·rice régional·e"

    email = models.EmailField("adresse e-mail", unique=True)
    first_name = models.CharField("prénom", max_length=150, blank=True)
    last_name = models.CharField("nom", max_length=150, blank=True)
    role = models.CharField("rôle régional", max_length=20, choices=Role.choices, blank=True, default="")
    is_active = models.BooleanField("actif", default=True)
    is_staff = models.BooleanField("accès à l'administration technique", default=False)
    date_joined = models.DateTimeField("inscrit le", default=timezone.now)
    # Accounts are deleted (or anonymised) SPRO_ACCOUNT_RETENTION_DAYS after deactivation.
    deactivated_at = models.DateTimeField("désactivé le", null=True, blank=True)
    anonymised_at = models.DateTimeField("anonymisé le", null=True, blank=True)

    objects = UserManager()
    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = "utilisateur·rice"
        verbose_name_plural = "utilisateur·rices"
        ordering = ["email"]

    def __str__(self):
        return self.get_full_name() or self.email

    def save(self, *args, **kwargs):
        # Whatever deactivates the account (Region screen, admin, shell) starts the retention clock.
        if self.is_active:
            self.deactivated_at = None
        elif self.deactivated_at is None:
            self.deactivated_at = timezone.now()
        fields = kwargs.get("update_fields")
        if fields is not None and "is_active" in fields:
            kwargs["update_fields"] = {*fields, "deactivated_at"}
        super().save(*args, **kwargs)

    def get_full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self):
        return self.first_name or self.email

    # The regional roles, defined here only; predicates in accounts/perms.py and templates read these.
    @property
    def is_region_admin(self) -> bool:
        return self.is_active and (self.role == self.Role.REGION_ADMIN or self.is_superuser)

    @property
    def is_support_team(self) -> bool:
        return self.is_active and self.role == self.Role.SUPPORT_TEAM


class Membership(models.Model):
    """Links a user to a structure with a role; the basis of every structure-scoped permission."""

    class Role(models.TextChoices):
        MEMBER = "member", "Membre"
        ADMIN = "admin", "Administrateur·rice de la structure"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    structure = models.ForeignKey("directory.Structure", on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("rôle", max_length=10, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "rattachement"
        constraints = [models.UniqueConstraint(fields=["user", "structure"], name="membership_unique_user_structure")]

    def __str__(self):
        return f"{self.user} — {self.structure} ({self.get_role_display()})"
