"""Pages of the grants: list with totals, creation, detail with payments, balance request, payment, CSV."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from apps.core.bounds import year_in_range

from .. import exports, selectors, services
from ..forms.grants import BalanceRequestForm, GrantForm, PaymentForm
from ..models import Convention, Grant, GrantPayment
from ..money import format_euros
from .common import allowed, download, form_page, get_allowed
from .conventions import _crumbs

ONLY_REGION_GRANTS = "Seule la Région saisit les subventions et enregistre les versements."


def _grant_crumbs(grant):
    return [*_crumbs(grant.convention), ("Subvention", grant.get_absolute_url())]


def _filtered(request):
    grants = selectors.visible_grants(request.user)
    year = year_in_range(request.GET.get("annee"))
    if year:
        grants = grants.filter(convention__year=year)
    return grants, str(year or "")  # never the raw text: it goes into a file name


@login_required
def grant_list(request):
    grants, year = _filtered(request)
    summaries = selectors.grant_summaries(grants)
    if request.GET.get("retard") == "1":
        summaries = [s for s in summaries if s.balance_overdue]
    context = {
        "summaries": summaries,
        "totals": selectors.totals(summaries),
        "year": year,
        "overdue_only": request.GET.get("retard") == "1",
    }
    return render(request, "network/grant_list.html", context)


def _csv_response(text: str, name: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def grants_csv(request):
    grants, year = _filtered(request)
    name = f"subventions-spro-{year or 'toutes'}-{timezone.localdate():%Y%m%d}.csv"
    return _csv_response(exports.grants_csv(selectors.grant_summaries(grants)), name)


@login_required
def payments_csv(request):
    grants, year = _filtered(request)
    payments = GrantPayment.objects.filter(grant__in=grants).select_related(
        "grant__convention__territory", "grant__beneficiary"
    )
    payments = payments.order_by("grant__convention__year", "grant__convention__territory__name", "due_on")
    name = f"versements-spro-{year or 'tous'}-{timezone.localdate():%Y%m%d}.csv"
    return _csv_response(exports.payments_csv(payments), name)


@login_required
def grant_edit(request, pk):
    convention = get_allowed(request, "network.view_convention", Convention, pk=pk)
    allowed(request, "network.manage_conventions", None, ONLY_REGION_GRANTS)
    grant = getattr(convention, "grant", None) or Grant(convention=convention)
    form = GrantForm(request.POST or None, instance=grant, convention=convention)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_grant(form.save(commit=False), by=request.user)
        except services.GovernanceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "La subvention a été enregistrée.")
            return redirect(convention)
    title = f"Subvention — {convention}"
    return form_page(request, form, title, convention.get_absolute_url(), _crumbs(convention))


@login_required
def grant_detail(request, pk):
    grant = get_allowed(request, "network.view_grant", Grant.objects.select_related("convention__territory"), pk=pk)
    context = {
        "grant": grant,
        "summary": selectors.grant_summary(grant),
        "payments": grant.payments.all(),
        "advance_plan": services.advance_plan(grant),
        "can_manage": request.user.has_perm("network.manage_conventions"),
        "can_request": request.user.has_perm("network.request_balance", grant),
        "crumbs": _crumbs(grant.convention),
    }
    return render(request, "network/grant_detail.html", context)


@login_required
def balance_request(request, pk):
    grant = get_allowed(request, "network.request_balance", Grant.objects.select_related("convention"), pk=pk)
    form = BalanceRequestForm(request.POST or None, request.FILES or None, grant=grant)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            payment = services.request_balance(
                grant, data["requested_on"], data["spent_cents"], data["spending_report"], by=request.user
            )
        except services.GovernanceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Demande de solde enregistrée : {format_euros(payment.amount_cents)} à verser.")
            return redirect(grant)
    return form_page(request, form, f"Demander le solde — {grant}", grant.get_absolute_url(), _grant_crumbs(grant))


@login_required
def payment_paid(request, pk):
    payment = get_object_or_404(GrantPayment.objects.select_related("grant__convention__territory"), pk=pk)
    allowed(request, "network.manage_conventions", None, ONLY_REGION_GRANTS)
    grant = payment.grant
    form = PaymentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.mark_paid(payment, form.cleaned_data["paid_on"], form.cleaned_data["reference"], by=request.user)
        except services.GovernanceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Versement « {payment.label} » enregistré.")
            return redirect(grant)
    title = f"Enregistrer le versement : {payment.label}"
    return form_page(request, form, title, grant.get_absolute_url(), _grant_crumbs(grant))


@login_required
def spending_report_download(request, pk):
    grant = get_allowed(request, "network.view_grant", Grant, pk=pk)
    return download(grant.spending_report, "Aucun compte rendu des dépenses n'a été déposé.")
