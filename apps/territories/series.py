"""Import of the Région's series (INSEE, Dares, ORFE…) from a CSV: all lines, or none.

Schema (header on line 1, comma or semicolon separated, UTF-8):

    serie,code,periode,valeur,unite,source,licence

- serie: the series' name (80 characters at most), e.g. "demandeurs-emploi-cat-a" or "population-age-15-24";
- code: a SPRO territory code (e.g. "dreux") or the INSEE code of a commune (e.g. "28134");
- periode: a year (2024), a month (2024-03) or a quarter (2024-T1);
- valeur: a number, decimal point or comma (1234,5);
- unite: what the value counts (personnes, %, euros…);
- source: who produced the figure (e.g. "INSEE, recensement 2021");
- licence: under which licence it may be shown (e.g. "Licence Ouverte 2.0").

A (serie, code, periode) already imported is replaced by the new value. Any error (named by line and field, in
French) and nothing is written.
"""

import csv
import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from apps.core.text import normalize
from apps.geo.models import Commune, Territory

from .models import SeriesImport, SeriesValue

COLUMNS = ["serie", "code", "periode", "valeur", "unite", "source", "licence"]
LIMITS = {"serie": 80, "unite": 40, "source": 200, "licence": 100}
PERIOD_RE = re.compile(r"^(\d{4})(?:-(0[1-9]|1[0-2])|-T([1-4]))?$")
MAX_BYTES = 5 * 1024 * 1024
MAX_LINES = 50_000
MAX_ERRORS = 50
AGE_PREFIX = "population-age-"


class SeriesImportError(Exception):
    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass
class Row:
    line: int
    series: str
    area_kind: str
    area_code: str
    period: str
    value: Decimal
    unit: str
    source: str
    licence: str


def _decode(content: bytes) -> str:
    if len(content) > MAX_BYTES:
        raise SeriesImportError(["Le fichier dépasse 5 Mo : découpez-le en plusieurs imports."])
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SeriesImportError(["Le fichier doit être encodé en UTF-8 (enregistrez-le en « CSV UTF-8 »)."]) from None


def _header(names: list[str]) -> dict[str, int]:
    found = {normalize(name).strip().replace(" ", ""): i for i, name in enumerate(names)}
    missing = [column for column in COLUMNS if column not in found]
    if missing:
        listed = ", ".join(f"« {column} »" for column in missing)
        raise SeriesImportError([f"Ligne 1 : colonne(s) manquante(s) {listed} ; attendu : {','.join(COLUMNS)}."])
    return {column: found[column] for column in COLUMNS}


def _value(text: str) -> Decimal:
    cleaned = text.replace("\u202f", "").replace("\xa0", "").replace(" ", "").replace(",", ".")
    value = Decimal(cleaned)
    if not value.is_finite() or abs(value) >= Decimal(10) ** 14:
        raise InvalidOperation
    return value.quantize(Decimal("0.0001"))


def parse(content: bytes) -> list[Row]:
    text = _decode(content)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise SeriesImportError(["Le fichier est vide : la ligne 1 doit nommer les colonnes."]) from None
    columns = _header(header)
    territories = set(Territory.objects.values_list("code", flat=True))
    rows: list[Row] = []
    raw: list[tuple[int, dict]] = []
    for line, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if line > MAX_LINES + 1:
            raise SeriesImportError([f"Le fichier dépasse {MAX_LINES} lignes : découpez-le en plusieurs imports."])
        raw.append((line, {c: (cells[i].strip() if i < len(cells) else "") for c, i in columns.items()}))
    commune_codes = {values["code"] for _line, values in raw if re.fullmatch(r"[0-9][0-9AB][0-9]{3}", values["code"])}
    communes = set(Commune.objects.filter(code__in=commune_codes).values_list("code", flat=True))
    errors: list[str] = []
    seen: dict[tuple, int] = {}
    for line, values in raw:
        problems = _check(values, territories, communes)
        if problems:
            errors.extend(f"Ligne {line}, champ « {field} » : {message}" for field, message in problems)
            continue
        kind = SeriesValue.Area.TERRITORY if values["code"] in territories else SeriesValue.Area.COMMUNE
        key = (values["serie"], kind, values["code"], values["periode"])
        if key in seen:
            errors.append(
                f"Ligne {line} : même série, même zone et même période qu'à la ligne {seen[key]} ; "
                "gardez une seule valeur."
            )
            continue
        seen[key] = line
        rows.append(
            Row(
                line,
                values["serie"],
                kind,
                values["code"],
                values["periode"],
                _value(values["valeur"]),
                values["unite"],
                values["source"],
                values["licence"],
            )
        )
    if errors:
        more = len(errors) - MAX_ERRORS
        shown = errors[:MAX_ERRORS] + ([f"… et {more} autre(s) erreur(s)."] if more > 0 else [])
        raise SeriesImportError(shown)
    if not rows:
        raise SeriesImportError(["Le fichier ne contient aucune ligne de données après l'en-tête."])
    return rows


def _check(values: dict, territories: set[str], communes: set[str]) -> list[tuple[str, str]]:
    problems = []
    for column in COLUMNS:
        if not values[column]:
            problems.append((column, "valeur obligatoire manquante."))
    for column, limit in LIMITS.items():
        if len(values[column]) > limit:
            problems.append((column, f"{limit} caractères au plus."))
    code = values["code"]
    if code and code not in territories and code not in communes:
        problems.append(("code", f"« {code[:60]} » n'est ni un territoire SPRO ni le code INSEE d'une commune connue."))
    period = values["periode"]
    if period:
        match = PERIOD_RE.match(period)
        current = timezone.localdate().year
        if not match:
            problems.append(
                ("periode", f"« {period[:20]} » : une année (2024), un mois (2024-03) ou un trimestre (2024-T1).")
            )
        elif not 1900 <= int(match.group(1)) <= current + 5:
            problems.append(("periode", f"« {period} » : année hors de 1900 à {current + 5}."))
    if values["valeur"]:
        try:
            _value(values["valeur"])
        except InvalidOperation:
            problems.append(("valeur", f"« {values['valeur'][:30]} » n'est pas un nombre (par exemple 1234,5)."))
    return problems


@transaction.atomic
def import_series(content: bytes, filename: str, user) -> SeriesImport:
    """Validate the whole file, then write every line (replacing the same series, zone and period)."""
    rows = parse(content)
    imported = SeriesImport.objects.create(
        imported_at=timezone.now(), imported_by=user, filename=filename[:200], rows=len(rows)
    )
    for row in rows:
        SeriesValue.objects.update_or_create(
            series=row.series,
            area_kind=row.area_kind,
            area_code=row.area_code,
            period=row.period,
            defaults={
                "value": row.value,
                "unit": row.unit,
                "source": row.source,
                "licence": row.licence,
                "imported": imported,
            },
        )
    return imported
