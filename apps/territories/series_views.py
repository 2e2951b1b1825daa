"""The Région imports series from outside (CSV, all-or-nothing)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max
from django.shortcuts import redirect, render

from .forms import SeriesImportForm
from .models import SeriesImport, SeriesValue
from .series import COLUMNS, SeriesImportError, import_series


@login_required
def series_import(request):
    if not request.user.has_perm("territories.import_series"):
        raise PermissionDenied("Seule l'administration régionale importe des séries.")
    errors = []
    if request.method == "POST":
        form = SeriesImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                imported = import_series(upload.read(), upload.name, request.user)
            except SeriesImportError as error:
                errors = error.errors
            else:
                messages.success(request, f"{imported.rows} valeur(s) importée(s) depuis « {imported.filename} ».")
                return redirect("territories:series_import")
    else:
        form = SeriesImportForm()
    series = (
        SeriesValue.objects.values("series", "unit", "source")
        .annotate(values=Count("id"), last=Max("period"))
        .order_by("series", "unit", "source")
    )
    context = {
        "form": form,
        "errors": errors,
        "columns": COLUMNS,
        "imports": SeriesImport.objects.select_related("imported_by")[:20],
        "series": series,
    }
    return render(request, "territories/series_import.html", context, status=400 if errors else 200)
