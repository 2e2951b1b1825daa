"""Staff page where a region admin imports a data·inclusion file (all or nothing)."""

from django import forms
from django.shortcuts import render

from apps.accounts.decorators import region_admin_required
from apps.directory import exchange

ACCEPT = ".json,.csv,application/json,text/csv"


class ImportForm(forms.Form):
    structures = forms.FileField(
        label="Fichier des structures",
        required=False,
        help_text="structures.json ou structures.csv (format data·inclusion v1).",
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )
    services = forms.FileField(
        label="Fichier des services",
        required=False,
        help_text='services.json ou services.csv ; un fichier JSON {"structures": […], "services": […]} suffit seul.',
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("structures") and not cleaned.get("services"):
            raise forms.ValidationError("Joignez au moins un fichier : structures, services, ou les deux.")
        return cleaned

    def uploads(self) -> dict:
        return {
            name: (upload.name, upload.read()) if upload else None
            for name, upload in ((n, self.cleaned_data.get(n)) for n in ("structures", "services"))
        }


@region_admin_required
def import_page(request):
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    context = {"form": form, "title": "Importer des données data·inclusion"}
    if form.is_bound and form.is_valid():
        uploads = form.uploads()
        try:
            context["counts"] = exchange.import_files(uploads["structures"], uploads["services"])
        except exchange.ExchangeError as error:
            context["import_errors"] = error.errors
    return render(request, "directory/import.html", context)
