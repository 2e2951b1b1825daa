"""One function per e-mail of the governance. E-mails link to pages behind login."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.template.loader import render_to_string

from apps.accounts.models import User


def _send(recipients, subject: str, template: str, context: dict) -> int:
    recipients = sorted({r for r in recipients if r})
    if not recipients:
        return 0
    body = render_to_string(template, context | {"site_url": settings.SPRO_SITE_URL})
    return send_mass_mail([(subject, body, settings.DEFAULT_FROM_EMAIL, [r]) for r in recipients])


def _structure_recipients(structure) -> list[str]:
    members = User.objects.filter(memberships__structure=structure, is_active=True).values_list("email", flat=True)
    return [*members, structure.email]


def signature_reminder(document, structure) -> int:
    """Remind a structure that its signature of a convention or an amendment is awaited."""
    convention = getattr(document, "convention", document)
    subject = f"{document} : votre signature est attendue"
    context = {
        "document": document,
        "convention": convention,
        "structure": structure,
        "link": settings.SPRO_SITE_URL + document.get_absolute_url(),
    }
    return _send(_structure_recipients(structure), subject, "network/email/signature_reminder.txt", context)


def report_submitted(report) -> int:
    admins = User.objects.region_admins().values_list("email", flat=True)
    context = {"report": report, "link": settings.SPRO_SITE_URL + report.get_absolute_url()}
    return _send(admins, f"{report} : transmis à la Région", "network/email/report_submitted.txt", context)


def consumption_alerts(alerts, recipients, percent: int) -> int:
    """Tell the Region which grants are consumed below the threshold (`percent`) at the alert date."""
    context = {"alerts": alerts, "percent": percent, "link": settings.SPRO_SITE_URL + "/reseau/consommation/"}
    subject = f"SPRO : {len(alerts)} convention(s) consommée(s) à moins de {percent} %"
    return _send(recipients, subject, "network/email/consumption_alert.txt", context)


def report_reminder(territory, year: int, recipients) -> int:
    context = {"territory": territory, "year": year, "site_url": settings.SPRO_SITE_URL}
    subject = f"Bilan d'activité {year} du SPRO {territory} : votre bilan est attendu"
    return _send(recipients, subject, "network/email/report_reminder.txt", context)


def barometer_invitation(barometer, recipients) -> int:
    subject = f"{barometer} : donnez votre avis sur le SPRO de votre territoire"
    return _send(recipients, subject, "network/email/barometer_invitation.txt", {"barometer": barometer})
