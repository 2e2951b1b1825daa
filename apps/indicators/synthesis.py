"""The regional synthesis for the CREFOP: the regional dashboard as a PDF, with charts, tables and comments.

Each family opens with comments written from the figures (and compared with the previous period of the
same length), followed by the Region's own comment when one was typed. Small numbers stay masked.
"""

from django.apps import apps as django_apps
from django.conf import settings
from django.db.models import Min
from django.template.loader import render_to_string
from django.utils import timezone

from .catalogue import by_family
from .charts import chart_data_uri
from .dashboards import Dashboard, build_dashboard
from .filters import IndicatorFilter, Period, add_months
from .labels import Labels
from .measures import capture, interconnaissance, public_side, second_door
from .measures.base import Ratio
from .models import MonthlyStat
from .sections_voice import voice_comments
from .tables import format_value, protect_value

CHARTED = {
    "territoires",
    "accueils-par-channel",
    "mois",
    "captation",
    "suite-donnee",
    "parcours",
    "refus",
    "delais",
    "interconnaissance",
}


def previous_period(period: Period) -> Period:
    months = len(period.months)
    return Period(add_months(period.start, -months), add_months(period.start, -1))


def _evolution(now: int, before: int | None) -> str:
    """ ", en hausse de 12 % par rapport à la période précédente" (nothing without a full previous period)."""
    if not before or before < 5 or now < 5:
        return ""
    change = 100 * (now - before) / before
    if abs(change) < 0.5:
        return ", stable par rapport à la période précédente"
    word = "en hausse" if change > 0 else "en baisse"
    return f", {word} de {abs(change):.0f}\u202f% par rapport à la période précédente"


def auto_comments(f: IndicatorFilter, dashboard: Dashboard | None = None) -> dict[str, list[str]]:
    """Sentences read from the figures, per family; they only quote protected values (masked as on the
    dashboard: a key figure hidden there is hidden in the sentence too)."""
    hidden = dashboard.hidden_figures if dashboard is not None else {}

    def _v(value, kind="count", code="") -> str:
        masked = hidden.get((code, value)) if code else None
        return format_value(masked or protect_value(value, kind), kind)

    labels = Labels()
    before = IndicatorFilter(previous_period(f.period), today=f.today)
    first = MonthlyStat.objects.filter(source="receptions", months=1).aggregate(first=Min("month"))["first"]
    comparable = first is not None and first <= before.period.start  # the previous period has data all along

    def earlier(value):
        return value if comparable else None

    receptions, receptions_before = capture.receptions(f), earlier(capture.receptions(before))
    comments: dict[str, list[str]] = {}

    channels = capture.receptions_by(f, "channel")
    reach = sorted(
        (r for r in capture.reach(f).values() if r.per_thousand is not None and r.receptions >= 5),
        key=lambda r: r.per_thousand,
    )
    names = labels.choices("territory")
    lines = [
        f"{_v(receptions, code='CAP-1')} premiers accueils ont été enregistrés"
        f"{_evolution(receptions, None if ('CAP-1', receptions) in hidden else receptions_before)}."
    ]
    if channels and receptions:
        top = max(channels, key=channels.get)
        share = _v(Ratio(channels[top], receptions), "rate")
        lines.append(f"Le canal le plus fréquent est « {labels.label('channel', top)} » ({share} des accueils).")
    if len(reach) >= 2:
        high, low = reach[-1], reach[0]
        low_value = format_value(low.per_thousand, "decimal")
        high_value = format_value(high.per_thousand, "decimal")
        lines.append(
            f"Le taux de captation va de {low_value} premiers accueils pour 1 000 habitants "
            f"({names.get(low.territory_id)}) à {high_value} ({names.get(high.territory_id)})."
        )
    comments["capture"] = lines

    shares = capture.answer_shares(f)
    active = capture.active_first_doors(f)
    comments["first_door"] = [
        f"{_v(shares['on_spot'], 'rate', 'PP-2')} des demandes ont été traitées dès le premier accueil et "
        f"{_v(shares['referred'], 'rate', 'PP-3')} des personnes ont été réorientées vers un partenaire.",
        f"{active.part} structures sur {active.base} ont enregistré au moins un premier accueil.",
    ]

    steps = second_door.referral_steps(f, "received")
    total_before = earlier(second_door.referral_steps(before, "received")["total"])
    rates = second_door.referral_rates(f, "received")
    delays = second_door.median_delays(f, "received")
    reasons = second_door.decline_reasons(f, "received")
    lines = [
        f"{_v(steps['total'], code='DP-1')} fiches navettes ont été adressées à une 2e porte"
        f"{_evolution(steps['total'], None if ('DP-1', steps['total']) in hidden else total_before)}.",
        f"Taux d'acceptation : {_v(rates['acceptance'], 'rate', 'DP-3')} ; taux de boucle bouclée : "
        f"{_v(rates['closed_loop'], 'rate', 'DP-7')} ; délai médian de réponse : "
        f"{_v(delays['delay_answer'], 'days', 'DP-8')}.",
        f"Fiches en retard à ce jour : {_v(second_door.overdue(f, 'received'), code='DP-9')}.",
    ]
    if reasons and sum(reasons.values()) >= 5:
        top = max(reasons, key=reasons.get)
        lines.append(f"Motif de refus le plus fréquent : « {labels.label('decline_reason', top)} ».")
    comments["second_door"] = lines

    pairs, pairs_before = interconnaissance.exchange_pairs(f), earlier(interconnaissance.exchange_pairs(before))
    active = interconnaissance.active_in_referrals(f)
    fresh = interconnaissance.directory_freshness(f)
    lines = [
        f"{pairs} paires de structures ont échangé au moins une fiche navette{_evolution(pairs, pairs_before)} ; "
        f"{active.part} structures sur {active.base} ont participé à ces échanges.",
    ]
    attendance = interconnaissance.session_attendance(f)
    if attendance is not None:
        lines.append(
            f"En {attendance.year}, {attendance.sessions} sessions d'interconnaissance ont réuni "
            f"{attendance.professionals} professionnel·les de {attendance.structures} structures."
        )
    lines.append(f"{format_value(fresh, 'rate')} des services de l'annuaire ont été vérifiés depuis moins de 6 mois.")
    comments["interconnaissance"] = lines

    comments["public"] = [
        f"{_v(public_side.assistant_searches(f))} recherches dans l'assistant « Quelle porte pour moi ? » et "
        f"{_v(public_side.callbacks(f), code='PUB-2')} demandes de rappel en ligne."
    ]
    comments["voice"] = voice_comments(f)
    return comments


def synthesis_html(f: IndicatorFilter, comments: dict[str, str], base_url: str = "") -> str:
    dashboard: Dashboard = build_dashboard(f, masked=True)
    automatic = auto_comments(f, dashboard)
    sections = []
    for section in dashboard.sections:
        code = section.family.code
        tables = [
            {"table": table, "chart": chart_data_uri(table) if table.slug in CHARTED else ""}
            for table in section.tables
        ]
        sections.append(
            {
                "section": section,
                "automatic": automatic.get(code, []),
                "comment": comments.get(code, ""),
                "tables": tables,
            }
        )
    overview = dashboard.overview
    return render_to_string(
        "indicators/synthesis_pdf.html",
        {
            "dashboard": dashboard,
            "filter": f,
            "sections": sections,
            "overview": overview,
            "overview_chart": chart_data_uri(overview) if overview else "",
            "conclusion": comments.get("conclusion", ""),
            "territories_reports": territories_reports(f.period.end.year),
            "generated_at": timezone.localtime(),
            "region_name": settings.SPRO_REGION_NAME,
            "families": by_family(),
        },
    )


def territories_reports(year: int) -> dict | None:
    """The annual reports of the territories (status, needs by theme, summed figures) and the barometer, from
    the governance app when it is installed (apps.network.synthesis)."""
    if not django_apps.is_installed("apps.network"):
        return None
    from apps.network.synthesis import crefop_section

    return crefop_section(year)


def synthesis_pdf(f: IndicatorFilter, comments: dict[str, str]) -> bytes:
    from weasyprint import HTML

    html = synthesis_html(f, comments)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(pdf_variant="pdf/ua-1")
