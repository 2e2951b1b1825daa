"""Writes on the directory: vocabularies, demo data, verification, offer edits."""

import hashlib
import json
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from apps.accounts.models import Membership, User
from apps.core import region_pack
from apps.geo.models import Commune, Territory

from . import demo_people, search_index
from .models import InfoType, Network, Place, Service, ServiceLocation, Status, Structure, Theme

DEMO_PASSWORD = "demo-spro-2026"
DEMO_EMAIL_DOMAIN = "demo.spro.example"


@transaction.atomic
def load_vocabularies(path: Path | None = None) -> dict[str, int]:
    """Create or update the statuses, themes, info types and networks from the region pack's vocabularies."""
    data = json.loads((path or region_pack.current().file("vocabularies")).read_text(encoding="utf-8"))
    counts = {}
    for key, model in [("statuses", Status), ("themes", Theme), ("info_types", InfoType)]:
        for position, item in enumerate(data[key]):
            model.objects.update_or_create(code=item["code"], defaults={"label": item["label"], "position": position})
        counts[key] = len(data[key])
    for position, item in enumerate(data["networks"]):
        Network.objects.update_or_create(
            code=item["code"],
            defaults={
                "label": item["label"],
                "publics": item.get("publics", ""),
                "cep_operator": item.get("cep_operator", False),
                "position": position,
            },
        )
    counts["networks"] = len(data["networks"])
    return counts


def demo_data_loaded() -> bool:
    return Structure.objects.filter(source="demo").exists()


def _verified_date(key: str, today: date) -> date:
    """A stable pseudo-random verification date within the last 9 months, so some are due."""
    days = int(hashlib.sha256(key.encode()).hexdigest(), 16) % 270
    return today - timedelta(days=days)


@transaction.atomic
def load_demo_data(path: Path | None = None, with_users: bool = True, data: dict | None = None) -> dict[str, int]:
    """Load the region pack's demo directory once (curated: real organisations, fictional people; or generated)."""
    if data is None:
        data = json.loads((path or region_pack.current().demo_file()).read_text(encoding="utf-8"))
    with search_index.deferred():  # one index refresh at the end, not one per write
        counts, structures_by_key = _load_demo_offer(data)
        search_index.refresh(Service.objects.filter(source="demo").values_list("pk", flat=True))
    if with_users:
        counts["users"] = _create_demo_users(structures_by_key)
    return counts


def _load_demo_offer(data: dict) -> tuple[dict[str, int], dict[str, Structure]]:
    vocab = {
        "statuses": {s.code: s for s in Status.objects.all()},
        "themes": {t.code: t for t in Theme.objects.all()},
        "info_types": {i.code: i for i in InfoType.objects.all()},
    }
    networks = {n.code: n for n in Network.objects.all()}
    territories = {t.code: t for t in Territory.objects.all()}
    communes = {c.code: c for c in Commune.objects.filter(departement__region_id=settings.SPRO_REGION_CODE)}
    today = timezone.localdate()
    counts = {"structures": 0, "places": 0, "services": 0}
    structures_by_key = {}
    for item in data["structures"]:
        structure = Structure.objects.create(
            slug=item["key"],
            name=item["name"],
            network=networks[item["network"]],
            territory=territories.get(item.get("territory")),
            description=item.get("description", ""),
            website=item.get("website") or "",
            email=item.get("email") or "",
            phone=item.get("phone") or "",
            source="demo",
        )
        structures_by_key[item["key"]] = structure
        places = [_create_demo_place(structure, p, communes) for p in item["places"]]
        counts["structures"] += 1
        counts["places"] += len(places)
        for template_key in item["services"]:
            template = _template(data, item["network"], template_key)
            service = _create_service(structure, template, vocab, item["key"] + template_key, today)
            ServiceLocation.objects.bulk_create([ServiceLocation(service=service, place=p) for p in places])
            counts["services"] += 1
    gip = structures_by_key.get(data.get("remote_doors_structure", ""))  # the regional structure of the remote doors
    for door in data.get("remote_doors", []):
        if gip is None:
            break
        template = dict(door, remote_modes=door.get("remote_modes") or _remote_modes_for(door))
        template.setdefault("access_modes", ["phone"] if door.get("phone") else ["online"])
        _create_service(
            gip, template | {"reach": "region", "reach_code": settings.SPRO_REGION_CODE}, vocab, door["key"], today
        )
        counts["services"] += 1
    return counts, structures_by_key


def _remote_modes_for(door: dict) -> list[str]:
    return ["phone"] if door.get("phone") else ["online"]


def _template(data: dict, network: str, key: str) -> dict:
    for template in data["service_templates"].get(network, []):
        if template["key"] == key:
            return template
    raise KeyError(f"Modèle de service inconnu : {network}/{key}")


def _create_demo_place(structure: Structure, item: dict, communes: dict) -> Place:
    commune = communes[item["commune"]]
    return Place.objects.create(
        structure=structure,
        name=item["name"],
        address=item["address"],
        postal_code=item.get("postal_code") or commune.main_postal_code,
        commune=commune,
        latitude=item.get("latitude") or commune.latitude,
        longitude=item.get("longitude") or commune.longitude,
        phone=item.get("phone") or "",
        email=item.get("email") or "",
        opening_hours=item.get("opening_hours") or "",
        step_free=item.get("step_free"),
    )


def _create_service(structure, template, vocab, key, today) -> Service:
    service = Service.objects.create(
        structure=structure,
        name=template["name"],
        description=template["description"],
        type=template.get("type") or Service.Type.ACCOMPAGNEMENT,
        cep_level=template.get("cep_level", 1),
        remote_modes=template.get("remote_modes", []),
        access_modes=template.get("access_modes", []),
        reach=template.get("reach", Service.Reach.DEPARTEMENT),
        reach_code=template.get("reach_code", ""),
        conditions=template.get("conditions", ""),
        fee=template.get("fee", "gratuit"),
        fee_details=template.get("fee_details", ""),
        phone=template.get("phone") or "",
        website=template.get("website") or "",
        last_verified_at=_verified_date(key, today),
        source="demo",
    )
    service.statuses.set([vocab["statuses"][c] for c in template.get("statuses", [])])
    service.themes.set([vocab["themes"][c] for c in template.get("themes", [])])
    service.info_types.set([vocab["info_types"][c] for c in template.get("info_types", [])])
    return service


def _create_demo_users(structures_by_key: dict[str, Structure]) -> int:
    """Fictional accounts: one region admin and one member per structure, all with the demo password."""
    password = make_password(DEMO_PASSWORD)
    User.objects.get_or_create(
        email=f"admin@{DEMO_EMAIL_DOMAIN}",
        defaults={
            "password": password,
            "role": User.Role.REGION_ADMIN,
            "first_name": demo_people.ADMIN_NAME[0],
            "last_name": demo_people.ADMIN_NAME[1],
        },
    )
    created = 1
    for index, (key, structure) in enumerate(structures_by_key.items()):
        first_name, last_name = demo_people.member_name(index)
        user, _ = User.objects.get_or_create(
            email=f"{key}@{DEMO_EMAIL_DOMAIN}",
            defaults={"password": password, "first_name": first_name, "last_name": last_name},
        )
        Membership.objects.get_or_create(user=user, structure=structure, defaults={"role": Membership.Role.ADMIN})
        created += 1
    return created


def mark_verified(service: Service, when: date | None = None) -> None:
    service.last_verified_at = when or timezone.localdate()
    service.save(update_fields=["last_verified_at", "updated_at"])


@transaction.atomic
def save_service(service: Service, place_ids: list[int] | None = None) -> Service:
    """Save a service edited by a member: it counts as verified today; its places are replaced."""
    with search_index.deferred():
        service.last_verified_at = timezone.localdate()
        service.save()
        if place_ids is not None:
            service.locations.exclude(place_id__in=place_ids).delete()
            existing = set(service.locations.values_list("place_id", flat=True))
            ServiceLocation.objects.bulk_create(
                [ServiceLocation(service=service, place_id=pid) for pid in place_ids if pid not in existing]
            )
        search_index.refresh([service.pk])
    return service
