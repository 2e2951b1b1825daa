"""Pages of the action plan (programme d'activités) and the annual activity report, with its PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from apps.geo.models import Territory

from .. import services
from ..forms.plans import ActionPlanForm, PlannedActionForm, ReportForm
from ..models import ActionPlan, AnnualReport, PlannedAction
from ..models.common import FIRST_YEAR, LAST_YEAR
from .common import allowed, form_page, network_crumb, run


def _territory(request, code, year, perm) -> Territory:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404("Année hors des limites.")
    territory = get_object_or_404(Territory, code=code)
    return allowed(request, perm, territory)


def _crumbs(territory):
    return [network_crumb(), (territory.name, reverse("network:territory", args=[territory.code]))]


@login_required
def plan(request, code, year):
    territory = _territory(request, code, year, "network.view_plan")
    can_change = request.user.has_perm("network.change_plan", territory)
    plan = ActionPlan.objects.filter(territory=territory, year=year).first()
    if plan is None and can_change:
        plan = services.action_plan(territory, year)
    form = ActionPlanForm(request.POST or None, instance=plan) if can_change else None
    if request.method == "POST" and form is not None and form.is_valid():
        form.save()
        messages.success(request, "Les priorités de l'année ont été enregistrées.")
        return redirect(plan)
    actions = plan.actions.prefetch_related("partners") if plan else PlannedAction.objects.none()
    context = {
        "territory": territory,
        "year": year,
        "plan": plan,
        "actions": actions,
        "form": form,
        "can_change": can_change,
        "crumbs": _crumbs(territory),
    }
    return render(request, "network/plan.html", context)


@login_required
def action_edit(request, code, year, pk=None):
    territory = _territory(request, code, year, "network.change_plan")
    plan = services.action_plan(territory, year)
    action = get_object_or_404(PlannedAction, pk=pk, plan=plan) if pk else PlannedAction(plan=plan)
    form = PlannedActionForm(request.POST or None, instance=action, territory=territory)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"L'action « {form.instance.title} » a été enregistrée.")
        return redirect(plan)
    title = f"Modifier l'action {action.title}" if pk else f"Nouvelle action — programme {year}"
    crumbs = [*_crumbs(territory), (f"Programme d'activités {year}", plan.get_absolute_url())]
    return form_page(request, form, title, plan.get_absolute_url(), crumbs)


@login_required
def report(request, code, year):
    territory = _territory(request, code, year, "network.view_report")
    report = AnnualReport.objects.filter(territory=territory, year=year).select_related("submitted_by").first()
    context = {
        "territory": territory,
        "year": year,
        "report": report,
        "can_start": report is None and request.user.has_perm("network.change_plan", territory),
        "can_change": report is not None and request.user.has_perm("network.change_report", report),
        "can_reopen": report is not None and not report.is_draft and request.user.has_perm("network.reopen_report"),
        "crumbs": _crumbs(territory),
    }
    if report is not None:
        context |= services.report_context(report)
    return render(request, "network/report.html", context)


@login_required
@require_POST
def report_start(request, code, year):
    territory = _territory(request, code, year, "network.change_plan")
    services.start_report(territory, year, by=request.user)
    messages.success(request, f"Le bilan {year} est prêt, pré-rempli avec les chiffres du territoire.")
    return redirect("network:report", territory.code, year)


def _report(request, code, year, perm) -> AnnualReport:
    territory = _territory(request, code, year, "network.view_report")
    report = get_object_or_404(AnnualReport, territory=territory, year=year)
    return allowed(request, perm, report, "Ce bilan a été transmis : il n'est plus modifiable.")


@login_required
def report_edit(request, code, year):
    report = _report(request, code, year, "network.change_report")
    form = ReportForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        services.common.save_as(form.save(commit=False), request.user)
        messages.success(request, "Le bilan a été enregistré.")
        return redirect(report)
    crumbs = [*_crumbs(report.territory), (f"Bilan d'activité {year}", report.get_absolute_url())]
    return form_page(request, form, f"Rédiger le bilan d'activité {year}", report.get_absolute_url(), crumbs)


@login_required
@require_POST
def report_refresh(request, code, year):
    report = _report(request, code, year, "network.change_report")
    action = lambda: services.refresh_figures(report, by=request.user)  # noqa: E731
    return run(request, action, "Les chiffres du bilan ont été recalculés.", report)


@login_required
@require_POST
def report_submit(request, code, year):
    report = _report(request, code, year, "network.change_report")
    action = lambda: services.submit_report(report, by=request.user)  # noqa: E731
    return run(request, action, "Le bilan a été transmis à la Région.", report)


@login_required
@require_POST
def report_reopen(request, code, year):
    report = _report(request, code, year, "network.reopen_report")
    action = lambda: services.reopen_report(report, by=request.user)  # noqa: E731
    return run(request, action, "Le bilan est rouvert : le territoire peut le compléter.", report)


@login_required
def report_pdf(request, code, year):
    report = _report(request, code, year, "network.view_report")
    response = HttpResponse(services.report_pdf(report), content_type="application/pdf")
    name = f"bilan-spro-{report.territory.code}-{year}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
