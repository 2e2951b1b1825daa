"""Reads of the orientation domain: inboxes, scoped to the user's structures."""

from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import Reception, Referral

S = Referral.State
BOXES = {
    "a-traiter": "À traiter",
    "en-retard": "En retard",
    "envoyees": "Envoyées",
    "terminees": "Terminées",
}


def visible_referrals(user) -> QuerySet:
    """Referrals sent or received by one of the user's structures. Nobody else sees them, not even the Region."""
    ids = list(user.memberships.values_list("structure_id", flat=True)) if user.is_authenticated else []
    return Referral.objects.filter(Q(sender_structure_id__in=ids) | Q(receiver_structure_id__in=ids))


def inbox(user, box: str) -> QuerySet:
    ids = list(user.memberships.values_list("structure_id", flat=True))
    qs = Referral.objects.select_related("sender_structure", "receiver_structure", "status", "theme")
    open_states = [S.SENT, S.RECEIVED, S.ACCEPTED, S.CONTACTED, S.APPOINTMENT_HELD, S.NO_SHOW]
    if box == "envoyees":
        return qs.filter(sender_structure_id__in=ids).order_by("-sent_at")
    if box == "en-retard":
        return qs.filter(
            receiver_structure_id__in=ids, state__in=[S.SENT, S.RECEIVED], deadline__lt=timezone.localdate()
        ).order_by("deadline")
    if box == "terminees":
        return qs.filter(receiver_structure_id__in=ids).exclude(state__in=open_states).order_by("-closed_at")
    return qs.filter(receiver_structure_id__in=ids, state__in=open_states).order_by("deadline", "sent_at")


def box_counts(user) -> dict[str, int]:
    return {box: inbox(user, box).count() for box in BOXES}


def receptions_of(structures) -> QuerySet:
    return (
        Reception.objects.filter(structure__in=structures)
        .select_related("structure", "status")
        .prefetch_related("themes")
    )
