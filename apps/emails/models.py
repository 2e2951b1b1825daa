"""The e-mail queue: every message the platform sends is stored here, then sent by the task worker."""

import base64

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import models


class OutgoingEmail(models.Model):
    """One message. Its content is erased once sent; only the recipients and the subject stay, for the Région."""

    class Status(models.TextChoices):
        PENDING = "pending", "En attente"
        SENDING = "sending", "En cours d'envoi"
        SENT = "sent", "Envoyé"
        FAILED = "failed", "En échec"

    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)
    status = models.CharField("état", max_length=10, choices=Status.choices, default=Status.PENDING)
    recipients = models.TextField("destinataires")
    subject = models.CharField("objet", max_length=255)
    payload = models.JSONField("contenu", default=dict, blank=True)
    attempts = models.PositiveSmallIntegerField("tentatives", default=0)
    next_attempt_at = models.DateTimeField("prochaine tentative", null=True, blank=True)
    last_error = models.CharField("dernière erreur", max_length=255, blank=True)
    sent_at = models.DateTimeField("envoyé le", null=True, blank=True)

    class Meta:
        verbose_name = "e-mail sortant"
        verbose_name_plural = "e-mails sortants"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"], name="outgoingemail_status_created")]

    def __str__(self):
        return f"{self.subject} → {self.recipients}"

    @classmethod
    def from_message(cls, message: EmailMessage) -> "OutgoingEmail":
        payload = {
            "subject": str(message.subject),
            "body": str(message.body),
            "from_email": message.from_email,
            "to": list(message.to),
            "cc": list(message.cc),
            "bcc": list(message.bcc),
            "reply_to": list(message.reply_to),
            "headers": dict(message.extra_headers),
            "alternatives": [[str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])],
            "attachments": [_attachment(item) for item in message.attachments],
        }
        everyone = [*message.to, *message.cc, *message.bcc]
        return cls(recipients=", ".join(everyone), subject=str(message.subject)[:255], payload=payload)

    def to_message(self, connection) -> EmailMessage:
        data = self.payload
        message = EmailMultiAlternatives(
            subject=data["subject"],
            body=data["body"],
            from_email=data["from_email"],
            to=data["to"],
            cc=data["cc"],
            bcc=data["bcc"],
            reply_to=data["reply_to"],
            headers=data["headers"],
            connection=connection,
        )
        for content, mimetype in data["alternatives"]:
            message.attach_alternative(content, mimetype)
        for name, content, mimetype in data["attachments"]:
            message.attach(name, base64.b64decode(content), mimetype)
        return message


def _attachment(item) -> list:
    name, content, mimetype = item  # MIMEBase attachments are not used by the platform
    raw = content.encode() if isinstance(content, str) else content
    return [name, base64.b64encode(raw).decode(), mimetype]
