"""The Région's page to import the training offer (LHEO 2.3): a file or the configured address, in the background."""

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from apps.accounts.decorators import region_admin_required

from . import tasks
from .models import TrainingOffer

MAX_FEED_BYTES = 200 * 1024 * 1024


class FeedForm(forms.Form):
    fichier = forms.FileField(
        label="Fichier LHEO 2.3 (.xml)",
        required=False,
        help_text="Le flux de l'offre de formation exporté par le Carif-Oref, 200 Mo au plus.",
        widget=forms.ClearableFileInput(attrs={"accept": ".xml,application/xml,text/xml"}),
    )

    def clean_fichier(self):
        upload = self.cleaned_data.get("fichier")
        if upload is None:
            return None
        if not upload.name.lower().endswith(".xml"):
            raise forms.ValidationError("Fichier LHEO : choisissez un fichier .xml.")
        if upload.size > MAX_FEED_BYTES:
            raise forms.ValidationError("Fichier LHEO : 200 Mo au plus.")
        return upload


@region_admin_required
@require_http_methods(["GET", "POST"])
def import_page(request):
    form = FeedForm(request.POST or None, request.FILES or None)
    feed_url = settings.SPRO_LHEO_FEED_URL
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["fichier"]
        if upload is None and "adresse" in request.POST and feed_url:
            return redirect("training:import_status", tasks.queue_offer(url=feed_url, by=request.user).pk)
        if upload is not None:
            return redirect("training:import_status", tasks.queue_offer(upload=upload, by=request.user).pk)
        form.add_error("fichier", "Fichier LHEO : choisissez un fichier, ou importez depuis l'adresse configurée.")
    page = Paginator(TrainingOffer.objects.select_related("by"), 20).get_page(request.GET.get("page"))
    return render(request, "training/import.html", {"form": form, "feed_url": feed_url, "page": page})


@region_admin_required
def import_status(request, pk):
    """The progress of one import; while it runs, htmx asks this page again every two seconds."""
    offer = get_object_or_404(TrainingOffer, pk=pk)
    running = offer.state in (TrainingOffer.State.QUEUED, TrainingOffer.State.RUNNING)
    template = "training/_import_status.html" if request.htmx else "training/import_status.html"
    return render(request, template, {"offer": offer, "running": running})
