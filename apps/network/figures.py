"""The figures of a territory for one civil year, which pre-fill its annual activity report.

Each provider returns rows {"key", "label", "value", "source"}. The governance rows always exist;
the orientation rows come from first receptions and fiches navettes; the person's voice rows from
apps.feedback.reports, in the same row format.
"""

from datetime import date

from django.db.models import Count, Q

from apps.feedback.reports import territory_figures as voice_figures
from apps.orientation.models import Reception, Referral

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


def orientation_figures(territory, year: int) -> list[dict]:
    start, end = date(year, 1, 1), date(year, 12, 31)
    receptions = Reception.objects.filter(structure__territory=territory, date__range=(start, end))
    in_year = Q(sent_at__date__range=(start, end))
    sent = Referral.objects.filter(in_year, sender_structure__territory=territory)
    received = Referral.objects.filter(in_year, receiver_structure__territory=territory)
    taken_up = received.filter(state__in=["contacted", "appointment_held", "closed"]).exclude(outcome="gave_up")
    source = "premiers accueils et fiches navettes"
    return [
        _row("receptions", "Premiers accueils enregistrés", receptions.count(), source),
        _row("referrals_sent", "Fiches navettes envoyées par les structures du territoire", sent.count(), source),
        _row("referrals_received", "Fiches navettes reçues par les structures du territoire", received.count(), source),
        _row("referrals_taken_up", "Fiches navettes reçues prises en charge (2e porte)", taken_up.count(), source),
    ]


def territory_figures(territory, year: int) -> list[dict]:
    return governance_figures(territory, year) + orientation_figures(territory, year) + voice_figures(territory, year)
