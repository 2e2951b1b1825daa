"""The Region's table of the annual reports (with reminders) and the yearly barometer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from apps.core.bounds import year_in_range
from apps.geo.models import Territory

from .. import synthesis
from ..forms.followup import BarometerAnswerForm, BarometerOpenForm
from ..models import Barometer
from ..services import GovernanceError
from .common import allowed, form_page, network_crumb

ONLY_REGION = "La synthèse régionale et le baromètre sont préparés par la Région."


def _year(year: int) -> int:
    if not year_in_range(str(year)):
        raise Http404("Année hors des bornes.")
    return year


@login_required
def synthesis_page(request, year):
    allowed(request, "network.view_synthesis", None, ONLY_REGION)
    year = _year(year)
    context = synthesis.crefop_section(year) | {
        "barometers": Barometer.objects.all(),
        "crumbs": [network_crumb(), (f"Synthèse régionale {year}", "")],
    }
    return render(request, "network/synthesis.html", context)


@login_required
@require_POST
def report_remind(request, year, code):
    allowed(request, "network.view_synthesis", None, ONLY_REGION)
    territory = get_object_or_404(Territory, code=code)
    try:
        synthesis.remind_report(territory, _year(year), by=request.user)
    except GovernanceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Relance envoyée à la coordination du territoire {territory}.")
    return redirect("network:synthesis", year)


@login_required
def barometer_open(request):
    allowed(request, "network.view_synthesis", None, ONLY_REGION)
    form = BarometerOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            barometer = synthesis.open_barometer(data["year"], data["opens_on"], data["closes_on"])
        except GovernanceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{barometer} créé : envoyez les invitations depuis ses résultats.")
            return redirect("network:barometer_results", barometer.year)
    crumbs = [network_crumb(), ("Ouvrir un baromètre", "")]
    return form_page(request, form, "Ouvrir le baromètre des attentes de l'année", reverse("network:home"), crumbs)


@login_required
@require_POST
def barometer_send(request, year):
    allowed(request, "network.view_synthesis", None, ONLY_REGION)
    barometer = get_object_or_404(Barometer, year=year)
    try:
        count = synthesis.send_barometer(barometer)
    except GovernanceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Invitation envoyée à {count} membre{'s' if count > 1 else ''} des territoires.")
    return redirect("network:barometer_results", year)


@login_required
def barometer_results(request, year):
    allowed(request, "network.view_synthesis", None, ONLY_REGION)
    barometer = get_object_or_404(Barometer, year=year)
    context = {
        "barometer": barometer,
        "results": synthesis.barometer_results(barometer),
        "crumbs": [network_crumb(), (str(barometer), "")],
    }
    return render(request, "network/barometer_results.html", context)


@login_required
def barometer_answer(request, year):
    barometer = get_object_or_404(Barometer, year=year)
    territories = synthesis.respondent_territories(request.user)
    if not territories:
        raise PermissionDenied("Le baromètre s'adresse aux membres des structures des territoires SPRO.")
    context = {"barometer": barometer, "crumbs": [network_crumb(), (str(barometer), "")]}
    if synthesis.has_answered(barometer, request.user) or not synthesis.is_open(barometer):
        context["closed"] = True
        context["answered"] = synthesis.has_answered(barometer, request.user)
        return render(request, "network/barometer_answer.html", context)
    ids = [t.pk for t in territories]
    form = BarometerAnswerForm(request.POST or None, territories=Territory.objects.filter(pk__in=ids).order_by("name"))
    if request.method == "POST" and form.is_valid():
        try:
            synthesis.answer_barometer(barometer, request.user, form.cleaned_data["territory"], form.cleaned_data)
        except GovernanceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Merci : votre réponse anonyme est enregistrée.")
            return redirect("network:home")
    return render(request, "network/barometer_answer.html", context | {"form": form})
