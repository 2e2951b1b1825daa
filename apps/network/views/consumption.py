"""Consumption of a grant during the year (spending, travel expenses) and the Region's table of all conventions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from apps.core.bounds import year_in_range

from .. import consumption
from ..forms.followup import SpendingForm, TravelForm
from ..models import Grant, Spending
from ..services import GovernanceError
from .common import allowed, get_allowed, network_crumb
from .grants import _grant_crumbs


def _forms(request, grant, post=None):
    spending = SpendingForm(post, actions=consumption.budgeted_actions(grant), prefix="depense")
    travel = TravelForm(post, registrations=consumption.chargeable_registrations(grant), prefix="frais")
    return spending, travel


@login_required
def grant_consumption(request, pk):
    grant = get_allowed(request, "network.view_grant", Grant.objects.select_related("convention__territory"), pk=pk)
    can_declare = request.user.has_perm("network.declare_spending", grant)
    spending_form, travel_form = _forms(request, grant)
    if request.method == "POST":
        allowed(request, "network.declare_spending", grant)
        spending_form, travel_form = _forms(request, grant, request.POST)
        form = travel_form if "frais-registration" in request.POST else spending_form
        if form.is_valid() and _save(request, grant, form):
            return redirect("network:grant_consumption", grant.pk)
    context = {
        "grant": grant,
        "consumption": consumption.consumption_of(grant),
        "actions": consumption.budgeted_actions(grant),
        "spendings": grant.spendings.select_related("action", "registration__session", "declared_by"),
        "can_declare": can_declare and grant.balance_requested_on is None,
        "spending_form": spending_form,
        "travel_form": travel_form,
        "threshold": consumption.alert_percent(),
        "alert_date": consumption.alert_date(grant.convention.year),
        "crumbs": [*_grant_crumbs(grant), ("Consommation", "")],
    }
    return render(request, "network/consumption.html", context)


def _save(request, grant, form) -> bool:
    data = form.cleaned_data
    try:
        if isinstance(form, TravelForm):
            consumption.charge_travel(grant, data["registration"], data["amount_cents"], by=request.user)
            messages.success(request, "Les frais de déplacement sont imputés sur la subvention.")
        else:
            consumption.declare_spending(
                grant,
                label=data["label"],
                amount_cents=data["amount_cents"],
                spent_on=data["spent_on"],
                action=data.get("action"),
                by=request.user,
            )
            messages.success(request, "La dépense est enregistrée.")
    except GovernanceError as error:
        form.add_error(None, str(error))
        return False
    return True


@login_required
def spending_withdraw(request, pk):
    """GET asks for confirmation, POST withdraws the spending."""
    spending = get_object_or_404(Spending.objects.select_related("grant__convention"), pk=pk)
    allowed(request, "network.declare_spending", spending.grant)
    if request.method != "POST":
        crumbs = [*_grant_crumbs(spending.grant), ("Retirer une dépense", "")]
        return render(request, "network/spending_withdraw.html", {"spending": spending, "crumbs": crumbs})
    try:
        consumption.withdraw_spending(spending, by=request.user)
    except GovernanceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"La dépense « {spending.label} » est retirée.")
    return redirect("network:grant_consumption", spending.grant_id)


@login_required
def consumption_table(request):
    allowed(
        request,
        "network.view_consumption_table",
        None,
        "Le tableau régional de la consommation est réservé à la Région.",
    )
    year = year_in_range(request.GET.get("annee")) or timezone.localdate().year
    rows = consumption.regional_table(year)
    totals = {
        "envelope": sum(r.envelope_cents for r in rows),
        "budgeted": sum(r.budgeted_cents for r in rows),
        "spent": sum(r.spent_cents for r in rows),
        "travel": sum(r.travel_cents for r in rows),
    }
    context = {
        "rows": rows,
        "year": year,
        "totals": totals,
        "threshold": consumption.alert_percent(),
        "alert_date": consumption.alert_date(year),
        "crumbs": [network_crumb(), ("Consommation des conventions", "")],
    }
    return render(request, "network/consumption_table.html", context)
