"""A member registers for a session, and cancels."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from .. import services
from ..forms import RegistrationForm
from ..models import Registration
from .common import get_session


@login_required
@require_POST
def register(request, pk):
    session = get_session(pk)
    if not request.user.has_perm("programme.register"):
        raise PermissionDenied("Seul·es les membres d'une structure du SPRO peuvent s'inscrire.")
    form = RegistrationForm(request.POST, user=request.user, session=session)
    if not form.is_valid():
        messages.error(request, "Choisissez la structure au titre de laquelle vous vous inscrivez.")
        return redirect(session)
    try:
        result = services.register(
            session,
            request.user,
            form.cleaned_data["structure"],
            travel_expenses=form.cleaned_data.get("travel_expenses", False),
        )
    except services.RegistrationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(session)
    registration = result.registration
    if not result.created:
        messages.info(request, "Vous êtes déjà inscrit·e à cette session.")
    elif registration.status == Registration.Status.CONFIRMED:
        messages.success(request, "Votre inscription est confirmée. Un e-mail de confirmation vous a été envoyé.")
    else:
        position = services.waitlist_position(registration)
        messages.warning(
            request,
            f"La session est complète : vous êtes inscrit·e sur la liste d'attente (position {position}). "
            "Vous serez prévenu·e par e-mail si une place se libère.",
        )
    return redirect(session)


@login_required
def cancel(request, pk):
    """GET asks for confirmation; POST cancels the member's own registration."""
    session = get_session(pk)
    registration = get_object_or_404(
        Registration.objects.exclude(status=Registration.Status.CANCELLED), session=session, user=request.user
    )
    if request.method != "POST":
        return render(request, "programme/cancel_confirm.html", {"session": session, "registration": registration})
    services.cancel_registration(registration, by_user=request.user)
    messages.success(request, "Votre inscription est annulée. Merci d'avoir libéré la place.")
    return redirect(session)
