"""data·inclusion v1 file formats: the records of a file (JSON or CSV), read and written, and the import's errors."""

import csv
import io
import json
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from apps.core.spreadsheet import csv_writer, unsafe_cell

from .schema import load_schema, properties

CSV_LIST_SEPARATOR = "|"


class ExchangeError(ValidationError):
    """Every problem found in the files, as French messages; nothing was written."""

    def __init__(self, errors: list[str]):
        self.errors = list(errors)
        super().__init__(self.errors)


@dataclass
class RecordSet:
    """The records of one file, with where each came from (for the error messages)."""

    name: str
    records: list = field(default_factory=list)
    lines: list[int] | None = None

    def where(self, index: int) -> str:
        record = self.records[index]
        place = f"ligne {self.lines[index]}" if self.lines else f"enregistrement n° {index + 1}"
        record_id = record.get("id") if isinstance(record, dict) else None
        return f"{self.name}, {place}" + (f" (id « {record_id} »)" if isinstance(record_id, str) else "")


def as_record_set(records, name: str) -> RecordSet:
    return records if isinstance(records, RecordSet) else RecordSet(name, list(records or []))


def csv_columns(kind: str) -> list[str]:
    """Required fields first, then the others in the schema's (alphabetical) order."""
    schema = load_schema(kind)
    required = list(schema["required"])
    return required + [name for name in schema["properties"] if name not in required]


def to_json(records: list[dict]) -> str:
    return json.dumps(records, ensure_ascii=False, indent=1)


def to_csv(kind: str, records: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv_writer(buffer, lineterminator="\n")
    columns = csv_columns(kind)
    writer.writerow(columns)
    for record in records:
        writer.writerow([_csv_cell(record.get(name)) for name in columns])
    return buffer.getvalue()


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return CSV_LIST_SEPARATOR.join(str(v) for v in value)
    return str(value)


def read_file(name: str, content: bytes, kind: str) -> dict[str, RecordSet]:
    """Parse one uploaded file. A JSON object {"structures": [...], "services": [...]} gives both."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ExchangeError([f"{name} : le fichier doit être encodé en UTF-8."]) from exc
    if name.lower().endswith(".csv"):
        try:
            return {kind: _read_csv(name, text, kind)}
        except csv.Error as exc:  # a field beyond the csv module's limit, a stray NUL…
            raise ExchangeError([f"{name} : fichier CSV illisible ({exc})."]) from exc
    return _read_json(name, text, kind)


def _read_json(name: str, text: str, kind: str) -> dict[str, RecordSet]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ExchangeError(
            [f"{name} : JSON invalide à la ligne {exc.lineno}, colonne {exc.colno} ({exc.msg})."]
        ) from exc
    except RecursionError as exc:  # "[[[[…" a hundred thousand times deep
        raise ExchangeError([f"{name} : JSON trop imbriqué pour des enregistrements data·inclusion."]) from exc
    if isinstance(data, list):
        return {kind: RecordSet(name, data)}
    if isinstance(data, dict) and ({"structures", "services"} & data.keys()):
        found = {}
        for key, plural in [("structure", "structures"), ("service", "services")]:
            if not isinstance(data.get(plural, []), list):
                raise ExchangeError([f"{name} : « {plural} » doit être une liste d'enregistrements."])
            if plural in data:
                found[key] = RecordSet(f"{name} › {plural}", data[plural])
        return found
    raise ExchangeError(
        [
            f"{name} : le fichier doit contenir une liste d'enregistrements, ou un objet "
            '{"structures": [...], "services": [...]}.'
        ]
    )


def _read_csv(name: str, text: str, kind: str) -> RecordSet:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    fields = properties(kind)
    if not reader.fieldnames or "id" not in reader.fieldnames:
        raise ExchangeError([f"{name}, ligne 1 : la ligne d'en-tête doit nommer les colonnes (dont « id »)."])
    records, lines = [], []
    start = reader.line_num + 1
    for row in reader:
        records.append({k: _from_cell(v, fields[k]) for k, v in row.items() if k in fields and v is not None})
        lines.append(start)
        start = reader.line_num + 1
    return RecordSet(name, records, lines)


def _types(schema: dict) -> set[str]:
    if "anyOf" in schema:
        return {t for option in schema["anyOf"] for t in _types(option)}
    kind = schema.get("type")
    if kind:
        return {kind} if isinstance(kind, str) else set(kind)
    return {"string"} if "$ref" in schema else set()


def _from_cell(value: str, schema: dict):
    """A CSV cell back to its JSON value; what does not convert is left for the schema to reject."""
    types = _types(schema)
    value = unsafe_cell(value)
    if value == "":
        return None if "null" in types else value
    if "array" in types:
        return [item.strip() for item in value.split(CSV_LIST_SEPARATOR)]
    for name, convert in [("integer", int), ("number", float)]:
        if name in types:
            try:
                return convert(value)
            except ValueError:
                return value
    return value
