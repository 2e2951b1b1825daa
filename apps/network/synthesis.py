"""The Region's synthesis of the twelve territories for the CREFOP.

- the table of the annual reports of one year: status (missing, being written, sent), date sent, reminders;
- their « needs » and « difficulties » sections gathered by theme: each line of those sections (one need per
  line, as coordinators write them) goes to the first theme of `THEMES` whose keywords it contains, else to
  « Autres »; only the reports sent to the Region are read;
- their figures summed per key (the frozen figures of the sent reports);
- the yearly « baromètre des attentes/besoins du territoire » (seed 000): a short questionnaire to the members
  of every territory, answered once per person, anonymously, with its results per territory.

The CREFOP PDF (apps.indicators.synthesis) calls `crefop_section(year)`.
"""

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, Max
from django.utils import timezone

from apps.accounts.models import User
from apps.geo.models import Territory

from . import notifications
from .models import AnnualReport, Barometer, BarometerParticipation, BarometerResponse, ReportReminder
from .selectors import active_coordinators
from .services.common import GovernanceError

# (code, label, keywords). The order matters: the first theme whose keyword a line contains wins.
THEMES = [
    (
        "professionnalisation",
        "Professionnalisation et formation des équipes",
        ["formation", "professionnalis", "montee en competence", "echanges de pratiques"],
    ),
    (
        "outils",
        "Outils et systèmes d'information",
        ["outil", "logiciel", "plateforme", "annuaire", "fiche navette", "site"],
    ),
    (
        "communication",
        "Communication et visibilité du SPRO",
        ["communication", "visibilite", "plaquette", "flyer", "affiche", "faire connaitre"],
    ),
    (
        "interconnaissance",
        "Interconnaissance et partenariats",
        ["interconnaissance", "partenari", "partenaire", "forum", "reseau"],
    ),
    (
        "moyens",
        "Moyens, financement et temps de coordination",
        ["financ", "budget", "moyens", "temps", "subvention", "poste"],
    ),
    (
        "publics",
        "Publics et territoire",
        ["public", "jeune", "demandeur", "salarie", "mobilite", "rural", "territoire"],
    ),
]
OTHER_THEME = ("autres", "Autres")
THEME_LABELS = dict([(code, label) for code, label, _ in THEMES] + [OTHER_THEME])
BULLET = re.compile(r"^[\s\-•*·–]+")


def _plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


def theme_of(line: str) -> str:
    plain = _plain(line)
    for code, _label, keywords in THEMES:
        if any(keyword in plain for keyword in keywords):
            return code
    return OTHER_THEME[0]


def _lines(text: str) -> list[str]:
    return [BULLET.sub("", line).strip() for line in (text or "").splitlines() if BULLET.sub("", line).strip()]


# --- The table of the annual reports ----------------------------------------------------------------------


@dataclass
class ReportRow:
    territory: Territory
    report: AnnualReport | None
    reminders: int = 0
    last_reminder_at: object = None

    @property
    def status_label(self) -> str:
        if self.report is None:
            return "Non commencé"
        return self.report.get_status_display()

    @property
    def is_sent(self) -> bool:
        return self.report is not None and not self.report.is_draft


def report_rows(year: int) -> list[ReportRow]:
    territories = Territory.objects.exclude(kind=Territory.Kind.REGION).order_by("departement_id", "name")
    reports = {r.territory_id: r for r in AnnualReport.objects.filter(year=year)}
    reminders = {
        row["territory_id"]: row
        for row in ReportReminder.objects.filter(year=year)
        .values("territory_id")
        .annotate(n=Count("pk"), last=Max("sent_at"))
    }
    return [
        ReportRow(t, reports.get(t.pk), reminders.get(t.pk, {}).get("n", 0), reminders.get(t.pk, {}).get("last"))
        for t in territories
    ]


@dataclass
class GatheredItem:
    territory: str
    text: str


@dataclass
class ThemeGroup:
    code: str
    label: str
    needs: list = field(default_factory=list)
    difficulties: list = field(default_factory=list)


def gathered_by_theme(year: int) -> list[ThemeGroup]:
    """The needs and difficulties of the reports sent for `year`, line by line, grouped by theme."""
    groups = {code: ThemeGroup(code, label) for code, label in THEME_LABELS.items()}
    sent = AnnualReport.objects.filter(year=year, status=AnnualReport.Status.SUBMITTED).select_related("territory")
    for report in sent.order_by("territory__name"):
        for section in ("needs", "difficulties"):
            for line in _lines(getattr(report, section)):
                getattr(groups[theme_of(line)], section).append(GatheredItem(report.territory.name, line))
    return [g for g in groups.values() if g.needs or g.difficulties]


def summed_figures(year: int) -> list[dict]:
    """The figures of the sent reports, summed per key, in the order they first appear."""
    totals: dict[str, dict] = {}
    sent = AnnualReport.objects.filter(year=year, status=AnnualReport.Status.SUBMITTED)
    for report in sent.order_by("territory__name"):
        for row in report.figures or []:
            total = totals.setdefault(row["key"], {"key": row["key"], "label": row["label"], "value": 0, "reports": 0})
            total["value"] += int(row["value"])
            total["reports"] += 1
    return list(totals.values())


def remind_report(territory: Territory, year: int, by=None, now=None) -> ReportReminder:
    """E-mail the territory's coordinators in force that the report is awaited; logged for the table."""
    report = AnnualReport.objects.filter(territory=territory, year=year).first()
    if report is not None and not report.is_draft:
        raise GovernanceError(f"Le bilan {year} du territoire {territory} est déjà transmis.")
    emails = list(
        active_coordinators().filter(territory=territory, user__is_active=True).values_list("user__email", flat=True)
    )
    if not emails:
        raise GovernanceError(
            f"Le territoire {territory} n'a pas de coordination désignée pour l'année : personne à relancer."
        )
    notifications.report_reminder(territory, year, emails)
    return ReportReminder.objects.create(territory=territory, year=year, sent_at=now or timezone.now(), sent_by=by)


def crefop_section(year: int) -> dict:
    """What the CREFOP PDF shows of the territories' reports and barometer for `year`."""
    rows = report_rows(year)
    return {
        "year": year,
        "rows": rows,
        "sent": sum(1 for r in rows if r.is_sent),
        "themes": gathered_by_theme(year),
        "figures": summed_figures(year),
        "barometer": barometer_results(Barometer.objects.filter(year=year).first()),
    }


# --- The barometer ---------------------------------------------------------------------------------------


def open_barometer(year: int, opens_on: date, closes_on: date) -> Barometer:
    if closes_on < opens_on:
        raise GovernanceError("Date de clôture : elle doit suivre la date d'ouverture.")
    if Barometer.objects.filter(year=year).exists():
        raise GovernanceError(f"Le baromètre {year} existe déjà.")
    return Barometer.objects.create(year=year, opens_on=opens_on, closes_on=closes_on)


def barometer_recipients() -> list[str]:
    """Active members of the active structures of every SPRO territory."""
    return sorted(
        set(
            User.objects.filter(
                is_active=True, memberships__structure__is_active=True, memberships__structure__territory__isnull=False
            ).values_list("email", flat=True)
        )
    )


def send_barometer(barometer: Barometer, now=None) -> int:
    if barometer.sent_at is not None:
        raise GovernanceError("Les invitations de ce baromètre ont déjà été envoyées.")
    sent = notifications.barometer_invitation(barometer, barometer_recipients())
    barometer.sent_at = now or timezone.now()
    barometer.save(update_fields=["sent_at"])
    return sent


def is_open(barometer: Barometer, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    return barometer.opens_on <= today <= barometer.closes_on


def respondent_territories(user) -> list[Territory]:
    ids = user.memberships.filter(structure__territory__isnull=False).values("structure__territory_id")
    return list(Territory.objects.filter(pk__in=ids).order_by("name"))


def has_answered(barometer: Barometer, user) -> bool:
    return BarometerParticipation.objects.filter(barometer=barometer, user=user).exists()


@transaction.atomic
def answer_barometer(barometer: Barometer, user, territory: Territory, data: dict, today=None) -> BarometerResponse:
    """Record one anonymous answer; the participation (who answered) is kept apart to answer only once."""
    today = today or timezone.localdate()
    if not is_open(barometer, today):
        raise GovernanceError("Ce baromètre n'est pas ouvert aux réponses aujourd'hui.")
    if territory not in respondent_territories(user):
        raise GovernanceError("Territoire : choisissez le territoire d'une de vos structures.")
    try:
        with transaction.atomic():
            BarometerParticipation.objects.create(barometer=barometer, user=user)
    except IntegrityError as error:
        raise GovernanceError("Vous avez déjà répondu à ce baromètre : merci !") from error
    needs = [code for code in data.get("needs", []) if code in THEME_LABELS]
    return BarometerResponse.objects.create(
        barometer=barometer,
        territory=territory,
        meets_expectations=data["meets_expectations"],
        knows_partners=data["knows_partners"],
        needs=needs,
        expectations_text=data.get("expectations_text", ""),
        needs_text=data.get("needs_text", ""),
        submitted_on=today,
    )


@dataclass
class BarometerTerritory:
    territory: Territory
    responses: int
    meets_expectations: float | None
    knows_partners: float | None
    needs: list  # (label, count), most cited first
    expectations: list
    texts_needs: list


def barometer_results(barometer: Barometer | None) -> list[BarometerTerritory]:
    """Per territory: number of answers, average of each scale, needs ticked, the texts."""
    if barometer is None:
        return []
    responses = barometer.responses.all()
    averages = {
        row["territory_id"]: row
        for row in responses.values("territory_id").annotate(
            n=Count("pk"), meets=Avg("meets_expectations"), knows=Avg("knows_partners")
        )
    }
    needs: dict[int, Counter] = defaultdict(Counter)
    texts: dict[int, tuple[list, list]] = defaultdict(lambda: ([], []))
    for response in responses.order_by("pk"):
        needs[response.territory_id].update(response.needs)
        if response.expectations_text.strip():
            texts[response.territory_id][0].append(response.expectations_text.strip())
        if response.needs_text.strip():
            texts[response.territory_id][1].append(response.needs_text.strip())
    territories = Territory.objects.exclude(kind=Territory.Kind.REGION).order_by("departement_id", "name")
    result = []
    for territory in territories:
        row = averages.get(territory.pk)
        result.append(
            BarometerTerritory(
                territory=territory,
                responses=row["n"] if row else 0,
                meets_expectations=round(row["meets"], 1) if row else None,
                knows_partners=round(row["knows"], 1) if row else None,
                needs=[(THEME_LABELS[c], n) for c, n in needs[territory.pk].most_common()],
                expectations=texts[territory.pk][0],
                texts_needs=texts[territory.pk][1],
            )
        )
    return result
