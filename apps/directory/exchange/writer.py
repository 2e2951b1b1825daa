"""Import, step 2: write checked data·inclusion records in one transaction, in bulk.

Structures are upserted by the slug derived from their id; one place is created per distinct
(structure, address, commune) unless the structure already has it; services are upserted by
(source, source_id) with their statuses, themes and places replaced. Bulk writes skip
Model.save(), so what save() would compute (updated_at) is set here; no history
rows are written for imported objects.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone

from apps.core.bulk import chunked, insert_rows
from apps.directory import search_index
from apps.directory.models import Network, Place, Service, ServiceLocation, Status, Structure, Theme
from apps.geo.models import Departement

from .checks import Plan, is_place_record, structure_slug
from .vocab import (
    ON_SITE,
    REMOTE,
    RESEAU_TO_NETWORK,
    access_modes_for,
    statuses_for,
    themes_for,
)

BATCH = 1000
STRUCTURE_FIELDS = ["name", "description", "website", "email", "phone", "siret", "network", "updated_at"]
SERVICE_FIELDS = [
    "structure",
    "name",
    "description",
    "type",
    "fee",
    "fee_details",
    "conditions",
    "phone",
    "email",
    "website",
    "access_modes",
    "remote_modes",
    "reach",
    "reach_code",
    "last_verified_at",
    "is_active",
    "updated_at",
]


def write(plan: Plan) -> dict[str, int]:
    counts: dict[str, int] = {}
    with transaction.atomic(), search_index.deferred():
        structures = _upsert_structures(plan, counts)
        places = _places(plan, structures, counts)
        services = _upsert_services(plan, structures, places, counts)
        search_index.refresh(s.pk for s in services)
        # Its other services are found by its name too (bulk writes send no signal).
        search_index.refresh(Service.objects.filter(structure__in=plan.renamed).values_list("pk", flat=True))
    return counts


def _text(record: dict, key: str) -> str:
    return (record.get(key) or "").strip()


def _upsert_structures(plan: Plan, counts: dict) -> dict[str, Structure]:
    """Structures of the file and of the database, by data·inclusion id."""
    records = plan.structures.records
    slugs = [structure_slug(r["id"]) for r in records]
    existing = {}
    for chunk in chunked(slugs):
        existing.update({s.slug: s for s in Structure.objects.filter(slug__in=chunk)})
    networks = {n.code: n for n in Network.objects.all()}
    now = timezone.now()
    by_id, new, updated = {}, [], []
    for record, slug in zip(records, slugs, strict=True):
        structure = existing.get(slug) or Structure(slug=slug, source=record["source"])
        if structure.pk and structure.name != record["nom"].strip():
            plan.renamed.append(structure)
        _fill_structure(structure, record, networks, now)
        (updated if structure.pk else new).append(structure)
        by_id[record["id"]] = structure
    Structure.objects.bulk_create(new, batch_size=BATCH)
    Structure.objects.bulk_update(updated, STRUCTURE_FIELDS, batch_size=BATCH)
    counts.update(structures_created=len(new), structures_updated=len(updated))
    for record in plan.services.records:
        slug = structure_slug(record["structure_id"])
        if record["structure_id"] not in by_id and slug in plan.known_structures:
            by_id[record["structure_id"]] = plan.known_structures[slug]
    return by_id


def _fill_structure(structure: Structure, record: dict, networks: dict, now) -> None:
    structure.name = record["nom"].strip()
    structure.description = _text(record, "description")
    structure.website = _text(record, "site_web")
    structure.email = _text(record, "courriel")
    structure.phone = _text(record, "telephone")
    structure.siret = _text(record, "siret")
    structure.updated_at = now
    for reseau in record.get("reseaux_porteurs") or []:
        network = networks.get(RESEAU_TO_NETWORK.get(reseau, ""))
        if network is not None:
            structure.network = network
            break


def _place_key(record: dict, structure: Structure) -> tuple[int, str, str]:
    return structure.pk, _text(record, "adresse"), record["code_insee"]


def _places(plan: Plan, structures: dict[str, Structure], counts: dict) -> dict[tuple, int]:
    """(structure pk, address, commune code) → place pk, creating the missing places."""
    wanted = {}
    for record in plan.services.records:
        if is_place_record(record):
            wanted.setdefault(_place_key(record, structures[record["structure_id"]]), record)
    known = {}
    for chunk in chunked(sorted({key[0] for key in wanted})):
        rows = Place.objects.filter(structure_id__in=chunk).values_list("structure_id", "address", "commune_id", "pk")
        known.update({(s, a.strip(), c): pk for s, a, c, pk in rows})
    by_pk = {s.pk: s for s in structures.values()}
    new = [_new_place(by_pk[key[0]], record, plan) for key, record in wanted.items() if key not in known]
    Place.objects.bulk_create(new, batch_size=BATCH)
    known.update({(p.structure_id, p.address, p.commune_id): p.pk for p in new})
    counts["places_created"] = len(new)
    return known


def _new_place(structure: Structure, record: dict, plan: Plan) -> Place:
    commune = plan.communes[record["code_insee"]]
    has_position = record.get("latitude") is not None
    return Place(
        structure=structure,
        name=structure.name[:150],
        address=_text(record, "adresse"),
        address_complement=_text(record, "complement_adresse"),
        postal_code=record.get("code_postal") or commune.postal_code,
        commune_id=commune.code,
        latitude=record["latitude"] if has_position else commune.latitude,
        longitude=record["longitude"] if has_position else commune.longitude,
        opening_hours=_text(record, "horaires_accueil"),
    )


def _upsert_services(plan: Plan, structures: dict, places: dict, counts: dict) -> list[Service]:
    records = plan.services.records
    existing = _existing_services(records)
    zones = _ZoneReader(plan)
    now = timezone.now()
    new, updated = [], []
    for record in records:
        service = existing.get((record["source"], record["id"])) or Service(
            source=record["source"], source_id=record["id"]
        )
        _fill_service(service, record, structures[record["structure_id"]], zones, now)
        (updated if service.pk else new).append(service)
    Service.objects.bulk_create(new, batch_size=BATCH)
    Service.objects.bulk_update(updated, SERVICE_FIELDS, batch_size=BATCH)
    _replace_links(records, new + updated, structures, places, updated)
    counts.update(services_created=len(new), services_updated=len(updated))
    return new + updated


def _existing_services(records: list[dict]) -> dict[tuple[str, str], Service]:
    ids, found = sorted({r["id"] for r in records}), {}
    for chunk in chunked(ids):
        for service in Service.objects.filter(source_id__in=chunk):
            found[(service.source, service.source_id)] = service
    return found


def _fill_service(service: Service, record: dict, structure: Structure, zones, now) -> None:
    modes_accueil = record.get("modes_accueil") or []
    mobilisation = record.get("modes_mobilisation") or []
    service.structure = structure
    service.name = record["nom"].strip()
    service.description = record["description"].strip()
    service.type = record.get("type") or Service.Type.ACCOMPAGNEMENT
    service.fee = record.get("frais") or Service.Fee.GRATUIT
    service.fee_details = _text(record, "frais_precisions")
    service.conditions = _text(record, "conditions_acces")
    service.phone = _text(record, "telephone")
    service.email = _text(record, "courriel")
    service.website = _text(record, "lien_mobilisation")
    service.access_modes = access_modes_for(mobilisation)
    service.remote_modes = _remote_modes(record, mobilisation) if REMOTE in modes_accueil else []
    if not is_place_record(record) and not service.remote_modes:
        service.remote_modes = _remote_modes(record, mobilisation)  # no place: it can only be remote
    service.reach, service.reach_code = zones.reach(record)
    service.last_verified_at = date.fromisoformat(record["date_maj"])
    service.is_active = True
    service.updated_at = now


def _remote_modes(record: dict, mobilisation: list[str]) -> list[str]:
    modes = []
    if "telephoner" in mobilisation or (record.get("telephone") and ON_SITE not in (record.get("modes_accueil") or [])):
        modes.append("phone")
    if "utiliser-lien-mobilisation" in mobilisation or record.get("lien_mobilisation"):
        modes.append("online")
    return modes or ["online"]


def _replace_links(records, services, structures, places, updated) -> None:
    """Statuses, themes and places of the imported services (replacing those of updated ones)."""
    status_ids = dict(Status.objects.values_list("code", "pk"))
    theme_ids = dict(Theme.objects.values_list("code", "pk"))
    status_through, theme_through = Service.statuses.through, Service.themes.through
    for chunk in chunked([s.pk for s in updated]):
        status_through.objects.filter(service_id__in=chunk).delete()
        theme_through.objects.filter(service_id__in=chunk).delete()
        ServiceLocation.objects.filter(service_id__in=chunk).delete()
    statuses, themes, locations = [], [], {}
    for record, service in zip(records, services_in_record_order(records, services), strict=True):
        statuses += [(service.pk, status_ids[c]) for c in statuses_for(record.get("publics") or []) if c in status_ids]
        themes += [(service.pk, theme_ids[c]) for c in themes_for(record.get("thematiques") or []) if c in theme_ids]
        if is_place_record(record):
            place_id = places[_place_key(record, structures[record["structure_id"]])]
            locations[(service.pk, place_id)] = None
    insert_rows(status_through, ["service", "status"], statuses)
    insert_rows(theme_through, ["service", "theme"], themes)
    insert_rows(ServiceLocation, ["service", "place"], list(locations))


def services_in_record_order(records: list[dict], services: list[Service]) -> list[Service]:
    by_key = {(s.source, s.source_id): s for s in services}
    return [by_key[(r["source"], r["id"])] for r in records]


class _ZoneReader:
    """zone_eligibilite → the directory's typed reach (France, région, département)."""

    def __init__(self, plan: Plan):
        self.communes = plan.communes
        self.region_of = dict(Departement.objects.values_list("code", "region_id"))
        self.region_sets: dict[str, set[str]] = {}
        for departement, region in self.region_of.items():
            self.region_sets.setdefault(region, set()).add(departement)

    def reach(self, record: dict) -> tuple[str, str]:
        codes = [str(c) for c in record.get("zone_eligibilite") or []]
        if {"france", "99100"} & set(codes):
            return Service.Reach.FRANCE, ""
        departements = [c for c in codes if c in self.region_of]
        regions = {self.region_of[c] for c in departements}
        if len(regions) == 1 and set(departements) == self.region_sets[next(iter(regions))] and len(departements) > 1:
            return Service.Reach.REGION, regions.pop()
        if departements:
            return Service.Reach.DEPARTEMENT, departements[0]
        commune = next((self.communes[c] for c in codes if c in self.communes), None)
        commune = commune or self.communes.get(record.get("code_insee") or "")
        if commune is not None:
            return Service.Reach.DEPARTEMENT, commune.departement
        return (Service.Reach.DEPARTEMENT, "") if is_place_record(record) else (Service.Reach.FRANCE, "")
