"""EMAIL_BACKEND of the platform: it queues each message instead of talking to the mail server.

Every send_mail/send_mass_mail/EmailMessage.send of the code (notifications, password reset, admin) goes
through it, so a request never waits on the mail server and never fails because it is down.
"""

from django.core.mail.backends.base import BaseEmailBackend

from . import services


class QueuedEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        return services.queue_messages(list(email_messages))
