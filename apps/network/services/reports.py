"""Writes on the action plan and the annual activity report; the report as a PDF."""

from django.apps import apps as django_apps
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from .. import notifications
from ..figures import territory_figures
from ..models import ActionPlan, AnnualReport, Meeting, PlannedAction
from .common import GovernanceError, save_as


def action_plan(territory, year: int) -> ActionPlan:
    plan, _ = ActionPlan.objects.get_or_create(territory=territory, year=year)
    return plan


@transaction.atomic
def start_report(territory, year: int, by=None) -> AnnualReport:
    """The draft report of the year, pre-filled with the territory's figures."""
    report = AnnualReport.objects.filter(territory=territory, year=year).first()
    if report is not None:
        return report
    report = AnnualReport(territory=territory, year=year)
    _fill_figures(report)
    return save_as(report, by)


def _fill_figures(report: AnnualReport) -> None:
    report.figures = territory_figures(report.territory, report.year)
    report.figures_computed_at = timezone.now()


def refresh_figures(report: AnnualReport, by=None) -> AnnualReport:
    if not report.is_draft:
        raise GovernanceError("Le bilan est transmis : ses chiffres sont figés.")
    _fill_figures(report)
    return save_as(report, by)


@transaction.atomic
def submit_report(report: AnnualReport, by=None) -> AnnualReport:
    """Freeze the figures and send the report to the Region."""
    if not report.is_draft:
        raise GovernanceError("Ce bilan a déjà été transmis à la Région.")
    missing = [AnnualReport._meta.get_field(name).verbose_name for name in AnnualReport.REQUIRED_TO_SUBMIT]
    missing = [
        label
        for name, label in zip(AnnualReport.REQUIRED_TO_SUBMIT, missing, strict=True)
        if not getattr(report, name).strip()
    ]
    if missing:
        raise GovernanceError("Complétez avant de transmettre : " + ", ".join(missing) + ".")
    _fill_figures(report)
    report.status = AnnualReport.Status.SUBMITTED
    report.submitted_at = timezone.now()
    report.submitted_by = by
    save_as(report, by)
    transaction.on_commit(lambda: notifications.report_submitted(report))
    return report


def reopen_report(report: AnnualReport, by=None) -> AnnualReport:
    """The Region sends a submitted report back to the coordinator for changes."""
    if report.is_draft:
        raise GovernanceError("Ce bilan est déjà en cours de rédaction.")
    report.status = AnnualReport.Status.DRAFT
    report.submitted_at = None
    return save_as(report, by)


def report_context(report: AnnualReport) -> dict:
    plan = ActionPlan.objects.filter(territory=report.territory, year=report.year).first()
    actions = plan.actions.prefetch_related("partners") if plan else PlannedAction.objects.none()
    meetings = Meeting.objects.filter(
        committee__territory=report.territory, committee__kind="local", starts_at__year=report.year
    ).order_by("starts_at")
    texts = [
        (AnnualReport._meta.get_field(name).verbose_name, getattr(report, name)) for name in AnnualReport.TEXT_FIELDS
    ]
    context = {"report": report, "plan": plan, "actions": actions, "meetings": meetings, "texts": texts}
    return context | {"events": programme_events(report.territory, report.year)}


def programme_events(territory, year: int) -> list:
    """The support programme's sessions held in the territory that year (none without the programme app)."""
    if not django_apps.is_installed("apps.programme"):
        return []
    from apps.programme.selectors import territory_year_sessions

    return list(territory_year_sessions(territory, year))


def report_pdf(report: AnnualReport) -> bytes:
    """The report as a PDF (WeasyPrint, with Debian's Pango)."""
    from weasyprint import HTML  # imported here: loading Pango is only needed for this export

    html = render_to_string("network/report_pdf.html", report_context(report))
    return HTML(string=html).write_pdf()
