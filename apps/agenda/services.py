"""Writes of the public agenda: save an event entered by its author, delete one (after confirmation)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from .models import PublicEvent

REFUSED = "Vous ne pouvez saisir ou modifier que les événements de votre territoire."


@transaction.atomic
def save_event(form, by) -> PublicEvent:
    """Save a valid PublicEventForm; the author must be allowed in the event's territory (checked again here)."""
    event = form.save(commit=False)
    if not by.has_perm("agenda.change_event", event.territory):
        raise PermissionDenied(REFUSED)
    if event.pk is None:
        event.created_by = by
    event.save()
    return event


@transaction.atomic
def delete_event(event: PublicEvent, by) -> None:
    if not by.has_perm("agenda.change_event", event):
        raise PermissionDenied(REFUSED)
    event.delete()
