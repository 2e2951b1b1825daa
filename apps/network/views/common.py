"""Helpers of the governance views: permission checks, the generic form page, file downloads."""

from pathlib import PurePosixPath

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from ..services import GovernanceError

REFUSED = "Cette page concerne un autre territoire ou une autre structure que les vôtres."


def allowed(request, perm: str, obj=None, message: str = REFUSED):
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied(message)
    return obj


def get_allowed(request, perm: str, model_or_queryset, message: str = REFUSED, **lookup):
    return allowed(request, perm, get_object_or_404(model_or_queryset, **lookup), message)


def form_page(request, form, title: str, back_url: str, crumbs=(), **extra):
    """The generic form page of the governance (same layout as the directory forms)."""
    context = {"form": form, "title": title, "back_url": back_url, "crumbs": crumbs} | extra
    return render(request, "network/form.html", context)


def run(request, action, success: str, redirect_to):
    """Call a service; show its refusal as an error message instead of failing. Returns a redirect."""
    try:
        action()
    except GovernanceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    return redirect(redirect_to)


def download(field_file, missing: str = "Aucun document."):
    if not field_file:
        raise Http404(missing)
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as error:
        raise Http404(missing) from error
    return FileResponse(handle, as_attachment=True, filename=PurePosixPath(field_file.name).name)


def network_crumb():
    return ("Réseau", reverse("network:home"))
