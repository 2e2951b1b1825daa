"""Region admins manage the networks and the three search vocabularies."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from apps.accounts.decorators import region_admin_required

from .forms import NetworkForm
from .models import InfoType, Network, Status, Theme

VOCABULARIES = {
    "statuts": (Status, "Statuts de l'usager"),
    "themes": (Theme, "Thèmes"),
    "types-information": (InfoType, "Types d'information"),
    "reseaux": (Network, "Réseaux"),
}


def _vocabulary(kind):
    if kind not in VOCABULARIES:
        raise Http404("Vocabulaire inconnu.")
    return VOCABULARIES[kind]


@region_admin_required
def vocabulary_index(request):
    sections = [(kind, label, model.objects.all()) for kind, (model, label) in VOCABULARIES.items()]
    return render(request, "directory/vocabularies.html", {"sections": sections})


@region_admin_required
def vocabulary_edit(request, kind, pk=None):
    model, label = _vocabulary(kind)
    instance = get_object_or_404(model, pk=pk) if pk else model()
    form_class = (
        NetworkForm
        if model is Network
        else forms.modelform_factory(model, fields=["code", "label", "position", "is_active"])
    )
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        item = form.save()
        messages.success(request, f"« {item.label} » a été enregistré dans {label.lower()}.")
        return redirect("directory:vocabularies")
    title = f"{label} : modifier « {instance.label} »" if pk else f"{label} : ajouter une valeur"
    return render(request, "directory/form.html", {"form": form, "title": title})
