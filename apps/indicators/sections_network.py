"""Dashboard sections: interconnaissance between members, and the public side."""

from .filters import IndicatorFilter
from .labels import BREAKDOWNS, Labels
from .measures import interconnaissance, public_side
from .measures.base import Ratio
from .sections import KeyFigure, Section, family_of
from .tables import Column, Table


def interconnaissance_section(f: IndicatorFilter, labels: Labels) -> Section:
    section = Section(family_of("interconnaissance"))
    pairs = interconnaissance.exchange_pairs(f)
    freshness = interconnaissance.directory_freshness(f)
    if f.kind == "structure":
        section.figures.append(
            KeyFigure("IC-1", "Structures partenaires (fiches navettes échangées)", pairs, protected=False)
        )
    else:
        possible = interconnaissance.possible_pairs(f)
        active = interconnaissance.active_in_referrals(f)
        section.figures += [
            KeyFigure(
                "IC-1",
                "Paires de structures qui échangent des fiches navettes",
                pairs,
                protected=False,
                detail=f"sur {possible} paires possibles" if possible else "",
            ),
            KeyFigure(
                "IC-2",
                "Structures actives dans les échanges",
                active,
                "rate",
                protected=False,
                detail=f"{active.part} sur {active.base}",
            ),
        ]
        attendance = interconnaissance.session_attendance(f)
        if attendance is not None:
            section.figures += [
                KeyFigure(
                    "IC-3",
                    f"Sessions d'interconnaissance tenues en {attendance.year}",
                    attendance.sessions,
                    protected=False,
                ),
                KeyFigure(
                    "IC-3",
                    f"Professionnel·les présent·es aux sessions en {attendance.year}",
                    attendance.professionals,
                    protected=False,
                    detail=f"{attendance.structures} structures représentées",
                ),
            ]
        else:
            section.note = (
                "La participation aux sessions d'interconnaissance (IC-3) s'affichera avec le programme d'appui."
            )
    section.figures.append(
        KeyFigure(
            "IC-4",
            "Services de l'annuaire vérifiés depuis moins de 6 mois",
            freshness,
            "rate",
            protected=False,
            detail=f"{freshness.part} sur {freshness.base}",
        )
    )
    if f.kind == "region":
        section.tables.append(_interconnaissance_by_territory(f, labels))
    return section


def _interconnaissance_by_territory(f: IndicatorFilter, labels: Labels) -> Table:
    names = labels.choices("territory")
    pairs = interconnaissance.exchange_pairs_by_territory(f)
    active = interconnaissance.active_in_referrals(f, per="territory")
    fresh = interconnaissance.directory_freshness(f, per="territory")
    attendance = interconnaissance.session_attendance_by_territory(f) or {}
    year = f.period.end.year
    rows = []
    for pk, name in names.items():
        sessions = attendance.get(pk)
        rows.append(
            {
                "row_key": pk,
                "label": name,
                "pairs": pairs.get(pk, 0),
                "active": active.get(pk, Ratio(0, 0)),
                "sessions": sessions.sessions if sessions else 0,
                "professionals": sessions.professionals if sessions else 0,
                "fresh": fresh.get(pk, Ratio(0, 0)),
            }
        )
    return Table(
        "IC-1 à IC-4",
        "Interconnaissance par territoire",
        [
            Column("label", "Territoire", "label", protected=False),
            Column("pairs", "Paires de structures qui échangent", protected=False),
            Column("active", "Structures actives dans les échanges", "rate", protected=False),
            Column("sessions", f"Sessions tenues en {year}", protected=False),
            Column("professionals", f"Présent·es aux sessions en {year}", protected=False),
            Column("fresh", "Services vérifiés depuis moins de 6 mois", "rate", protected=False),
        ],
        rows,
        chart="hbar",
        chart_columns=("pairs",),
        slug="interconnaissance",
        chart_title="Paires de structures qui échangent des fiches navettes, par territoire",
    )


# --- Public side ----------------------------------------------------------------------------------------------


def public_section(f: IndicatorFilter, labels: Labels) -> Section:
    section = Section(family_of("public"))
    if f.kind != "structure":
        section.figures.append(
            KeyFigure(
                "PUB-1", "Recherches dans l'assistant « Quelle porte pour moi ? »", public_side.assistant_searches(f)
            )
        )
    section.figures.append(KeyFigure("PUB-2", "Demandes de rappel en ligne reçues", public_side.callbacks(f)))
    tables = []
    if f.kind != "structure":
        tables.append(
            _count_table(
                f,
                labels,
                "PUB-1",
                "Recherches dans l'assistant par thème",
                "theme",
                public_side.assistant_searches(f, by="theme"),
                "Recherches",
                "recherches-par-theme",
            )
        )
    tables.append(
        _count_table(
            f,
            labels,
            "PUB-2",
            "Demandes de rappel en ligne par thème",
            "theme",
            public_side.callbacks(f, by="theme"),
            "Demandes de rappel",
            "rappels-par-theme",
        )
    )
    if f.kind == "region":
        tables.append(
            _count_table(
                f,
                labels,
                "PUB-1",
                "Recherches dans l'assistant par territoire",
                "territory",
                public_side.assistant_searches(f, by="territory"),
                "Recherches",
                "recherches-par-territoire",
            )
        )
        tables.append(
            _count_table(
                f,
                labels,
                "PUB-2",
                "Demandes de rappel en ligne par territoire",
                "territory",
                public_side.callbacks(f, by="territory"),
                "Demandes de rappel",
                "rappels-par-territoire",
            )
        )
    section.tables = tables
    return section


def _count_table(f, labels, code, title, dimension, counts, column, slug) -> Table:
    return Table(
        code,
        title,
        [
            Column("label", BREAKDOWNS.get(dimension, dimension).capitalize(), "label", protected=False),
            Column("count", column),
        ],
        [
            {"row_key": key, "label": label, "count": n}
            for key, label, n in labels.ordered(dimension, counts, f.structures)
        ],
        partition=True,
        slug=slug,
    )
