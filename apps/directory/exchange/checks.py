"""Import, step 1: check every data·inclusion record before anything is written.

Each record goes through the JSON schema, then through the checks the directory needs (the
commune exists, the structure is known, the place can be located, the values fit the columns).
All the problems are collected, as French messages naming the file, the record and the field;
if there is one, ExchangeError is raised and the import stops there.
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.text import slugify

from apps.core.bounds import date_problem
from apps.core.bulk import chunked
from apps.directory.models import Structure, phone_validator
from apps.directory.opening_hours import parse_opening_hours
from apps.geo.models import Commune

from .files import ExchangeError, RecordSet
from .schema import describe, missing_property, schema_errors
from .vocab import ID_SEPARATOR, SOURCE

SLUG_MAX = Structure._meta.get_field("slug").max_length
_url_validator = URLValidator()


@dataclass
class CommuneInfo:
    code: str
    name: str
    postal_code: str
    departement: str
    latitude: float | None
    longitude: float | None


@dataclass
class Plan:
    """What the checks found and the writer needs."""

    structures: RecordSet
    services: RecordSet
    communes: dict[str, CommuneInfo] = field(default_factory=dict)
    known_structures: dict[str, Structure] = field(default_factory=dict)  # by slug, already in the database
    renamed: list[Structure] = field(default_factory=list)  # existing structures the file renames


def structure_slug(record_id: str) -> str:
    """Our own ids come back to their slug; other producers' ids are slugified."""
    own = f"{SOURCE}{ID_SEPARATOR}"
    return slugify(record_id[len(own) :] if record_id.startswith(own) else record_id)


def check(structures: RecordSet, services: RecordSet) -> Plan:
    plan = Plan(structures, services)
    plan.communes = _communes(structures.records + services.records)
    errors = _check_structures(plan)
    plan.known_structures = _known_structures(plan)
    errors += _check_services(plan)
    if errors:
        raise ExchangeError(errors)
    return plan


def _communes(records: list) -> dict[str, CommuneInfo]:
    codes = set()
    for record in records:
        if isinstance(record, dict):
            zone = record.get("zone_eligibilite")
            codes.update(
                c for c in [record.get("code_insee"), *(zone if isinstance(zone, list) else [])] if _is_code(c)
            )
    codes = sorted(codes)
    found = {}
    for chunk in chunked(codes):
        rows = Commune.objects.filter(code__in=chunk).values_list(
            "code", "name", "postal_codes", "departement_id", "latitude", "longitude"
        )
        for code, name, postal_codes, departement, lat, lon in rows:
            found[code] = CommuneInfo(code, name, (postal_codes or "").split(" ")[0], departement, lat, lon)
    return found


def _is_code(value) -> bool:
    return isinstance(value, str) and len(value) == 5


def _known_structures(plan: Plan) -> dict[str, Structure]:
    in_file = {_id(r) for r in plan.structures.records}
    referenced = {_id(r, "structure_id") for r in plan.services.records} - in_file - {None}
    wanted = sorted({structure_slug(record_id) for record_id in referenced} - {""})
    known = {}
    for chunk in chunked(wanted):
        known.update({s.slug: s for s in Structure.objects.filter(slug__in=chunk).select_related("network")})
    return known


def _id(record, key: str = "id") -> str | None:
    value = record.get(key) if isinstance(record, dict) else None
    return value if isinstance(value, str) and value else None


def _record_errors(record_set: RecordSet, index: int, kind: str) -> tuple[list[str], set[str]]:
    """Schema errors as messages, and the fields they concern (not checked any further)."""
    record = record_set.records[index]
    where = record_set.where(index)
    if not isinstance(record, dict):
        return [f"{where} : l'enregistrement doit être un objet JSON."], {"*"}
    messages, fields = [], set()
    for error in schema_errors(kind, record):
        label, text = describe(error)
        messages.append(f"{where} : {label} : {text}")
        fields.add(next(iter(error.absolute_path), None) or _missing_field(error))
    return messages, fields


def _missing_field(error) -> str:
    return missing_property(error) if error.validator == "required" else ""


def _check_structures(plan: Plan) -> list[str]:
    errors, seen_ids, seen_slugs = [], set(), {}
    record_set = plan.structures
    for index, record in enumerate(record_set.records):
        found, bad = _record_errors(record_set, index, "structure")
        errors += found
        if "*" in bad:
            continue
        say = _sayer(record_set, index, errors)
        record_id = _id(record)
        if record_id and "id" not in bad:
            slug = structure_slug(record_id)
            if record_id in seen_ids:
                say("id", "cet identifiant figure déjà plus haut dans le fichier.")
            elif not slug or len(slug) > SLUG_MAX:
                say("id", f"ne permet pas de former un identifiant de structure (1 à {SLUG_MAX} caractères).")
            elif slug in seen_slugs:
                say("id", f"donne le même identifiant de structure « {slug} » que « {seen_slugs[slug]} ».")
            seen_ids.add(record_id)
            seen_slugs.setdefault(slug, record_id)
        _check_fields(record, bad, say, plan, STRUCTURE_FIELDS)
    return errors


def _check_services(plan: Plan) -> list[str]:
    errors, seen_ids = [], set()
    structure_ids = {_id(r) for r in plan.structures.records} - {None}
    record_set = plan.services
    for index, record in enumerate(record_set.records):
        found, bad = _record_errors(record_set, index, "service")
        errors += found
        if "*" in bad:
            continue
        say = _sayer(record_set, index, errors)
        record_id = _id(record)
        if record_id in seen_ids and "id" not in bad:
            say("id", "cet identifiant figure déjà plus haut dans le fichier.")
        seen_ids.add(record_id)
        structure_id = _id(record, "structure_id")
        if _unknown_structure(structure_id, bad, structure_ids, plan):
            say("structure_id", f"aucune structure « {structure_id} » dans le fichier ni dans l'annuaire.")
        _check_fields(record, bad, say, plan, SERVICE_FIELDS)
        _check_place(record, bad, say, plan)
    return errors


def _unknown_structure(structure_id: str | None, bad: set[str], in_file: set[str], plan: Plan) -> bool:
    if not structure_id or "structure_id" in bad or structure_id in in_file:
        return False
    return structure_slug(structure_id) not in plan.known_structures


def _sayer(record_set: RecordSet, index: int, errors: list[str]):
    where = record_set.where(index)

    def say(name: str, text: str) -> None:
        errors.append(f"{where} : champ « {name} » : {text}")

    return say


def _check_fields(record: dict, bad: set[str], say, plan: Plan, checks: dict) -> None:
    for name, check_value in checks.items():
        value = record.get(name)
        if value in (None, "") or name in bad:
            continue
        problem = check_value(value, plan)
        if problem:
            say(name, problem)


def _check_place(record: dict, bad: set[str], say, plan: Plan) -> None:
    """A service with an address or a commune is delivered at a place: both are needed, and a position."""
    if not is_place_record(record) or {"adresse", "code_insee", "latitude", "longitude"} & bad:
        return
    if not record.get("adresse"):
        say("adresse", "obligatoire quand le service a un lieu d'accueil (code_insee renseigné).")
    if not record.get("code_insee"):
        say("code_insee", "obligatoire quand une adresse est donnée.")
        return
    commune = plan.communes.get(record["code_insee"])
    if commune is None:
        return  # already reported by the code_insee check
    lat, lon = record.get("latitude"), record.get("longitude")
    if (lat is None) != (lon is None):
        say("latitude" if lat is None else "longitude", "latitude et longitude vont ensemble : donnez les deux.")
    elif lat is None and commune.latitude is None:
        say("latitude", f"absente, et la commune {commune.code} n'a pas de coordonnées : donnez latitude et longitude.")


def is_place_record(record: dict) -> bool:
    return bool(record.get("adresse") or record.get("code_insee"))


def _max_length(limit: int):
    return lambda value, plan: (
        f"doit contenir au plus {limit} caractères (limite de l'annuaire)." if len(value) > limit else None
    )


def _commune_exists(value: str, plan: Plan) -> str | None:
    return None if value in plan.communes else f"aucune commune ne porte le code INSEE « {value} »."


def _django(validator, text: str):
    def check_value(value, plan):
        try:
            validator(value)
        except ValidationError:
            return text.format(value=value)
        return None

    return check_value


def _url(value: str, plan: Plan) -> str | None:
    if len(value) > 200:
        return "doit contenir au plus 200 caractères (limite de l'annuaire)."
    return _django(_url_validator, "« {value} » n'est pas une adresse web valide.")(value, plan)


def _opening_hours(value: str, plan: Plan) -> str | None:
    if len(value) > 300:
        return "doit contenir au plus 300 caractères (limite de l'annuaire)."
    try:
        parse_opening_hours(value)
    except ValueError as exc:
        return f"horaires illisibles : {exc}"
    return None


def _latitude(value, plan):
    return None if -90 <= value <= 90 else "doit être comprise entre -90 et 90."


def _update_day(value, plan):
    try:
        day = date.fromisoformat(value)
    except (TypeError, ValueError):
        return None  # the schema reports a malformed date
    return date_problem(day, allow_future=False)


def _longitude(value, plan):
    return None if -180 <= value <= 180 else "doit être comprise entre -180 et 180."


_PHONE = _django(phone_validator, "« {value} » n'est pas un numéro de téléphone français (par exemple 02 61 91 00 00).")
_EMAIL = _django(validate_email, "« {value} » n'est pas une adresse e-mail valide.")
COMMON_FIELDS = {
    "source": _max_length(60),
    "code_insee": _commune_exists,
    "adresse": _max_length(200),
    "complement_adresse": _max_length(200),
    "telephone": _PHONE,
    "courriel": _EMAIL,
    "horaires_accueil": _opening_hours,
    "latitude": _latitude,
    "longitude": _longitude,
    "date_maj": _update_day,
}
STRUCTURE_FIELDS = COMMON_FIELDS | {"site_web": _url}
SERVICE_FIELDS = COMMON_FIELDS | {
    "id": _max_length(200),
    "lien_mobilisation": _url,
    "frais_precisions": _max_length(300),
}
