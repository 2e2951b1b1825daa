"""Open data: the main indicators per civil year and territory (and the Region), small numbers masked.

A CSV (comma-separated, UTF-8, decimal point) and its description in JSON (Frictionless Data Package with
a Table Schema: one entry per column), published under the Licence Ouverte 2.0.
"""

import io
from datetime import date

from django.conf import settings
from django.core.cache import cache
from django.db.models import Min
from django.utils import timezone
from django.utils.text import slugify

from apps.core import region_pack
from apps.core.bounds import FIRST_YEAR
from apps.core.spreadsheet import csv_writer
from apps.geo.models import Territory
from apps.orientation.models import Reception

from .catalogue import CATALOGUE
from .filters import IndicatorFilter, Period, month_start
from .labels import SEX
from .measures.base import reception_cube, sum_dimension
from .measures.public_side import assistant_searches
from .models import MonthlyStat
from .overview import territory_rows
from .protection import difference_masks
from .refresh import latest_run
from .tables import NOT_PUBLISHED, SMALL, Column, Masked, Table, protect

MISSING = ["", SMALL.text.replace(" ", ""), NOT_PUBLISHED.text.rstrip(".").replace(".", "")]  # "", "<5", "nd"

# (name, type, title, description, overview key or None, kind)
BASE_FIELDS = [
    ("annee", "integer", "Année", "Année civile des données.", None, "label"),
    ("mois_debut", "yearmonth", "Premier mois", "Premier mois couvert (AAAA-MM).", None, "label"),
    (
        "mois_fin",
        "yearmonth",
        "Dernier mois",
        "Dernier mois couvert (AAAA-MM) ; l'année en cours est partielle.",
        None,
        "label",
    ),
    (
        "territoire_code",
        "string",
        "Code du territoire",
        "Code du territoire SPRO ; « region » pour toute la région.",
        None,
        "label",
    ),
    ("territoire_nom", "string", "Territoire", "Nom du territoire SPRO, ou « Région ».", None, "label"),
    (
        "premiers_accueils",
        "integer",
        "Premiers accueils (CAP-1)",
        "Premiers accueils enregistrés par les structures du territoire.",
        "receptions",
        "count",
    ),
    (
        "accueils_pour_1000_habitants",
        "number",
        "Taux de captation (CAP-2)",
        "Premiers accueils de résidents du territoire pour 1 000 habitants.",
        "reach",
        "per_thousand",
    ),
    (
        "part_reponse_immediate",
        "number",
        "Réponse immédiate (PP-2)",
        "Part (0 à 1) des premiers accueils traités dès l'accueil.",
        "on_spot",
        "rate",
    ),
    (
        "part_reorientees",
        "number",
        "Personnes réorientées (PP-3)",
        "Part (0 à 1) des premiers accueils réorientés vers un partenaire.",
        "referred",
        "rate",
    ),
    (
        "fiches_envoyees",
        "integer",
        "Fiches navettes envoyées (DP-1)",
        "Fiches navettes envoyées par les structures du territoire.",
        "sent",
        "count",
    ),
    (
        "fiches_recues",
        "integer",
        "Fiches navettes reçues (DP-1)",
        "Fiches navettes reçues par les structures du territoire (dont rappels en ligne).",
        "received",
        "count",
    ),
    (
        "taux_acceptation",
        "number",
        "Taux d'acceptation (DP-3)",
        "Part (0 à 1) des fiches reçues qui ont été acceptées.",
        "acceptance",
        "rate",
    ),
    (
        "taux_boucle_bouclee",
        "number",
        "Boucle bouclée (DP-7)",
        "Part (0 à 1) des fiches reçues, non annulées, refusées ou clôturées avec une issue.",
        "closed_loop",
        "rate",
    ),
    (
        "delai_median_reponse_jours",
        "number",
        "Délai médian de réponse (DP-8)",
        "Médiane des jours calendaires entre l'envoi et l'acceptation ou le refus.",
        "answer_delay",
        "days",
    ),
    (
        "fiches_en_retard",
        "integer",
        "Fiches en retard (DP-9)",
        "Fiches sans réponse après l'échéance, au jour de la publication (année en cours seulement).",
        "overdue",
        "count",
    ),
    (
        "paires_structures",
        "integer",
        "Paires de structures (IC-1)",
        "Paires distinctes de structures du territoire ayant échangé au moins une fiche navette.",
        "pairs",
        "count",
    ),
    (
        "part_structures_actives",
        "number",
        "Structures actives (IC-2)",
        "Part (0 à 1) des structures actives du territoire ayant échangé une fiche navette.",
        "active",
        "rate",
    ),
    (
        "part_services_verifies",
        "number",
        "Fraîcheur de l'annuaire (IC-4)",
        "Part (0 à 1) des services vérifiés depuis moins de 6 mois, au jour de la publication "
        "(année en cours seulement).",
        "fresh",
        "rate",
    ),
    (
        "demandes_rappel",
        "integer",
        "Demandes de rappel en ligne (PUB-2)",
        "Demandes « être rappelé·e » adressées aux structures du territoire.",
        "callbacks",
        "count",
    ),
    (
        "recherches_assistant",
        "integer",
        "Recherches dans l'assistant (PUB-1)",
        "Recherches de l'assistant public dont la commune est dans le territoire.",
        "searches",
        "count",
    ),
]
PROTECTED_KEYS = {
    "receptions",
    "reach",
    "on_spot",
    "referred",
    "sent",
    "received",
    "acceptance",
    "closed_loop",
    "answer_delay",
    "overdue",
    "callbacks",
    "searches",
}


def _breakdown_fields() -> list[tuple[str, list[tuple[str, str, str]]]]:
    """Groups of columns splitting the receptions: (dimension, [(column name, code, label)])."""
    return [
        ("channel", [(f"accueils_canal_{code}", code, label) for code, label in Reception.Channel.choices]),
        ("age_band", [(f"accueils_age_{code}", code, label) for code, label in Reception.AgeBand.choices]),
        ("sex", [(f"accueils_sexe_{code or 'non_renseigne'}", code, label) for code, label in SEX.items()]),
    ]


def fields() -> list[dict]:
    result = [
        {"name": name, "type": kind, "title": title, "description": description}
        for name, kind, title, description, _key, _kind in BASE_FIELDS
    ]
    words = {"channel": "par canal", "age_band": "par tranche d'âge", "sex": "par sexe"}
    for dimension, columns in _breakdown_fields():
        for name, _code, label in columns:
            result.append(
                {
                    "name": name,
                    "type": "integer",
                    "title": f"Premiers accueils {words[dimension]} : {label}",
                    "description": f"Premiers accueils {words[dimension]} ({label}).",
                }
            )
    return result


def years() -> list[int]:
    first = MonthlyStat.objects.filter(months=1).aggregate(first=Min("month"))["first"]
    current = timezone.localdate().year
    # never before the platform's first year, whatever a stored date says (a year 1 broke the CSV)
    return list(range(max(first.year, FIRST_YEAR) if first else current, current + 1))


def _raw_rows(f: IndicatorFilter, with_snapshot: bool) -> list[dict]:
    """The territory rows (and the Region's) of one period, every column raw (not yet protected)."""
    overview = territory_rows(f, with_snapshot=with_snapshot)
    searches = assistant_searches(f, by="territory")
    codes = dict(Territory.objects.values_list("code", "pk"))
    groups = _breakdown_fields()
    cube = reception_cube(f)
    totals = {dimension: sum_dimension(cube, dimension) for dimension, _columns in groups}
    by_territory = {
        (dimension, code): sum_dimension(cube, dimension, code, per="territory", f=f)
        for dimension, columns in groups
        for _name, code, _label in columns
    }
    for row in overview:
        territory_id = codes.get(row["row_key"])
        row["searches"] = sum(searches.values()) if row.get("is_total") else searches.get(territory_id, 0)
        for dimension, columns in groups:
            for name, code, _label in columns:
                if row.get("is_total"):
                    row[name] = totals[dimension].get(code, 0)
                else:
                    row[name] = by_territory[(dimension, code)].get(territory_id, 0)
    return overview


def _columns() -> list[Column]:
    columns = [Column(key, name, kind, key in PROTECTED_KEYS) for name, _t, _ti, _d, key, kind in BASE_FIELDS if key]
    return columns + [Column(name, name) for _dimension, cols in _breakdown_fields() for name, _code, _label in cols]


def protected_year(year: int, today: date) -> tuple[Period, Table]:
    """The open data of one civil year: every rule of `protection.py`, the differences with the months and
    quarters of the year (the dashboards publish them) included."""
    current = today.year == year
    period = Period.year(year)  # the months after the current one are empty: the same figures as "so far"
    columns = _columns()
    rows = _raw_rows(IndicatorFilter(period, today=today), current)
    kinds = {column.key: column.kind for column in columns if column.protected}
    cells = {(row["row_key"], key): row.get(key) for row in rows for key in kinds}
    monthly = {}
    for month in period.months:
        if month > month_start(today):
            break
        alone = _raw_rows(IndicatorFilter(Period(month, month), today=today), current)
        monthly[month] = {(row["row_key"], key): row.get(key) for row in alone for key in kinds}
    cell_kinds = {key: kinds[key[1]] for key in cells}
    hidden = difference_masks(cells, monthly, period.start, period.end, cell_kinds)
    row_sums = tuple(("receptions", tuple(name for name, _c, _l in cols)) for _d, cols in _breakdown_fields())
    table = Table("", "", [Column("label", "", "label", False), *columns], rows, partition=True, row_sums=row_sums)
    return period, protect(table, hidden)


def _year_rows(year: int, today: date) -> list[list]:
    period, table = protected_year(year, today)
    end = month_start(today) if today.year == year else period.end
    columns = table.value_columns
    lines = []
    for row in table.rows:
        line = [year, f"{period.start:%Y-%m}", f"{end:%Y-%m}", row["row_key"], row["label"]]
        line += [_open_value(row.get(column.key), column.kind) for column in columns]
        lines.append(line)
    return lines


def _open_value(value, kind: str):
    if isinstance(value, Masked):
        return MISSING[1] if value is SMALL else MISSING[2]
    if value is None:
        return ""
    if hasattr(value, "part"):  # Ratio
        if value.value is None:
            return ""
        return round(1000 * value.value, 2) if kind == "per_thousand" else round(value.value, 4)
    if hasattr(value, "days"):  # Median
        return "" if value.days is None else value.days
    return value


def _cache_key(suffix: str) -> str:
    run = latest_run()
    return f"indicators-open-data-{suffix}-{run.pk if run else 0}-{timezone.localdate().isoformat()}"


def open_data_csv() -> str:
    key = _cache_key("csv")
    cached = cache.get(key)
    if cached is not None:
        return cached
    today = timezone.localdate()
    out = io.StringIO()
    writer = csv_writer(out, lineterminator="\n")
    writer.writerow([field["name"] for field in fields()])
    for year in years():
        writer.writerows(_year_rows(year, today))
    text = out.getvalue()
    cache.set(key, text, 3600)
    return text


def _publisher() -> str:
    """Who publishes the open data: the pack's [indicators] opendata_publisher, else its legal publisher."""
    pack = region_pack.current()
    return pack.data.get("indicators", {}).get("opendata_publisher") or pack.text("publisher")


def datapackage(csv_url: str) -> dict:
    """The JSON description of the CSV: columns, types, missing values, licence, and the indicator catalogue."""
    run = latest_run()
    return {
        "profile": "tabular-data-package",
        "name": f"spro-{slugify(settings.SPRO_REGION_NAME)}-indicateurs",
        "contributors": [{"title": _publisher(), "role": "publisher"}],
        "title": f"Indicateurs du service public régional de l'orientation — {settings.SPRO_REGION_NAME}",
        "description": (
            "Indicateurs agrégés par année civile et par territoire SPRO : captation des publics, accès à la 1re "
            "porte, aiguillage vers la 2e porte, interconnaissance, côté public. Aucune donnée personnelle. "
            "Un effectif de 1 à 4 personnes est remplacé par « <5 » ; une part, un délai ou un effectif qui "
            "permettrait de le retrouver est remplacé par « nd »."
        ),
        "licenses": [
            {
                "name": "etalab-2.0",
                "title": "Licence Ouverte / Open Licence version 2.0",
                "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
            }
        ],
        "updated": timezone.localtime(run.finished_at).isoformat() if run else None,
        "resources": [
            {
                "name": "indicateurs",
                "path": csv_url,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "header": True, "lineTerminator": "\n"},
                "schema": {
                    "fields": fields(),
                    "missingValues": MISSING,
                    "primaryKey": ["annee", "territoire_code"],
                },
            }
        ],
        "indicateurs": [
            {
                "code": indicator.code,
                "nom": indicator.name,
                "definition": indicator.definition,
                "formule": indicator.formula,
                "unite": indicator.unit,
                "sources": list(indicator.sources),
                "ventilations": list(indicator.breakdowns),
            }
            for indicator in CATALOGUE
        ],
    }
