"""Dashboard section: routing to the 2nd door (referrals sent in the period and what became of them)."""

from .filters import IndicatorFilter
from .labels import BREAKDOWNS, DELAYS, RATES, STEPS, Labels
from .measures import second_door
from .measures.base import Ratio
from .sections import KeyFigure, Section, family_of, scope_words
from .tables import Column, Table


def second_door_section(f: IndicatorFilter, labels: Labels) -> Section:
    section = Section(family_of("second_door"))
    sent, received = second_door.referral_steps(f, "sent"), second_door.referral_steps(f, "received")
    sent_rates, received_rates = second_door.referral_rates(f, "sent"), second_door.referral_rates(f, "received")
    delays = second_door.median_delays(f, "received")
    overdue = second_door.overdue(f, "received")
    section.figures += [
        KeyFigure("DP-1", f"Fiches navettes envoyées par {scope_words(f)}", sent["total"]),
        KeyFigure("DP-1", f"Fiches navettes reçues par {scope_words(f)}", received["total"]),
        KeyFigure("DP-3", "Taux d'acceptation des fiches reçues", received_rates["acceptance"], "rate"),
        KeyFigure("DP-7", "Taux de boucle bouclée des fiches reçues", received_rates["closed_loop"], "rate"),
        KeyFigure("DP-8", "Délai médian de réponse", delays["delay_answer"], "days"),
        KeyFigure("DP-9", "Fiches reçues en retard, à ce jour", overdue),
    ]
    sides = [
        Column("label", "Étape", "label", protected=False),
        Column("sent", f"Envoyées par {scope_words(f)}"),
        Column("received", f"Reçues par {scope_words(f)}"),
    ]
    section.tables.append(
        Table(
            "DP-1 à DP-7",
            "Parcours des fiches navettes envoyées dans la période",
            sides,
            [{"row_key": k, "label": label, "sent": sent[k], "received": received[k]} for k, label in STEPS.items()],
            chart="hbar",
            chart_columns=("received",),
            chart_title="Fiches navettes reçues : étapes atteintes",
            note="Chaque fiche compte à chaque étape qu'elle a atteinte : les lignes ne s'additionnent pas.",
            slug="parcours",
        )
    )
    section.tables.append(
        Table(
            "DP-3, DP-5, DP-6, DP-7",
            "Taux le long du parcours",
            [Column(c.key, c.label, "label" if c.key == "label" else "rate", c.protected) for c in sides],
            [
                {"row_key": k, "label": label, "sent": sent_rates[k], "received": received_rates[k]}
                for k, label in RATES.items()
            ],
            slug="taux",
        )
    )
    reasons = second_door.decline_reasons(f, "received")
    declined = sum(reasons.values())
    section.tables.append(
        Table(
            "DP-4",
            "Fiches navettes reçues refusées, par motif",
            [
                Column("label", "Motif de refus", "label", protected=False),
                Column("count", "Fiches refusées"),
                Column("share", "Part des refus", "rate"),
            ],
            [
                {"row_key": code, "label": label, "count": n, "share": Ratio(n, declined)}
                for code, label, n in labels.ordered("decline_reason", reasons)
            ],
            chart="hbar",
            chart_columns=("count",),
            partition=True,
            slug="refus",
        )
    )
    outcomes = second_door.outcomes(f, "received")
    closed = sum(outcomes.values())
    section.tables.append(
        Table(
            "DP-7",
            "Issue des fiches navettes reçues et clôturées",
            [
                Column("label", "Issue", "label", protected=False),
                Column("count", "Fiches clôturées"),
                Column("share", "Part", "rate"),
            ],
            [
                {"row_key": code, "label": label, "count": n, "share": Ratio(n, closed)}
                for code, label, n in labels.ordered("outcome", outcomes)
            ],
            partition=True,
            slug="issues",
        )
    )
    section.tables.append(
        Table(
            "DP-8",
            "Délais médians des fiches navettes reçues (jours calendaires)",
            [
                Column("label", "Délai", "label", protected=False),
                Column("median", "Médiane", "days"),
                Column("count", "Fiches concernées"),
            ],
            [
                {"row_key": k, "label": label, "median": delays[k], "count": delays[k].count}
                for k, label in DELAYS.items()
            ],
            chart="hbar",
            chart_columns=("median",),
            slug="delais",
        )
    )
    if f.kind in ("region", "territory"):
        section.tables.append(_second_door_group_table(f, labels, "territory" if f.kind == "region" else "structure"))
    section.tables.append(_flows_table(f, labels))
    return section


def _second_door_group_table(f: IndicatorFilter, labels: Labels, per: str) -> Table:
    received = second_door.steps_by(f, per, "received")
    sent = second_door.referrals_by(f, per, side="sent")
    overdue = second_door.overdue(f, "received", per=per)
    keys = set(received) | set(sent) | set(overdue)
    rows = []
    for key, label, _n in labels.ordered(per, {k: received.get(k, {}).get("total", 0) for k in keys}, f.structures):
        got = received.get(key, {"total": 0, "accepted": 0, "closed_loop": Ratio(0, 0)})
        rows.append(
            {
                "row_key": key,
                "label": label,
                "sent": sent.get(key, 0),
                "received": got["total"],
                "acceptance": Ratio(got["accepted"], got["total"]),
                "closed_loop": got["closed_loop"],
                "overdue": overdue.get(key, 0),
            }
        )
    return Table(
        "DP-1, DP-3, DP-7, DP-9",
        f"Fiches navettes par {BREAKDOWNS[per]}",
        [
            Column("label", BREAKDOWNS[per].capitalize(), "label", protected=False),
            Column("sent", "Envoyées"),
            Column("received", "Reçues"),
            Column("acceptance", "Taux d'acceptation", "rate"),
            Column("closed_loop", "Boucle bouclée", "rate"),
            Column("overdue", "En retard à ce jour"),
        ],
        rows,
        partition=True,
        slug=f"fiches-par-{per}",
    )


def _flows_table(f: IndicatorFilter, labels: Labels) -> Table:
    flows = second_door.network_flows(f)
    rows = [
        {
            "row_key": f"{a}-{b}",
            "label": labels.label("network", a),
            "to": labels.label("network", b),
            "count": n,
        }
        for (a, b), n in sorted(flows.items(), key=lambda item: (-item[1], str(item[0])))
    ]
    return Table(
        "DP-10",
        "Flux de fiches navettes entre réseaux",
        [
            Column("label", "Réseau expéditeur", "label", protected=False),
            Column("to", "Réseau destinataire", "text", protected=False),
            Column("count", "Fiches navettes"),
        ],
        rows,
        partition=True,
        slug="flux",
    )
