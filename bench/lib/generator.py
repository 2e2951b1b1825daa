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
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from apps.core.text import normalize
from apps.directory import search_index
from apps.directory.models import InfoType, Network, Place, Service, ServiceLocation, Status, Structure, Theme
from apps.geo.models import Territory

from .reference import CommuneRow, communes, network_labels, population_weights

SEED = 17
STRUCTURES, PLACES, SERVICES, REMOTE = 20_000, 60_000, 100_000, 300
BATCH = 2000

A, P, T, E, F = "accompagnement", "atelier", "information", "formation", "aide-financiere"


@dataclass(frozen=True)
class Template:
    name: str
    description: str
    type: str
    cep_level: int
    statuses: tuple[str, ...]
    themes: tuple[str, ...]
    info_types: tuple[str, ...]
    access_modes: tuple[str, ...] = ("walk-in", "appointment")


@dataclass(frozen=True)
class NetworkSpec:
    share: float  # relative share of the structures
    places: float  # mean places per structure
    richness: float  # relative number of services per place
    templates: tuple[Template, ...] = field(default_factory=tuple)


YOUNG = ("jeune-sans-solution", "lyceen", "apprenti", "etudiant")
ACTIVE = ("salarie", "cadre", "agent-public", "independant")
JOBSEEKER = ("demandeur-emploi", "sans-activite")

NETWORKS: dict[str, NetworkSpec] = {
    "mission-locale": NetworkSpec(
        4,
        8,
        2.2,
        (
            Template(
                "Accompagnement des jeunes vers l'emploi et la formation",
                "Un conseiller ou une conseillère vous aide à construire votre projet professionnel, "
                "trouver une formation ou un emploi, et à lever les freins (logement, santé, mobilité).",
                A,
                2,
                ("jeune-sans-solution", "apprenti", "demandeur-emploi"),
                ("trouver-emploi", "reprendre-formation", "choisir-orientation", "mobilite"),
                ("lieu-accueil", "rendez-vous-distance"),
            ),
            Template(
                "Contrat d'engagement jeune",
                "Un accompagnement intensif de 15 à 20 heures par semaine, avec une allocation, "
                "pour les jeunes de 16 à 25 ans sans emploi ni formation.",
                F,
                3,
                ("jeune-sans-solution",),
                ("trouver-emploi", "reprendre-formation"),
                ("lieu-accueil",),
                ("appointment",),
            ),
            Template(
                "Atelier alternance et apprentissage",
                "Comprendre l'apprentissage, trouver une entreprise, préparer son CV et ses entretiens.",
                P,
                1,
                ("jeune-sans-solution", "lyceen", "apprenti"),
                ("alternance", "trouver-stage"),
                ("atelier",),
            ),
        ),
    ),
    "cio": NetworkSpec(
        5,
        1.2,
        1.6,
        (
            Template(
                "Conseil en orientation scolaire",
                "Les psychologues de l'Éducation nationale reçoivent élèves, étudiants et familles "
                "pour choisir une orientation, une filière ou une formation.",
                A,
                2,
                ("collegien", "lyceen", "etudiant", "parent"),
                ("choisir-orientation", "decouvrir-metiers"),
                ("lieu-accueil", "documentation"),
            ),
            Template(
                "Documentation sur les métiers et les formations",
                "Un centre de documentation en libre accès : fiches métiers, guides des formations, Onisep.",
                T,
                1,
                (),
                ("decouvrir-metiers", "choisir-orientation"),
                ("documentation", "lieu-accueil"),
                ("walk-in",),
            ),
        ),
    ),
    "information-jeunesse": NetworkSpec(
        14,
        1.3,
        1.2,
        (
            Template(
                "Point information jeunesse",
                "Information anonyme et gratuite sur les métiers, les formations, les jobs, la mobilité "
                "internationale et la vie quotidienne.",
                T,
                1,
                YOUNG,
                ("decouvrir-metiers", "trouver-stage", "mobilite", "trouver-emploi"),
                ("lieu-accueil", "documentation", "site-web"),
                ("walk-in",),
            ),
            Template(
                "Atelier jobs d'été et premier emploi",
                "Trouver un job, rédiger un CV, préparer un entretien : ateliers collectifs.",
                P,
                1,
                YOUNG,
                ("trouver-emploi",),
                ("atelier",),
            ),
        ),
    ),
    "france-travail": NetworkSpec(
        8,
        1.5,
        2.4,
        (
            Template(
                "Accompagnement des demandeurs d'emploi",
                "Inscription, indemnisation et accompagnement personnalisé vers l'emploi.",
                A,
                2,
                JOBSEEKER,
                ("trouver-emploi", "changer-metier"),
                ("lieu-accueil", "telephone", "rendez-vous-distance"),
            ),
            Template(
                "Financer une formation",
                "Aides au financement d'une formation pour les demandeurs d'emploi : AIF, compte personnel de "
                "formation, préparation opérationnelle à l'emploi.",
                F,
                2,
                ("demandeur-emploi",),
                ("financer-formation", "reprendre-formation"),
                ("rendez-vous-distance", "site-web"),
                ("appointment", "online"),
            ),
            Template(
                "Ateliers de recherche d'emploi",
                "CV, lettre de motivation, entretien, réseaux sociaux professionnels : ateliers collectifs.",
                P,
                1,
                JOBSEEKER,
                ("trouver-emploi",),
                ("atelier",),
            ),
            Template(
                "Découverte des métiers qui recrutent",
                "Immersions en entreprise, visites, métiers en tension du bassin d'emploi.",
                T,
                1,
                ("demandeur-emploi", "jeune-sans-solution"),
                ("decouvrir-metiers", "changer-metier"),
                ("atelier", "lieu-accueil"),
            ),
        ),
    ),
    "cap-emploi": NetworkSpec(
        2,
        3,
        1.5,
        (
            Template(
                "Accompagnement vers l'emploi des personnes handicapées",
                "Accompagnement des personnes en situation de handicap vers l'emploi et maintien dans l'emploi.",
                A,
                3,
                ("demandeur-emploi", "salarie"),
                ("emploi-handicap", "trouver-emploi", "evoluer-emploi"),
                ("lieu-accueil", "telephone"),
                ("appointment", "phone"),
            ),
            Template(
                "Conseil en évolution professionnelle handicap",
                "Conseil en évolution professionnelle pour les salariés en situation de handicap.",
                A,
                2,
                ACTIVE,
                ("changer-metier", "emploi-handicap"),
                ("rendez-vous-distance",),
                ("appointment",),
            ),
        ),
    ),
    "apec": NetworkSpec(
        1,
        1.5,
        1.6,
        (
            Template(
                "Conseil en évolution professionnelle des cadres",
                "Faire le point sur sa carrière, changer de poste ou de métier : conseil personnalisé.",
                A,
                2,
                ("cadre",),
                ("evoluer-emploi", "changer-metier", "bilan-competences"),
                ("rendez-vous-distance", "lieu-accueil"),
            ),
            Template(
                "Ateliers pour les jeunes diplômés",
                "Premier emploi après un bac + 3 : ateliers et conseils.",
                P,
                1,
                ("etudiant",),
                ("trouver-emploi",),
                ("atelier",),
            ),
        ),
    ),
    "apecita": NetworkSpec(
        0.5,
        1.5,
        1,
        (
            Template(
                "Emploi des cadres et techniciens de l'agriculture",
                "Offres d'emploi, conseil et bilan pour les cadres et techniciens agricoles.",
                A,
                2,
                ("cadre", "salarie", "demandeur-emploi"),
                ("trouver-emploi", "evoluer-emploi"),
                ("lieu-accueil", "telephone"),
            ),
        ),
    ),
    "cep-actifs-occupes": NetworkSpec(
        3,
        5,
        1.3,
        (
            Template(
                "Conseil en évolution professionnelle des actifs occupés",
                "Un conseil gratuit et confidentiel pour les salariés et indépendants : faire le point, "
                "construire un projet d'évolution, le financer.",
                A,
                3,
                ACTIVE,
                ("changer-metier", "evoluer-emploi", "financer-formation", "bilan-competences"),
                ("lieu-accueil", "rendez-vous-distance", "telephone"),
            ),
        ),
    ),
    "transitions-pro": NetworkSpec(
        1,
        2,
        1.3,
        (
            Template(
                "Projet de transition professionnelle",
                "Financement d'une formation certifiante pour changer de métier en restant salarié.",
                F,
                3,
                ("salarie",),
                ("financer-formation", "changer-metier"),
                ("site-web", "telephone"),
                ("online", "phone"),
            ),
            Template(
                "Démission-reconversion",
                "Vérifier le caractère réel et sérieux d'un projet de reconversion avant une démission.",
                T,
                2,
                ("salarie",),
                ("changer-metier", "creer-entreprise"),
                ("rendez-vous-distance",),
            ),
        ),
    ),
    "maison-emploi": NetworkSpec(
        5,
        2,
        1.5,
        (
            Template(
                "Accueil emploi et formation de proximité",
                "Information sur l'emploi local, les formations et les aides, orientation vers le bon partenaire.",
                T,
                1,
                (),
                ("trouver-emploi", "reprendre-formation"),
                ("lieu-accueil",),
                ("walk-in",),
            ),
            Template(
                "Forum des métiers",
                "Rencontrer des professionnels et des employeurs du territoire.",
                P,
                1,
                (),
                ("decouvrir-metiers", "trouver-emploi"),
                ("atelier",),
            ),
        ),
    ),
    "cci": NetworkSpec(
        6,
        2,
        1.4,
        (
            Template(
                "Créer ou reprendre une entreprise",
                "Accompagnement des créateurs et repreneurs : étude de marché, financement, formalités.",
                A,
                2,
                ("demandeur-emploi", "salarie", "independant"),
                ("creer-entreprise",),
                ("lieu-accueil", "atelier"),
            ),
            Template(
                "Point apprentissage",
                "Trouver un contrat d'apprentissage et une entreprise, démarches du contrat.",
                T,
                1,
                ("lyceen", "apprenti", "jeune-sans-solution"),
                ("alternance",),
                ("lieu-accueil", "telephone"),
            ),
        ),
    ),
    "cma": NetworkSpec(
        6,
        2.5,
        1.4,
        (
            Template(
                "Découvrir les métiers de l'artisanat",
                "Information sur les métiers de l'artisanat et l'apprentissage.",
                T,
                1,
                ("collegien", "lyceen", "jeune-sans-solution"),
                ("decouvrir-metiers", "alternance"),
                ("lieu-accueil", "documentation"),
            ),
            Template(
                "Créer son entreprise artisanale",
                "Stage de préparation à l'installation, accompagnement des créateurs d'entreprise artisanale.",
                E,
                2,
                ("demandeur-emploi", "salarie", "independant"),
                ("creer-entreprise",),
                ("atelier", "lieu-accueil"),
            ),
        ),
    ),
    "chambre-agriculture": NetworkSpec(
        5,
        2.5,
        1.1,
        (
            Template(
                "Point accueil installation agricole",
                "S'installer en agriculture : parcours, aides, formation.",
                A,
                2,
                ("demandeur-emploi", "salarie", "independant", "jeune-sans-solution"),
                ("creer-entreprise", "reprendre-formation"),
                ("lieu-accueil", "rendez-vous-distance"),
            ),
        ),
    ),
    "suio": NetworkSpec(
        3,
        2.5,
        1.5,
        (
            Template(
                "Orientation et insertion des étudiants",
                "Entretiens d'orientation, réorientation, stages et insertion professionnelle des étudiants.",
                A,
                2,
                ("etudiant",),
                ("choisir-orientation", "trouver-stage", "trouver-emploi"),
                ("lieu-accueil", "documentation"),
            ),
            Template(
                "Ateliers insertion professionnelle",
                "CV, entretien, réseau : ateliers pour les étudiants et jeunes diplômés.",
                P,
                1,
                ("etudiant",),
                ("trouver-emploi", "trouver-stage"),
                ("atelier",),
            ),
        ),
    ),
    "prc-vae": NetworkSpec(
        8,
        2,
        1.2,
        (
            Template(
                "Information conseil VAE",
                "Valider les acquis de son expérience : quel diplôme, quelles étapes, quels financements.",
                T,
                1,
                ACTIVE + JOBSEEKER,
                ("vae", "financer-formation"),
                ("lieu-accueil", "telephone", "rendez-vous-distance"),
            ),
        ),
    ),
    "cidff": NetworkSpec(
        6,
        6,
        1.3,
        (
            Template(
                "Emploi et formation des femmes",
                "Accompagnement vers l'emploi et la formation, égalité professionnelle.",
                A,
                2,
                ("demandeur-emploi", "sans-activite", "parent"),
                ("trouver-emploi", "droits-egalite", "reprendre-formation"),
                ("lieu-accueil",),
            ),
            Template(
                "Information sur les droits",
                "Information juridique gratuite et confidentielle : droit du travail, famille, égalité.",
                T,
                1,
                (),
                ("droits-egalite",),
                ("lieu-accueil", "telephone"),
            ),
        ),
    ),
    "cria": NetworkSpec(
        6,
        2.5,
        1.1,
        (
            Template(
                "Savoirs de base et lutte contre l'illettrisme",
                "Repérer les difficultés avec l'écrit, le calcul ou le numérique et trouver une formation.",
                A,
                1,
                ("demandeur-emploi", "salarie", "sans-activite"),
                ("savoirs-de-base", "reprendre-formation"),
                ("lieu-accueil", "documentation"),
            ),
        ),
    ),
    "opco": NetworkSpec(
        5,
        3,
        1.2,
        (
            Template(
                "Financer la formation des salariés",
                "Information des salariés et des entreprises sur le financement de la formation et de l'alternance.",
                F,
                1,
                ("salarie",),
                ("financer-formation", "alternance"),
                ("site-web", "telephone"),
                ("online", "phone"),
            ),
        ),
    ),
}

REMOTE_TEMPLATES = {
    # (reach, network, name, themes, statuses)
    "france": [
        ("apec", "Apec, conseil à distance", ("evoluer-emploi", "changer-metier"), ("cadre",)),
        ("france-travail", "Service téléphonique France Travail (3949)", ("trouver-emploi",), JOBSEEKER),
        ("prc-vae", "France VAE, accompagnement en ligne", ("vae",), ()),
        ("opco", "Mon compte formation, assistance", ("financer-formation",), ACTIVE),
        ("cap-emploi", "Ligne nationale emploi et handicap", ("emploi-handicap",), ()),
        ("information-jeunesse", "Information jeunesse en ligne", ("mobilite", "decouvrir-metiers"), YOUNG),
        ("cio", "Onisep, Mon orientation en ligne", ("choisir-orientation",), ("lyceen", "collegien", "parent")),
        ("transitions-pro", "Transitions Pro, information en ligne", ("changer-metier",), ("salarie",)),
        ("cidff", "Ligne nationale droits des femmes", ("droits-egalite",), ()),
        ("cci", "Création d'entreprise, assistance en ligne", ("creer-entreprise",), ()),
    ],
    "region": [
        ("information-jeunesse", "Numéro vert régional orientation formation", ("choisir-orientation",), ()),
        ("cep-actifs-occupes", "Plateforme régionale du conseil en évolution professionnelle", ("changer-metier",), ()),
        ("transitions-pro", "Transitions Pro, conseil à distance", ("financer-formation",), ("salarie",)),
        ("opco", "Délégation régionale, conseil aux salariés", ("financer-formation",), ACTIVE),
        ("cria", "Ligne régionale savoirs de base", ("savoirs-de-base",), ()),
    ],
    "departement": [
        ("mission-locale", "Permanence téléphonique des Missions locales", ("trouver-emploi",), YOUNG),
        ("cidff", "Écoute téléphonique droits et emploi", ("droits-egalite", "trouver-emploi"), ()),
    ],
}

STREETS = [
    "rue de la République",
    "avenue Jean Jaurès",
    "place de la Mairie",
    "rue Victor Hugo",
    "boulevard Gambetta",
    "rue Pasteur",
    "rue du Général de Gaulle",
    "allée des Tilleuls",
    "rue de la Gare",
    "avenue de Verdun",
]
HOURS = [
    "Mo-Fr 09:00-12:30,13:30-17:00",
    "Mo-Th 08:30-12:00,13:30-17:30; Fr 08:30-12:00",
    "Tu,Th 14:00-17:00",
    "Mo-Fr 09:00-17:00; PH off",
    "",
]


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
        service = _service(rng, len(services) + 1, structure, template, labels, now, today)
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
        service = _service(rng, len(services) + 1, structure, template, labels, now, today)
        service.remote_modes = rng.choice([["phone"], ["online"], ["phone", "online"]])
        service.access_modes = ["phone" if m == "phone" else "online" for m in service.remote_modes]
        service.reach, service.reach_code = reach, code
        services.append(service)
        _tag(rng, service.id, template, links)

    Structure.objects.bulk_create(structures, batch_size=BATCH)
    Place.objects.bulk_create(place_rows, batch_size=BATCH)
    Service.objects.bulk_create(services, batch_size=BATCH)
    _insert_rows(ServiceLocation, ["service", "place"], locations)
    for relation, rows_ in links.items():
        through = getattr(Service, relation).through
        target = getattr(Service, relation).field.m2m_reverse_field_name()
        _insert_rows(through, ["service", target], [(s, vocab_ids[relation][c]) for s, c in rows_])
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


def _service(rng, pk, structure, template: Template, labels, now, today) -> Service:
    network = labels[structure.network.code]
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
        search_text=normalize(" ".join([template.name, template.description, structure.name, network])),
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


def _insert_rows(model, fields: list[str], rows: list[tuple]) -> None:
    """Multi-row INSERTs (link tables hold ~10^6 rows: model instances would cost most of the time)."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    per_query = min(2000, (connection.features.max_query_params or 65000) // len(fields))
    row_sql = "(" + ", ".join(["%s"] * len(fields)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_query):
            chunk = rows[start : start + per_query]
            sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES {', '.join([row_sql] * len(chunk))}"
            cursor.execute(sql, [value for row in chunk for value in row])
