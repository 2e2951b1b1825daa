"""The figures of a territory for one civil year, which pre-fill its annual activity report.

Each provider returns rows {"key", "label", "value", "source"}. The governance rows always exist;
the orientation, interconnaissance and support-programme rows (events: sessions held in the territory)
are read from the indicators (`apps.indicators.reports.territory_year_figures`), so that the report and
the dashboards give the same figures; the person's voice from `apps.feedback.reports`, itself computed
with the indicators' measures.
"""

from django.db.models import Count, Q

from apps.feedback.reports import territory_figures as voice_figures
from apps.indicators.reports import territory_year_figures

from .models import Attendance, Convention, Meeting, PlannedAction


def _row(key: str, label: str, value: int, source: str) -> dict:
    return {"key": key, "label": label, "value": int(value), "source": source}


def governance_figures(territory, year: int) -> list[dict]:
    convention = Convention.objects.filter(territory=territory, year=year).first()
    parties = convention.signatories.filter(removed_on__isnull=True).count() if convention else 0
    meetings = Meeting.objects.filter(committee__territory=territory, committee__kind="local", starts_at__year=year)
    present = Attendance.objects.filter(meeting__in=meetings, presence=Attendance.Presence.PRESENT).count()
    actions = PlannedAction.objects.filter(plan__territory=territory, plan__year=year).aggregate(
        total=Count("pk"), done=Count("pk", filter=Q(status=PlannedAction.Status.DONE))
    )
    source = "gouvernance"
    return [
        _row("signatories", "Structures signataires de la convention", parties, source),
        _row("committee_meetings", "Réunions du comité de coordination locale", meetings.count(), source),
        _row("committee_attendance", "Présences aux réunions du comité", present, source),
        _row("planned_actions", "Actions inscrites au programme d'activités", actions["total"], source),
        _row("actions_done", "Actions réalisées", actions["done"], source),
    ]


def indicator_figures(territory, year: int) -> list[dict]:
    """The orientation, interconnaissance and programme figures, read from the indicators (one source)."""
    return territory_year_figures(territory, year)


def feedback_figures(territory, year: int) -> list[dict]:
    rows = []
    for row in voice_figures(territory, year) or []:
        rows.append(_row(str(row["key"]), str(row["label"]), int(row["value"]), row.get("source", "")))
    return rows


def territory_figures(territory, year: int) -> list[dict]:
    return governance_figures(territory, year) + indicator_figures(territory, year) + feedback_figures(territory, year)
