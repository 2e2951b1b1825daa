"""Writes on professional accounts by the Region: deactivation, memberships, deletion after retention."""

from datetime import timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from . import invitations
from .models import Membership, User


def deactivate_user(user: User, *, by: User) -> None:
    if user.pk == by.pk:
        raise ValidationError("Vous ne pouvez pas désactiver votre propre compte.")
    user.is_active = False
    # Its open sessions end at their next request: Django's backend refuses inactive users.
    user.save(update_fields=["is_active"])


def reactivate_user(user: User) -> None:
    if user.anonymised_at:
        raise ValidationError("Ce compte a été anonymisé : il ne peut plus être réactivé.")
    user.is_active = True
    user.save(update_fields=["is_active"])


@transaction.atomic
def create_account(
    *, email: str, first_name: str, last_name: str, structure=None, membership_role: str = "", role: str = ""
) -> User:
    """An account without a password, its membership, and the invitation e-mail once the transaction commits."""
    user = User.objects.create_user(email=email, password=None, first_name=first_name, last_name=last_name, role=role)
    if structure is not None:
        Membership.objects.create(user=user, structure=structure, role=membership_role or Membership.Role.MEMBER)
    reason = f"rattaché·e à {structure.name}" if structure is not None else user.get_role_display()
    transaction.on_commit(lambda: invitations.invite(user, f"créé par la Région ({reason})"))
    return user


def resend_invitation(user: User) -> None:
    """A new link for an account that has never logged in (the earlier link stays valid until it expires)."""
    if not invitations.needs_invitation(user):
        raise ValidationError(
            "Ce compte a déjà servi : la personne se connecte avec son mot de passe (ou le réinitialise)."
        )
    if not user.is_active:
        raise ValidationError("Ce compte est désactivé : réactivez-le avant de renvoyer l'invitation.")
    invitations.invite(user, "invitation renvoyée par la Région")


def revoke_membership(membership: Membership) -> None:
    membership.delete()


def history_needs(user: User) -> bool:
    """A designation (protected) or a registration to a session (attendance figures) keeps the row."""
    return user.coordinator_roles.exists() or user.programme_registrations.exists()


@transaction.atomic
def anonymise(user: User, now=None) -> None:
    user.email = f"compte-{user.pk}@anonyme.invalid"
    user.first_name = user.last_name = ""
    user.role = ""
    user.is_staff = user.is_superuser = False
    user.set_unusable_password()
    user.anonymised_at = now or timezone.now()
    user.save()
    user.memberships.all().delete()


def prune_login_log(now=None) -> int:
    """Delete the login journal (addresses, browsers) older than SPRO_LOGIN_LOG_RETENTION_DAYS."""
    limit = (now or timezone.now()) - timedelta(days=settings.SPRO_LOGIN_LOG_RETENTION_DAYS)
    return sum(
        model.objects.filter(attempt_time__lt=limit).delete()[0]
        for model in [AccessLog, AccessFailureLog, AccessAttempt]
    )


def purge_deactivated_accounts(now=None) -> tuple[int, int]:
    """Accounts deactivated SPRO_ACCOUNT_RETENTION_DAYS ago: deleted, or anonymised when history needs them."""
    now = now or timezone.now()
    limit = now - timedelta(days=settings.SPRO_ACCOUNT_RETENTION_DAYS)
    due = User.objects.filter(is_active=False, deactivated_at__lte=limit, anonymised_at__isnull=True)
    deleted = anonymised = 0
    for user in due:
        if history_needs(user):
            anonymise(user, now)
            anonymised += 1
        else:
            user.delete()
            deleted += 1
    return deleted, anonymised
