"""One function per e-mail. No personal data in e-mails: they link to the inbox, behind login."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.template.loader import render_to_string
from django.urls import reverse

from apps.accounts.models import User


def _members(structure) -> list[str]:
    if structure is None:
        return []
    return list(User.objects.filter(memberships__structure=structure, is_active=True).values_list("email", flat=True))


def _send(recipients: list[str], subject: str, template: str, context: dict) -> None:
    recipients = sorted(set(recipients))
    if not recipients:
        return
    body = render_to_string(template, context | {"site_url": settings.SPRO_SITE_URL})
    send_mass_mail([(subject, body, settings.DEFAULT_FROM_EMAIL, [r]) for r in recipients], fail_silently=False)


def _link(referral) -> str:
    return settings.SPRO_SITE_URL + reverse("orientation:referral", args=[referral.pk])


def referral_sent(referral) -> None:
    context = {"referral": referral, "link": _link(referral)}
    _send(
        _members(referral.receiver_structure),
        f"Nouvelle fiche navette n° {referral.pk} à traiter",
        "orientation/email/referral_sent.txt",
        context,
    )
    if referral.sender_user is not None:
        _send(
            [referral.sender_user.email],
            f"Fiche navette n° {referral.pk} envoyée",
            "orientation/email/referral_ack.txt",
            context,
        )


def _sender_recipients(referral) -> list[str]:
    if referral.sender_user is not None and referral.sender_user.is_active:
        return [referral.sender_user.email]
    return _members(referral.sender_structure)


def referral_changed(referral, action: str) -> None:
    context = {"referral": referral, "link": _link(referral), "action": action}
    subject = f"Fiche navette n° {referral.pk} : {referral.get_state_display().lower()}"
    if action == "cancel":
        _send(_members(referral.receiver_structure), subject, "orientation/email/referral_changed.txt", context)
    else:
        _send(_sender_recipients(referral), subject, "orientation/email/referral_changed.txt", context)


def referral_overdue(referral) -> None:
    context = {"referral": referral, "link": _link(referral)}
    _send(
        _members(referral.receiver_structure),
        f"Rappel : fiche navette n° {referral.pk} en attente de réponse",
        "orientation/email/referral_overdue.txt",
        context,
    )
