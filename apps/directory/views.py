"""Staff pages where members keep their structure's offer up to date."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from apps.core.redirects import safe_next
from apps.core.text import normalize

from . import services
from .editable import structures_of
from .forms import PlaceForm, ServiceForm, StructureCreateForm, StructureForm
from .models import Place, Service, Structure
from .selectors import services_to_verify, structure_history


def _structure_for_edit(request, slug) -> Structure:
    structure = get_object_or_404(Structure, slug=slug)
    if not request.user.has_perm("directory.edit_offer", structure):
        raise PermissionDenied("Vous ne pouvez modifier que l'offre de votre structure.")
    return structure


@login_required
def structure_list(request):
    structures = structures_of(request.user)
    query = request.GET.get("q", "").strip()
    if query:
        structures = [s for s in structures if normalize(query) in normalize(s.name)]
    page = Paginator(structures, 50).get_page(request.GET.get("page"))
    return render(request, "directory/structure_list.html", {"page": page, "query": query})


@login_required
def structure_manage(request, slug):
    structure = _structure_for_edit(request, slug)
    return render(
        request,
        "directory/structure_manage.html",
        {
            "structure": structure,
            "places": structure.places.select_related("commune").order_by("name"),
            "services": structure.services.order_by("name"),
            "history": structure_history(structure)[:20],
        },
    )


@login_required
def structure_create(request):
    if not request.user.has_perm("directory.manage_vocabularies"):
        raise PermissionDenied("Seule la Région ajoute des structures.")
    form = StructureCreateForm(request.POST or None, can_change_network=True)
    if request.method == "POST" and form.is_valid():
        structure = form.save()
        messages.success(request, f"La structure « {structure.name} » a été créée.")
        return redirect("directory:structure", structure.slug)
    return render(request, "directory/form.html", {"form": form, "title": "Ajouter une structure"})


@login_required
def structure_edit(request, slug):
    structure = _structure_for_edit(request, slug)
    form = StructureForm(request.POST or None, instance=structure, can_change_network=request.user.is_region_admin)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Les informations de la structure ont été enregistrées.")
        return redirect("directory:structure", structure.slug)
    return render(
        request, "directory/form.html", {"form": form, "title": f"Modifier {structure.name}", "structure": structure}
    )


@login_required
def place_edit(request, slug, pk=None):
    structure = _structure_for_edit(request, slug)
    place = get_object_or_404(Place, pk=pk, structure=structure) if pk else Place(structure=structure)
    form = PlaceForm(request.POST or None, instance=place)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Le lieu « {place.name} » a été enregistré.")
        return redirect("directory:structure", structure.slug)
    title = f"Modifier le lieu {place.name}" if pk else "Ajouter un lieu d'accueil"
    return render(
        request, "directory/form.html", {"form": form, "title": title, "structure": structure, "communes_list": True}
    )


@login_required
def service_edit(request, slug, pk=None):
    structure = _structure_for_edit(request, slug)
    service = get_object_or_404(Service, pk=pk, structure=structure) if pk else Service(structure=structure)
    form = ServiceForm(request.POST or None, instance=service, structure=structure)
    if request.method == "POST" and form.is_valid():
        service = form.save(commit=False)
        form.save_reach_code(service)
        services.save_service(service, [int(pk) for pk in form.cleaned_data["place_ids"]])
        form.save_m2m()
        messages.success(request, f"Le service « {service.name} » a été enregistré et marqué comme vérifié.")
        return redirect("directory:structure", structure.slug)
    title = f"Modifier le service {service.name}" if pk else "Ajouter un service"
    return render(request, "directory/form.html", {"form": form, "title": title, "structure": structure})


@login_required
@require_POST
def service_verify(request, slug, pk):
    structure = _structure_for_edit(request, slug)
    service = get_object_or_404(Service, pk=pk, structure=structure)
    services.mark_verified(service)
    messages.success(request, f"« {service.name} » est marqué comme vérifié aujourd'hui.")
    return redirect(safe_next(request, "directory:to_verify"))


@login_required
def service_toggle(request, slug, pk):
    """Withdraw a service from the search (or put it back), after a confirmation page."""
    structure = _structure_for_edit(request, slug)
    service = get_object_or_404(Service, pk=pk, structure=structure)
    if request.method == "POST":
        service.is_active = not service.is_active
        service.save(update_fields=["is_active", "updated_at"])
        state = "remis en ligne" if service.is_active else "retiré de la recherche"
        messages.success(request, f"Le service « {service.name} » a été {state}.")
        return redirect("directory:structure", structure.slug)
    return render(request, "directory/service_toggle.html", {"service": service, "structure": structure})


@login_required
def to_verify(request):
    qs = services_to_verify(structures_of(request.user))
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "directory/to_verify.html", {"page": page})
