"""Shared helpers of the programme views."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from ..models import Session


def get_session(pk: int) -> Session:
    return get_object_or_404(
        Session.objects.select_related(
            "action__axis", "axis", "territory", "organiser_structure", "place__commune", "survey"
        ),
        pk=pk,
    )


def managed_session(request, pk: int, perm: str = "programme.manage_session") -> Session:
    """The session, if the user organises it (support team, region admin or organiser structure); else 403."""
    session = get_session(pk)
    if not request.user.has_perm(perm, session):
        raise PermissionDenied("Seul·es les organisateur·rices de cette session ont accès à cette page.")
    return session


def session_with_participants(request, pk: int) -> Session:
    """The session, if the user may see who takes part (e-mails, lists, attendance, free-text answers)."""
    return managed_session(request, pk, "programme.see_participants")


def require_programme_manager(request) -> None:
    if not request.user.has_perm("programme.manage_programme"):
        raise PermissionDenied("Cette page est réservée à l'équipe d'appui et à la Région.")
