"""The sections of a dashboard, one per family of indicators: key figures and tables, from the measures.

This module: the shared types, capture of publics and the 1st door; `sections_referrals` the 2nd door;
`sections_network` interconnaissance and the public side.
"""

from dataclasses import dataclass, field

from .catalogue import FAMILIES, Family
from .filters import IndicatorFilter, month_label
from .labels import ANSWERS, BREAKDOWNS, Labels
from .measures import capture, second_door
from .measures.base import Ratio
from .tables import Column, Table

PERSON_BREAKDOWNS = ("channel", "status", "age_band", "sex", "theme", "residence", "cep_level")


def breakdown_choices(kind: str) -> list[tuple[str, str]]:
    """The breakdowns offered by the filter of a dashboard kind."""
    keys = list(PERSON_BREAKDOWNS)
    if kind != "structure":
        keys += ["structure", "network"]
    if kind == "region":
        keys.append("territory")
    return [(key, BREAKDOWNS[key].capitalize()) for key in keys]


@dataclass
class KeyFigure:
    code: str
    label: str
    value: object
    kind: str = "count"
    protected: bool = True
    detail: str = ""


@dataclass
class Section:
    family: Family
    figures: list[KeyFigure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    note: str = ""


def family_of(code: str) -> Family:
    return next(family for family in FAMILIES if family.code == code)


def scope_words(f: IndicatorFilter) -> str:
    return {"structure": "la structure", "territory": "les structures du territoire", "region": "les structures"}[
        f.kind
    ]


# --- Capture --------------------------------------------------------------------------------------------------


def breakdown_table(f: IndicatorFilter, labels: Labels, dimension: str) -> Table:
    counts = capture.receptions_by(f, dimension)
    total = capture.receptions(f)
    rows = [
        {"row_key": code, "label": label, "count": n, "share": Ratio(n, total)}
        for code, label, n in labels.ordered(dimension, counts, f.structures)
    ]
    note = "Une demande peut porter sur plusieurs thèmes : la somme dépasse le total." if dimension == "theme" else ""
    return Table(
        "CAP-1",
        f"Premiers accueils par {BREAKDOWNS[dimension]}",
        [
            Column("label", BREAKDOWNS[dimension].capitalize(), "label", protected=False),
            Column("count", "Premiers accueils"),
            Column("share", "Part des premiers accueils", "rate"),
        ],
        rows,
        chart="hbar",
        chart_columns=("count",),
        partition=dimension != "theme",
        note=note,
        slug=f"accueils-par-{dimension}",
    )


def month_table(f: IndicatorFilter) -> Table:
    receptions = capture.receptions_by(f, "month")
    sent = second_door.referrals_by(f, "month", side="sent")
    received = second_door.referrals_by(f, "month", side="received")
    rows = [
        {
            "row_key": month.isoformat()[:7],
            "label": month_label(month),
            "receptions": receptions.get(month, 0),
            "sent": sent.get(month, 0),
            "received": received.get(month, 0),
        }
        for month in f.period.months
    ]
    return Table(
        "CAP-1, DP-1",
        "Évolution mois par mois",
        [
            Column("label", "Mois", "label", protected=False),
            Column("receptions", "Premiers accueils"),
            Column("sent", f"Fiches navettes envoyées par {scope_words(f)}"),
            Column("received", f"Fiches navettes reçues par {scope_words(f)}"),
        ],
        rows,
        chart="line",
        chart_columns=("receptions", "sent", "received"),
        partition=True,
        slug="mois",
    )


def reach_table(f: IndicatorFilter, labels: Labels) -> Table:
    reach = capture.reach(f)
    names = labels.choices("territory")
    rows = [
        {
            "row_key": pk,
            "label": names.get(pk, ""),
            "receptions": r.receptions,
            "population": r.population,
            "reach": Ratio(r.receptions, r.population or 0),
        }
        for pk, r in sorted(reach.items(), key=lambda item: list(names).index(item[0]) if item[0] in names else 0)
    ]
    return Table(
        "CAP-2",
        "Taux de captation par territoire de résidence",
        [
            Column("label", "Territoire de résidence", "label", protected=False),
            Column("receptions", "Premiers accueils de résidents"),
            Column("population", "Population", protected=False),
            Column("reach", "Pour 1 000 habitants", "per_thousand"),
        ],
        rows,
        chart="hbar",
        chart_columns=("reach",),
        partition=True,
        slug="captation",
    )


def capture_section(f: IndicatorFilter, labels: Labels, breakdown: str, complete: bool) -> Section:
    section = Section(family_of("capture"))
    section.figures.append(KeyFigure("CAP-1", "Premiers accueils", capture.receptions(f)))
    reach = capture.reach(f)
    if f.kind == "territory" and f.territory.pk in reach:
        r = reach[f.territory.pk]
        section.figures.append(
            KeyFigure(
                "CAP-2",
                "Premiers accueils de résidents pour 1 000 habitants",
                Ratio(r.receptions, r.population or 0),
                "per_thousand",
                detail=f"{r.receptions} accueils d'habitant·es du territoire" if r.receptions >= 5 else "",
            )
        )
    elif f.kind == "region":
        section.figures.append(
            KeyFigure(
                "CAP-2",
                "Premiers accueils de résidents pour 1 000 habitants",
                Ratio(sum(r.receptions for r in reach.values()), sum(r.population or 0 for r in reach.values())),
                "per_thousand",
            )
        )
    dimensions = [key for key, _label in breakdown_choices(f.kind)] if complete else [breakdown]
    section.tables += [breakdown_table(f, labels, dimension) for dimension in dimensions]
    section.tables.append(month_table(f))
    if f.kind == "region":
        section.tables.append(reach_table(f, labels))
    return section


# --- 1st door -------------------------------------------------------------------------------------------------


def _first_door_group_table(f: IndicatorFilter, labels: Labels, per: str) -> Table:
    rows = []
    counts = capture.first_door_by(f, per)
    for key, label, _n in labels.ordered(per, {k: v.receptions for k, v in counts.items()}, f.structures):
        row = counts[key]
        rows.append(
            {
                "row_key": key,
                "label": label,
                "receptions": row.receptions,
                "on_spot": row.on_spot_share,
                "referred": row.referred_share,
            }
        )
    return Table(
        "PP-1, PP-2, PP-3",
        f"Premiers accueils par {BREAKDOWNS[per]}",
        [
            Column("label", BREAKDOWNS[per].capitalize(), "label", protected=False),
            Column("receptions", "Premiers accueils"),
            Column("on_spot", "Réponse immédiate", "rate"),
            Column("referred", "Réorientées vers un partenaire", "rate"),
        ],
        rows,
        partition=True,
        slug=f"premiere-porte-par-{per}",
    )


def first_door_section(f: IndicatorFilter, labels: Labels) -> Section:
    section = Section(family_of("first_door"))
    shares = capture.answer_shares(f)
    active = capture.active_first_doors(f)
    section.figures += [
        KeyFigure("PP-2", "Demandes traitées dès le premier accueil", shares["on_spot"], "rate"),
        KeyFigure("PP-3", "Personnes réorientées vers un partenaire", shares["referred"], "rate"),
    ]
    if f.kind != "structure":
        section.figures.append(
            KeyFigure(
                "PP-4",
                "Structures actives en premier accueil",
                active,
                "rate",
                protected=False,
                detail=f"{active.part} sur {active.base}",
            )
        )
    rows = [
        {"row_key": kind, "label": label, "count": shares[kind].part, "share": shares[kind]}
        for kind, label in ANSWERS.items()
    ]
    section.tables.append(
        Table(
            "PP-2, PP-3",
            "Suite donnée aux premiers accueils",
            [
                Column("label", "Suite donnée", "label", protected=False),
                Column("count", "Premiers accueils"),
                Column("share", "Part", "rate"),
            ],
            rows,
            chart="hbar",
            chart_columns=("count",),
            partition=True,
            slug="suite-donnee",
        )
    )
    if f.kind == "region":
        section.tables += [
            _first_door_group_table(f, labels, "territory"),
            _first_door_group_table(f, labels, "network"),
        ]
    elif f.kind == "territory":
        section.tables += [
            _first_door_group_table(f, labels, "structure"),
            _first_door_group_table(f, labels, "network"),
        ]
    return section
