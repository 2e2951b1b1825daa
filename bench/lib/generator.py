"""A national-scale directory, generated: ~20,000 structures of the SPRO networks, 60,000 places
over all French communes in proportion to their population, 100,000 services (each delivered at
one place, as data·inclusion records are) tagged with statuses, themes and info types, and a few
hundred remote services covering France, a région or a département.

Deterministic (seeded), written with bulk inserts and explicit primary keys. Runs inside Django
(call `generate(scale)` after django.setup()) on an empty directory.
"""

import bisect
import itertools
import random
from datetime import timedelta

from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from apps.core.bulk import insert_rows
from apps.directory import search_index
from apps.directory.models import InfoType, Network, Place, Service, ServiceLocation, Status, Structure, Theme
from apps.geo.models import Territory

from .catalogue import HOURS, NETWORKS, REMOTE_TEMPLATES, STREETS, T, Template
from .reference import CommuneRow, communes, network_labels, population_weights

SEED = 17
STRUCTURES, PLACES, SERVICES, REMOTE = 20_000, 60_000, 100_000, 300
BATCH = 2000


def _phone(rng: random.Random) -> str:
    return f"0{rng.choice('123459')} " + " ".join(f"{rng.randint(0, 99):02d}" for _ in range(4))


def _apportion(total: int, weights: list[float]) -> list[int]:
    """Split `total` in proportion to `weights` (largest remainders), every part at least 0."""
    whole = sum(weights)
    raw = [total * w / whole for w in weights]
    counts = [int(r) for r in raw]
    for index in sorted(range(len(raw)), key=lambda i: raw[i] - counts[i], reverse=True)[: total - sum(counts)]:
        counts[index] += 1
    return counts


def targets(scale: float) -> dict[str, int]:
    return {
        "structures": max(len(NETWORKS), round(STRUCTURES * scale)),
        "places": max(2 * len(NETWORKS), round(PLACES * scale)),
        "services": max(4 * len(NETWORKS), round(SERVICES * scale)),
        "remote": max(10, round(REMOTE * scale)),
    }


class _ByDepartement:
    """Communes of each département, drawn by population."""

    def __init__(self, rows):
        self.rows: dict[str, list[CommuneRow]] = {}
        for row in rows:
            self.rows.setdefault(row.departement, []).append(row)
        self.cum = {d: list(itertools.accumulate(c.population for c in cs)) for d, cs in self.rows.items()}

    def draw(self, rng: random.Random, departement: str) -> CommuneRow:
        cum = self.cum[departement]
        return self.rows[departement][bisect.bisect_right(cum, rng.random() * cum[-1])]


@transaction.atomic
def generate(scale: float = 1.0, seed: int = SEED) -> dict[str, int]:
    if Structure.objects.exists():
        raise RuntimeError("The directory is not empty: generate into a fresh database.")
    rng = random.Random(seed)
    goal = targets(scale)
    rows = communes()
    by_departement = _ByDepartement(rows)
    by_region: dict[str, list[CommuneRow]] = {}
    for row in rows:
        by_region.setdefault(row.region, []).append(row)
    networks = {n.code: n for n in Network.objects.all()}
    labels = network_labels()
    territory_of = dict(
        Territory.communes.through.objects.values_list("commune_id", "territory_id").order_by("territory_id")
    )
    now = timezone.now()
    today = timezone.localdate()

    # Structures, by network, each at a home commune drawn by population.
    codes = list(NETWORKS)
    per_network = _apportion(goal["structures"], [NETWORKS[c].share for c in codes])
    structures, homes, structure_network = [], [], []
    slug_counter: dict[str, int] = {}
    for code, count in zip(codes, per_network, strict=True):
        for home in rng.choices(rows, cum_weights=population_weights(), k=count):
            key = f"{code}-{home.departement}".lower()
            slug_counter[key] = slug_counter.get(key, 0) + 1
            number = slug_counter[key]
            pk = len(structures) + 1
            name = f"{labels[code]} {home.name}" + (f" {number}" if number > 1 else "")
            structures.append(
                Structure(
                    id=pk,
                    slug=f"{key}-{number}",
                    name=name[:150],
                    network=networks[code],
                    territory_id=territory_of.get(home.code),
                    description=f"{labels[code]} : accueil et accompagnement à {home.name} et alentours.",
                    website=f"https://{key}-{number}.example.org/",
                    email=f"contact@{key}-{number}.example.org",
                    phone=_phone(rng),
                    source="bench",
                    updated_at=now,
                )
            )
            homes.append(home)
            structure_network.append(code)

    # Places: one at home for each structure, the rest spread by network (mean places), in the département.
    extra = rng.choices(
        range(len(structures)),
        weights=[NETWORKS[c].places - 1 for c in structure_network],
        k=max(0, goal["places"] - len(structures)),
    )
    places_of: list[list[Place]] = [[] for _ in structures]
    place_rows: list[Place] = []
    for index in itertools.chain(range(len(structures)), sorted(extra)):
        structure = structures[index]
        commune = homes[index] if not places_of[index] else by_departement.draw(rng, homes[index].departement)
        place = Place(
            id=len(place_rows) + 1,
            structure_id=structure.id,
            name=f"{structure.name} — {commune.name}"[:150] if places_of[index] else structure.name,
            address=f"{rng.randint(1, 120)} {rng.choice(STREETS)}",
            postal_code=commune.postal_code,
            commune_id=commune.code,
            latitude=round(commune.latitude + rng.uniform(-0.008, 0.008), 6),
            longitude=round(commune.longitude + rng.uniform(-0.008, 0.008), 6),
            phone=_phone(rng) if rng.random() < 0.7 else "",
            opening_hours=rng.choice(HOURS),
            step_free=rng.choice([True, True, False, None]),
            updated_at=now,
        )
        places_of[index].append(place)
        place_rows.append(place)

    # Services at places: one per place at least, the rest by network richness; then the remote ones.
    remote = _remote_plan(rng, goal["remote"], structures, structure_network, homes, by_region)
    on_site = goal["services"] - len(remote)
    place_network = [structure_network[p.structure_id - 1] for p in place_rows]
    extra = rng.choices(
        range(len(place_rows)),
        weights=[NETWORKS[c].richness for c in place_network],
        k=max(0, on_site - len(place_rows)),
    )
    services, links = [], {"statuses": [], "themes": [], "info_types": []}
    locations = []
    vocab_ids = {
        "statuses": dict(Status.objects.values_list("code", "pk")),
        "themes": dict(Theme.objects.values_list("code", "pk")),
        "info_types": dict(InfoType.objects.values_list("code", "pk")),
    }
    seen_at_place: dict[int, int] = {}
    for place_index in itertools.chain(range(len(place_rows)), sorted(extra)):
        place = place_rows[place_index]
        structure = structures[place.structure_id - 1]
        templates = NETWORKS[place_network[place_index]].templates
        nth = seen_at_place.get(place.id, 0)
        seen_at_place[place.id] = nth + 1
        template = templates[(place.id + nth) % len(templates)]
        service = _service(rng, len(services) + 1, structure, template, now, today)
        if nth >= len(templates):
            service.name = f"{template.name} ({nth // len(templates) + 1})"[:150]
        services.append(service)
        locations.append((service.id, place.id))
        _tag(rng, service.id, template, links)
    for structure_index, reach, code, (_network, name, themes, statuses) in remote:
        structure = structures[structure_index]
        template = Template(
            name, f"{name} : réponse à distance, gratuite.", T, 1, statuses, themes, ("telephone", "site-web")
        )
        service = _service(rng, len(services) + 1, structure, template, now, today)
        service.remote_modes = rng.choice([["phone"], ["online"], ["phone", "online"]])
        service.access_modes = ["phone" if m == "phone" else "online" for m in service.remote_modes]
        service.reach, service.reach_code = reach, code
        services.append(service)
        _tag(rng, service.id, template, links)

    Structure.objects.bulk_create(structures, batch_size=BATCH)
    Place.objects.bulk_create(place_rows, batch_size=BATCH)
    Service.objects.bulk_create(services, batch_size=BATCH)
    insert_rows(ServiceLocation, ["service", "place"], locations)
    for relation, rows_ in links.items():
        through = getattr(Service, relation).through
        target = getattr(Service, relation).field.m2m_reverse_field_name()
        insert_rows(through, ["service", target], [(s, vocab_ids[relation][c]) for s, c in rows_])
    models = [Structure, Place, Service, ServiceLocation, Service.statuses.through]
    models += [Service.themes.through, Service.info_types.through]
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)
    search_index.refresh()  # what the application's bulk writers do after writing
    return {
        "structures": len(structures),
        "places": len(place_rows),
        "services": len(services),
        "remote_services": len(remote),
        "service_locations": len(locations),
        "tags": sum(len(v) for v in links.values()),
    }


def _service(rng, pk, structure, template: Template, now, today) -> Service:
    return Service(
        id=pk,
        structure_id=structure.id,
        name=template.name[:150],
        description=template.description,
        type=template.type,
        cep_level=template.cep_level,
        access_modes=list(template.access_modes),
        remote_modes=["phone"] if "telephone" in template.info_types and rng.random() < 0.3 else [],
        reach=Service.Reach.DEPARTEMENT,
        fee=Service.Fee.GRATUIT if rng.random() < 0.95 else Service.Fee.PAYANT,
        phone=_phone(rng) if rng.random() < 0.5 else "",
        website=structure.website if rng.random() < 0.3 else "",
        last_verified_at=today - timedelta(days=rng.randint(0, 400)),
        source="bench",
        updated_at=now,
    )


def _tag(rng, service_id: int, template: Template, links: dict) -> None:
    """The template's tags, thinned a little; a few services keep none (they then match every value)."""
    for relation, codes in [("statuses", template.statuses), ("themes", template.themes)]:
        if rng.random() < 0.05:
            continue
        kept = [c for c in codes if rng.random() < 0.85] or list(codes[:1])
        links[relation] += [(service_id, c) for c in kept]
    links["info_types"] += [(service_id, c) for c in template.info_types if rng.random() < 0.9]


def _remote_plan(rng, count, structures, structure_network, homes, by_region):
    """[(structure index, reach, reach code, template)]: national, regional and departmental remote doors."""
    of_network: dict[str, list[int]] = {}
    for index, code in enumerate(structure_network):
        of_network.setdefault(code, []).append(index)

    def owner(network: str, where) -> int:
        candidates = [i for i in of_network.get(network, []) if where(homes[i])] or of_network.get(network) or [0]
        return candidates[0]

    plan = [(owner(t[0], lambda c: True), Service.Reach.FRANCE, "", t) for t in REMOTE_TEMPLATES["france"]]
    for region in sorted(by_region):
        for t in REMOTE_TEMPLATES["region"]:
            plan.append((owner(t[0], lambda c, r=region: c.region == r), Service.Reach.REGION, region, t))
    departements = sorted({c.departement for rows in by_region.values() for c in rows})
    for departement in departements:
        for t in REMOTE_TEMPLATES["departement"]:
            where = lambda c, d=departement: c.departement == d  # noqa: E731
            plan.append((owner(t[0], where), Service.Reach.DEPARTEMENT, departement, t))
    if count >= len(plan):
        return plan
    return sorted(rng.sample(plan, count), key=plan.index)
