"""data·inclusion v1 export: the SPRO directory as data·inclusion v1 structures and services.

One service record per place where the service is delivered; one record for a service with no place.
"""

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone

from apps.directory.models import Place, Service, Status, Structure
from apps.geo.models import Departement

from .files import RecordSet
from .schema import describe, schema_errors
from .vocab import (
    ID_SEPARATOR,
    NETWORK_TO_RESEAU,
    ON_SITE,
    REMOTE,
    SOURCE,
    mobilisation_for,
    publics_for,
    thematiques_for,
)


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

    record_set = RecordSet(f"{kind}s.json", records)
    return [
        f"{record_set.where(i)} : {' : '.join(describe(e))}"
        for i, record in enumerate(records)
        for e in schema_errors(kind, record)
    ]
