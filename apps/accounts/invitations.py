"""Invitation of a new account: a signed link, valid SPRO_INVITATION_DAYS, with which the person sets a password.

The link carries a fingerprint of the password and last login: once a password is set, it no longer works.
"""

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.crypto import salted_hmac

from .models import User

SALT = "apps.accounts.invitation"


def _fingerprint(user: User) -> str:
    return salted_hmac(SALT, f"{user.pk}|{user.password}|{user.last_login}|{user.email}").hexdigest()[:24]


def make_token(user: User) -> str:
    return signing.dumps({"u": user.pk, "f": _fingerprint(user)}, salt=SALT, compress=True)


def user_for(token: str) -> User | None:
    """The invited user, or None if the link is altered, expired, already used or the account deactivated."""
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.SPRO_INVITATION_DAYS * 86400)
    except signing.BadSignature:  # includes SignatureExpired
        return None
    user = User.objects.filter(pk=data.get("u"), is_active=True).first()
    if user is None or data.get("f") != _fingerprint(user):
        return None
    return user


def link(user: User) -> str:
    return settings.SPRO_SITE_URL + reverse("accounts:invitation", args=[make_token(user)])


def invite(user: User, invited_for: str) -> None:
    """E-mail the invitation; `invited_for` says why the account exists (shown in the message)."""
    context = {
        "user": user,
        "link": link(user),
        "invited_for": invited_for,
        "days": settings.SPRO_INVITATION_DAYS,
        "site_url": settings.SPRO_SITE_URL,
    }
    body = render_to_string("accounts/invitation_email.txt", context)
    send_mail("Votre compte sur la plateforme du SPRO", body, settings.DEFAULT_FROM_EMAIL, [user.email])


def needs_invitation(user: User) -> bool:
    """A new account without a password (created by a designation or by the Région) has never logged in."""
    return not user.has_usable_password() and user.last_login is None
