"""The documents of a territory (diagnostics, panoramas): listed for the network, versions added by its
coordinators and the Région, each version downloadable."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from apps.geo.models import Territory
from apps.network.views.common import download

from . import selectors
from .forms import DocumentForm
from .models import DocumentVersion
from .services import add_document_version

NETWORK_ONLY = "Les documents des territoires sont réservés aux professionnel·les du réseau."


@login_required
@require_GET
def documents(request, code):
    territory = get_object_or_404(Territory, code=code)
    if not request.user.has_perm("territories.view_documents"):
        raise PermissionDenied(NETWORK_ONLY)
    context = {
        "territory": territory,
        "documents": selectors.documents(territory),
        "can_add": request.user.has_perm("territories.add_document", territory),
    }
    return render(request, "territories/documents.html", context)


@login_required
def upload(request, code):
    territory = get_object_or_404(Territory, code=code)
    if not request.user.has_perm("territories.add_document", territory):
        raise PermissionDenied("Seul·es les coordinateur·rices du territoire et la Région déposent ses documents.")
    initial = {"kind": request.GET.get("type", ""), "title": request.GET.get("titre", "")[:200]}
    form = DocumentForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        version = add_document_version(territory, data["kind"], data["title"], data["file"], request.user, data["note"])
        messages.success(request, f"« {version.document.title} » : version {version.number} déposée.")
        return redirect("territories:documents", code=territory.code)
    return render(request, "territories/document_upload.html", {"territory": territory, "form": form})


@login_required
@require_GET
def version_file(request, pk):
    version = get_object_or_404(DocumentVersion.objects.select_related("document"), pk=pk)
    if not request.user.has_perm("territories.view_documents"):
        raise PermissionDenied(NETWORK_ONLY)
    return download(version.file, "Ce document n'est plus disponible.")
