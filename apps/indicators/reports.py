"""Figures of the indicators for other documents: the annual activity report of a territory.

`territory_year_figures(territory, year)` returns rows in the governance app's format
{"key", "label", "value", "source"} (see apps.network.figures), computed by the same functions as the
dashboards. Values are exact counts: the report is written by the territory's coordinator.
"""

from .filters import IndicatorFilter, Period
from .measures import capture, interconnaissance, public_side, second_door
from .sources import programme_interconnaissance

SOURCE = "indicateurs du SPRO"


def territory_year_figures(territory, year: int) -> list[dict]:
    f = IndicatorFilter(Period.year(year), territory=territory)
    shares = capture.answer_shares(f)
    received = second_door.referral_steps(f, "received")
    closed_loop = second_door.referral_rates(f, "received")["closed_loop"]
    active = interconnaissance.active_in_referrals(f)
    rows = [
        ("receptions", "Premiers accueils (CAP-1)", capture.receptions(f)),
        ("receptions_on_spot", "Demandes traitées dès le premier accueil (PP-2)", shares["on_spot"].part),
        ("receptions_referred", "Personnes réorientées vers un partenaire (PP-3)", shares["referred"].part),
        ("referrals_sent", "Fiches navettes envoyées (DP-1)", second_door.referral_steps(f, "sent")["total"]),
        ("referrals_received", "Fiches navettes reçues (DP-1)", received["total"]),
        ("referrals_accepted", "Fiches navettes reçues et acceptées (DP-3)", received["accepted"]),
        ("referrals_closed_loop", "Fiches navettes reçues dont l'issue est connue (DP-7)", closed_loop.part),
        (
            "structure_pairs",
            "Paires de structures qui échangent des fiches navettes (IC-1)",
            interconnaissance.exchange_pairs(f),
        ),
        ("active_structures", "Structures actives dans les échanges (IC-2)", active.part),
        ("callbacks", "Demandes de rappel en ligne (PUB-2)", public_side.callbacks(f)),
        ("assistant_searches", "Recherches dans l'assistant (PUB-1)", public_side.assistant_searches(f)),
    ]
    rows += _programme_rows(year, territory)
    return [{"key": key, "label": label, "value": int(value), "source": SOURCE} for key, label, value in rows]


def _programme_rows(year: int, territory) -> list[tuple[str, str, int]]:
    """IC-3: the support programme's sessions held in the territory that year (none without the programme)."""
    attendance = programme_interconnaissance(year, territory)
    if attendance is None:
        return []
    return [
        ("events", "Sessions du programme d'appui tenues sur le territoire (IC-3)", attendance.sessions),
        ("events_professionals", "Professionnel·les présent·es à ces sessions (IC-3)", attendance.professionals),
        ("events_structures", "Structures représentées à ces sessions (IC-3)", attendance.structures),
    ]
