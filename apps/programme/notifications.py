"""One function per e-mail of the programme, through django.core.mail (queued by apps.emails, sent by the worker).

A failing queue must not undo a registration that is already committed: failures are logged.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

logger = logging.getLogger(__name__)


def _session_link(session) -> str:
    return settings.SPRO_SITE_URL + reverse("programme:session", args=[session.pk])


def _send(to: str, subject: str, template: str, context: dict) -> bool:
    session = context["session"]
    context = context | {
        "site_url": settings.SPRO_SITE_URL,
        "link": _session_link(session),
        "ics_link": settings.SPRO_SITE_URL + reverse("programme:session_ics", args=[session.pk]),
        "starts_at": timezone.localtime(session.starts_at),
        "ends_at": timezone.localtime(session.ends_at),
    }
    body = render_to_string(f"programme/email/{template}.txt", context)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to], fail_silently=False)
    except Exception:  # the registration is saved; the organiser's list shows the truth
        logger.exception("E-mail « %s » to registration of session %s not sent", subject, session.pk)
        return False
    return True


def registration_received(registration) -> bool:
    session = registration.session
    if registration.status == registration.Status.CONFIRMED:
        subject = f"Inscription confirmée : {session.title}"
    else:
        subject = f"Liste d'attente : {session.title}"
    return _send(registration.user.email, subject, "registration_received", _context(registration))


def registration_promoted(registration) -> bool:
    session = registration.session
    subject = f"Une place s'est libérée : votre inscription à « {session.title} » est confirmée"
    return _send(registration.user.email, subject, "registration_promoted", _context(registration))


def registration_cancelled(registration) -> bool:
    subject = f"Désinscription enregistrée : {registration.session.title}"
    return _send(registration.user.email, subject, "registration_cancelled", _context(registration))


def session_reminder(registration) -> bool:
    subject = f"Rappel : « {registration.session.title} » a lieu demain"
    return _send(registration.user.email, subject, "session_reminder", _context(registration))


def session_cancelled(registration) -> bool:
    subject = f"Session annulée : {registration.session.title}"
    return _send(registration.user.email, subject, "session_cancelled", _context(registration))


def survey_invitation(registration) -> bool:
    survey_link = settings.SPRO_SITE_URL + reverse("programme:survey_answer", args=[registration.survey_token])
    subject = f"Votre avis sur « {registration.session.title} » (questionnaire anonyme)"
    context = _context(registration) | {"survey_link": survey_link}
    return _send(registration.user.email, subject, "survey_invitation", context)


def _context(registration) -> dict:
    return {"registration": registration, "session": registration.session}
