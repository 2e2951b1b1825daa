"""data·inclusion v1 exchange: export of the directory, file formats, and the import entry point.

The export turns the SPRO directory into data·inclusion v1 structures and services (one service
record per place where the service is delivered; one record for a service with no place). The
import (exchange_checks.py, then exchange_import.py) reads the same format back, all or nothing.
Vocabulary mappings live in exchange_vocab.py.
"""

import csv
import io
import json
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils import timezone

from apps.core.spreadsheet import csv_writer, unsafe_cell
from apps.geo.models import Departement

from .exchange_schema import load_schema, properties, schema_errors
from .exchange_vocab import (
    ID_SEPARATOR,
    NETWORK_TO_RESEAU,
    ON_SITE,
    REMOTE,
    SOURCE,
    mobilisation_for,
    publics_for,
    thematiques_for,
)
from .models import Place, Service, Status, Structure

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


def structure_record_id(structure: Structure) -> str:
    return f"{SOURCE}{ID_SEPARATOR}{structure.slug}"


# Export


def export_structures(base_url: str = "") -> list[dict]:
    """Active structures; address and hours from their first active place."""
    first_places = {}
    for place in Place.objects.public().select_related("commune").order_by("structure_id", "pk"):
        first_places.setdefault(place.structure_id, place)
    structures = Structure.objects.public().select_related("network").order_by("slug")
    return [_structure_record(s, first_places.get(s.pk), base_url) for s in structures]


def _structure_record(structure: Structure, place: Place | None, base_url: str) -> dict:
    reseau = NETWORK_TO_RESEAU.get(structure.network.code) if structure.network_id else None
    return {
        "source": SOURCE,
        "id": structure_record_id(structure),
        "nom": structure.name,
        "date_maj": timezone.localdate(structure.updated_at).isoformat(),
        "description": _text(structure.description, 5),
        "siret": structure.siret or None,
        "site_web": structure.website or None,
        "courriel": structure.email or None,
        "telephone": structure.phone or None,
        "lien_source": _link(base_url, structure),
        "reseaux_porteurs": [reseau] if reseau else None,
        "accessibilite_lieu": None,
        "horaires_accueil": (place.opening_hours or None) if place else None,
        **_address(place),
    }


def export_services(base_url: str = "") -> list[dict]:
    """Active services of active structures: one record per active place, or one if it has none."""
    services = (
        Service.objects.public()
        .select_related("structure__network", "structure__territory")
        .prefetch_related(
            "statuses", "themes", Prefetch("places", queryset=Place.objects.select_related("commune").order_by("pk"))
        )
        .order_by("structure__slug", "pk")
    )
    zones = _Zones()
    all_statuses = set(Status.objects.filter(is_active=True).values_list("code", flat=True))
    records = []
    # Chunks keep the prefetch's IN lists short: with 100,000 ids SQLite's plan turns quadratic.
    for service in services.iterator(chunk_size=2000):
        base = _service_base(service, all_statuses, base_url)
        places = list(service.places.all())
        active = [p for p in places if p.is_active]
        if not places:
            remote = [REMOTE] if service.remote_modes else None
            records.append(base | {"modes_accueil": remote, "zone_eligibilite": zones.of(service, None)})
        for place in active:
            records.append(base | _at_place(service, place, zones.of(service, place)))
    return records


def _service_base(service: Service, all_statuses: set[str], base_url: str) -> dict:
    statuses = [s.code for s in service.statuses.all()]
    themes = [t.code for t in service.themes.all()]
    return {
        "source": SOURCE,
        "id": f"{SOURCE}{ID_SEPARATOR}{service.pk}",
        "structure_id": structure_record_id(service.structure),
        "nom": service.name,
        "description": _text(service.description, 5) or f"Service : {service.name}",
        "date_maj": (service.last_verified_at or timezone.localdate(service.updated_at)).isoformat(),
        "type": service.type or None,
        "publics": publics_for(statuses, all_statuses),
        "publics_precisions": None,
        "thematiques": thematiques_for(themes) or None,
        "frais": service.fee or None,
        "frais_precisions": service.fee_details or None,
        "conditions_acces": service.conditions or None,
        "telephone": service.phone or None,
        "courriel": service.email or None,
        "contact_nom_prenom": None,
        "lien_mobilisation": service.website or None,
        "lien_source": _link(base_url, service),
        "modes_mobilisation": mobilisation_for(service.access_modes, bool(service.website)) or None,
        "mobilisation_precisions": None,
        "mobilisable_par": ["usagers"],
        "nombre_semaines": None,
        "volume_horaire_hebdomadaire": None,
        "horaires_accueil": None,
        **_address(None),
    }


def _at_place(service: Service, place: Place, zone: list[str] | None) -> dict:
    return {
        "id": f"{SOURCE}{ID_SEPARATOR}{service.pk}{ID_SEPARATOR}{place.pk}",
        "modes_accueil": [ON_SITE, REMOTE] if service.remote_modes else [ON_SITE],
        "telephone": service.phone or place.phone or None,
        "courriel": service.email or place.email or None,
        "horaires_accueil": place.opening_hours or None,
        "zone_eligibilite": zone,
        **_address(place),
    }


def _address(place: Place | None) -> dict:
    if place is None:
        keys = ["adresse", "complement_adresse", "code_postal", "code_insee", "commune", "latitude", "longitude"]
        return dict.fromkeys(keys)
    return {
        "adresse": place.address,
        "complement_adresse": place.address_complement or None,
        "code_postal": place.postal_code,
        "code_insee": place.commune_id,
        "commune": place.commune.name,
        "latitude": place.latitude,
        "longitude": place.longitude,
    }


def _text(value: str, min_length: int) -> str | None:
    value = (value or "").strip()
    return value if len(value) >= min_length else None


def _link(base_url: str, obj) -> str | None:
    return base_url.rstrip("/") + obj.get_absolute_url() if base_url else None


class _Zones:
    """zone_eligibilite from the service's typed reach: France, a région (its départements), a
    département, or the structure's SPRO territory (its département, or its communes for a bassin)."""

    def __init__(self):
        self._regions: dict[str, list[str]] = {}
        self._territories: dict[int, list[str]] = {}

    def of(self, service: Service, place: Place | None) -> list[str] | None:
        reach, code = service.reach, service.reach_code
        if reach == Service.Reach.FRANCE:
            return ["france"]
        if reach == Service.Reach.REGION:
            return self._region(code or settings.SPRO_REGION_CODE) or None
        territory = service.structure.territory
        if reach == Service.Reach.TERRITORY and territory is not None:
            return self._territory(territory)
        fallback = place.commune.departement_id if place else (territory.departement_id if territory else None)
        departement = (code if reach == Service.Reach.DEPARTEMENT else "") or fallback
        return [departement] if departement else None

    def _region(self, code: str) -> list[str]:
        if code not in self._regions:
            self._regions[code] = list(Departement.objects.filter(region_id=code).values_list("code", flat=True))
        return self._regions[code]

    def _territory(self, territory) -> list[str]:
        if territory.pk not in self._territories:
            if territory.kind == "departement" and territory.departement_id:
                codes = [territory.departement_id]
            elif territory.kind == "region" and territory.departement_id:
                codes = self._region(territory.departement.region_id)
            else:
                codes = sorted(territory.communes.values_list("code", flat=True))
            self._territories[territory.pk] = codes
        return self._territories[territory.pk] or None


def export_errors(kind: str, records: list[dict]) -> list[str]:
    """Schema errors of exported records (empty when every record is valid)."""
    from .exchange_schema import describe

    record_set = RecordSet(f"{kind}s.json", records)
    return [
        f"{record_set.where(i)} : {' : '.join(describe(e))}"
        for i, record in enumerate(records)
        for e in schema_errors(kind, record)
    ]


# File formats


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


def import_data_inclusion(structures, services) -> dict[str, int]:
    """Validate every record, then write them all in one transaction (or raise ExchangeError)."""
    from .exchange_checks import check
    from .exchange_import import write

    plan = check(_as_set(structures, "structures.json"), _as_set(services, "services.json"))
    return write(plan)


def import_files(structures: tuple[str, bytes] | None, services: tuple[str, bytes] | None) -> dict[str, int]:
    """Import from uploaded files given as (name, content); either may hold both kinds (JSON object)."""
    found: dict[str, RecordSet] = {}
    for kind, upload in [("service", services), ("structure", structures)]:
        if upload is not None:
            for key, record_set in read_file(upload[0], upload[1], kind).items():
                if key == kind or key not in found:
                    found[key] = record_set
    if not found:
        raise ExchangeError(["Aucun fichier à importer : joignez un fichier de structures et/ou de services."])
    return import_data_inclusion(
        found.get("structure", RecordSet("structures.json")), found.get("service", RecordSet("services.json"))
    )


def _as_set(records, name: str) -> RecordSet:
    return records if isinstance(records, RecordSet) else RecordSet(name, list(records or []))
