"""The territories side by side: one row of key indicators per territory, and the Region as a whole.

Used by the regional dashboard, the open data file and the CREFOP synthesis: always from a regional filter.
"""

from apps.geo.models import Territory

from .filters import IndicatorFilter
from .measures import capture, interconnaissance, public_side, second_door
from .measures.base import Ratio, median_of
from .tables import Column

COLUMNS = [
    Column("label", "Territoire", "label", protected=False),
    Column("receptions", "Premiers accueils", code="CAP-1"),
    Column("reach", "Accueils de résidents pour 1 000 habitants", "per_thousand", code="CAP-2"),
    Column("on_spot", "Réponse immédiate", "rate", code="PP-2"),
    Column("referred", "Personnes réorientées", "rate", code="PP-3"),
    Column("sent", "Fiches navettes envoyées", code="DP-1"),
    Column("received", "Fiches navettes reçues", code="DP-1"),
    Column("acceptance", "Taux d'acceptation", "rate", code="DP-3"),
    Column("closed_loop", "Boucle bouclée", "rate", code="DP-7"),
    Column("answer_delay", "Délai médian de réponse", "days", code="DP-8"),
    Column("overdue", "Fiches en retard à ce jour", code="DP-9"),
    Column("pairs", "Paires de structures qui échangent", protected=False, code="IC-1"),
    Column("active", "Structures actives dans les échanges", "rate", protected=False, code="IC-2"),
    Column("fresh", "Services vérifiés depuis moins de 6 mois", "rate", protected=False, code="IC-4"),
    Column("callbacks", "Demandes de rappel en ligne", code="PUB-2"),
]


def territory_rows(f: IndicatorFilter, with_snapshot: bool = True) -> list[dict]:
    """One row per territory (then a "Région" total row, flagged `is_total`), from a regional filter.

    `with_snapshot=False` leaves out the figures read "today" (overdue referrals, directory freshness),
    for past periods of the open data.
    """
    if f.kind != "region":
        raise ValueError("territory_rows needs a regional filter")
    first_door = capture.first_door_by(f, "territory")
    reach = capture.reach(f)
    received = second_door.steps_by(f, "territory", "received")
    sent = second_door.referrals_by(f, "territory", side="sent")
    delays = second_door.median_delay_by(f, "delay_answer", "territory")
    overdue = second_door.overdue(f, "received", per="territory") if with_snapshot else {}
    pairs = interconnaissance.exchange_pairs_by_territory(f)
    active = interconnaissance.active_in_referrals(f, per="territory")
    fresh = interconnaissance.directory_freshness(f, per="territory") if with_snapshot else {}
    callbacks = public_side.callbacks(f, by="territory")
    rows = []
    for territory in Territory.objects.order_by("departement_id", "name"):
        pk = territory.pk
        door = first_door.get(pk)
        got = received.get(pk, {})
        territory_reach = reach.get(pk)
        rows.append(
            {
                "row_key": territory.code,
                "label": territory.name,
                "receptions": door.receptions if door else 0,
                "reach": Ratio(territory_reach.receptions, territory_reach.population or 0)
                if territory_reach
                else None,
                "on_spot": door.on_spot_share if door else Ratio(0, 0),
                "referred": door.referred_share if door else Ratio(0, 0),
                "sent": sent.get(pk, 0),
                "received": got.get("total", 0),
                "acceptance": Ratio(got.get("accepted", 0), got.get("total", 0)),
                "closed_loop": got.get("closed_loop", Ratio(0, 0)),
                "answer_delay": delays.get(pk, median_of({})),
                "overdue": overdue.get(pk, 0) if with_snapshot else None,
                "pairs": pairs.get(pk, 0),
                "active": active.get(pk, Ratio(0, 0)),
                "fresh": fresh.get(pk, Ratio(0, 0)) if with_snapshot else None,
                "callbacks": callbacks.get(pk, 0),
            }
        )
    rows.append(region_row(f, with_snapshot))
    return rows


def region_row(f: IndicatorFilter, with_snapshot: bool = True) -> dict:
    shares = capture.answer_shares(f)
    steps = second_door.referral_steps(f, "received")
    rates = second_door.referral_rates(f, "received")
    reach = capture.reach(f).values()
    return {
        "row_key": "region",
        "is_total": True,
        "label": "Région",
        "receptions": capture.receptions(f),
        "reach": Ratio(sum(r.receptions for r in reach), sum(r.population or 0 for r in reach)),
        "on_spot": shares["on_spot"],
        "referred": shares["referred"],
        "sent": second_door.referral_steps(f, "sent")["total"],
        "received": steps["total"],
        "acceptance": rates["acceptance"],
        "closed_loop": rates["closed_loop"],
        "answer_delay": second_door.median_delays(f, "received")["delay_answer"],
        "overdue": second_door.overdue(f, "received") if with_snapshot else None,
        "pairs": interconnaissance.exchange_pairs(f),
        "active": interconnaissance.active_in_referrals(f),
        "fresh": interconnaissance.directory_freshness(f) if with_snapshot else None,
        "callbacks": public_side.callbacks(f),
    }
