"""The engine that picks the right door: routing rules → ranked networks → nearest places."""

import itertools
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.cache import cache
from django.db import models, transaction
from django.db.models import Prefetch

from apps.core import region_pack
from apps.core.geo_math import bounding_box
from apps.core.text import normalize
from apps.directory.models import Network, Place, Service, Status, Theme
from apps.directory.selectors import SearchCriteria, distance_km, remote_services, squared_km_from
from apps.geo.models import Commune

from .models import PreInterviewQuestion, RoutingRule

FALLBACK_WHY = (
    "{line} ({phone}) répond gratuitement à toutes les questions d'orientation, de formation et d'emploi "
    "et vous indique le bon interlocuteur."
)
PLACES_PER_DOOR = 3
MAX_DOORS = 4
# A first reception records an age band, not an age: the middle of the band stands for it.
AGE_OF_BAND = {"under_16": 15, "16_25": 20, "26_44": 35, "45_plus": 50}


class Maturity(models.TextChoices):
    """How far the person's project has come (grille de pré-entretien, fiche repère n° 2)."""

    UNKNOWN = "", "Non renseignée"
    NONE = "aucun", "Pas encore de projet"
    TO_CLARIFY = "a-preciser", "Projet à préciser"
    DEFINED = "defini", "Projet défini"


# The CEP adapts its level "à la maturation du projet": a project still to build or to clarify
# needs personalised counsel (level 2) before any help to carry it out (level 3); a defined
# project goes to the doors that help carry it out. Points added to a rule's weight, by CEP level.
MATURITY_BONUS = {
    Maturity.NONE: {2: 30, 3: -20},
    Maturity.TO_CLARIFY: {2: 30, 3: -20},
    Maturity.DEFINED: {3: 30},
}
# The answers of the grid's project question (normalised) → maturity.
_MATURITY_ANSWERS = {"pas encore": Maturity.NONE, "a preciser": Maturity.TO_CLARIFY, "defini": Maturity.DEFINED}


@dataclass
class Situation:
    age: int | None = None
    status: str = ""
    theme: str = ""
    handicap: bool = False
    commune: Commune | None = None
    maturity: str = Maturity.UNKNOWN


def maturity_from_grid(answers: dict | None) -> str:
    """The maturity of the project read from a reception's grid answers ({question id: answer}).

    The project question is the grid's choice question about the "projet" (the Region may reword
    it); an answer outside the three known ones, or no answer, gives UNKNOWN.
    """
    ids = [int(key) for key in (answers or {}) if str(key).isdigit()]
    if not ids:
        return Maturity.UNKNOWN
    questions = PreInterviewQuestion.objects.filter(pk__in=ids, kind=PreInterviewQuestion.Kind.CHOICE)
    for question in questions.order_by("position", "pk"):
        if "projet" in normalize(question.text).split():
            return _MATURITY_ANSWERS.get(normalize(answers[str(question.pk)]), Maturity.UNKNOWN)
    return Maturity.UNKNOWN


@dataclass
class DoorPlace:
    place: Place
    distance_km: float | None


@dataclass
class Door:
    network: Network
    cep_level: int
    why: str
    rule: RoutingRule | None
    places: list[DoorPlace] = field(default_factory=list)


@dataclass
class Orientation:
    doors: list[Door]
    remote: list[Service]


def rule_matches(
    rule: RoutingRule, situation: Situation, status_codes: set[str], theme_codes: set[str], any_age: bool = False
) -> bool:
    """Conditions left empty accept everything; a rule on age needs a known age (unless any_age)."""
    if not any_age and not _age_fits(rule, situation.age):
        return False
    if status_codes and situation.status not in status_codes:
        return False
    if theme_codes and situation.theme not in theme_codes:
        return False
    return rule.handicap is None or rule.handicap == situation.handicap


def _age_fits(rule: RoutingRule, age: int | None) -> bool:
    if rule.age_min is not None and (age is None or age < rule.age_min):
        return False
    return rule.age_max is None or (age is not None and age <= rule.age_max)


def active_rules() -> list[RoutingRule]:
    """The rules in force, with their statuses and themes (read once, then matched in Python)."""
    rules = RoutingRule.objects.filter(is_active=True, network__is_active=True).select_related("network")
    return list(
        rules.prefetch_related(
            Prefetch("statuses", queryset=Status.objects.only("code")),
            Prefetch("themes", queryset=Theme.objects.only("code")),
        )
    )


def score(rule: RoutingRule, situation: Situation) -> int:
    """A rule's rank among the matching ones: its weight, moved by the maturity of the project."""
    return rule.weight + MATURITY_BONUS.get(situation.maturity, {}).get(rule.cep_level, 0)


def matching_rules(
    situation: Situation, rules: list[RoutingRule] | None = None, any_age: bool = False
) -> list[RoutingRule]:
    matched = []
    for rule in active_rules() if rules is None else rules:
        status_codes, theme_codes = _codes(rule)
        if rule_matches(rule, situation, status_codes, theme_codes, any_age):
            # Specific rules (more conditions set) win ties over general ones.
            specificity = bool(status_codes) + bool(theme_codes) + (rule.handicap is not None)
            matched.append((score(rule, situation), specificity, rule))
    matched.sort(key=lambda item: (-item[0], -item[1], item[2].name))
    return [rule for _, _, rule in matched]


def _codes(rule: RoutingRule) -> tuple[set[str], set[str]]:
    """A rule's status and theme codes, read once per rule object (a rule not saved brings its own)."""
    if not hasattr(rule, "_routing_codes"):
        rule._routing_codes = ({s.code for s in rule.statuses.all()}, {t.code for t in rule.themes.all()})
    return rule._routing_codes


def situation_for_reception(reception) -> Situation:
    """The situation of a first reception, located at the person's commune, else at the place of reception."""
    theme = reception.themes.first()
    commune = reception.commune or (reception.place.commune if reception.place_id else None)
    return Situation(
        age=AGE_OF_BAND.get(reception.age_band),
        status=reception.status.code if reception.status_id else "",
        theme=theme.code if theme else "",
        commune=commune,
        maturity=maturity_from_grid(reception.grid_answers),
    )


def choose_doors(situation: Situation, rules: list[RoutingRule] | None = None) -> list[Door]:
    """Ranked doors, one per network with its best rule, at most MAX_DOORS (without their places)."""
    doors: list[Door] = []
    seen: set[int] = set()
    for rule in matching_rules(situation, rules):
        if rule.network_id in seen:
            continue
        seen.add(rule.network_id)
        doors.append(Door(rule.network, rule.cep_level, rule.why, rule))
        if len(doors) == MAX_DOORS:
            break
    return doors


# The search asks for the routing's networks on every search with a status and a theme: they are
# computed for every pair at once and kept in the shared cache, forgotten when a rule changes
# (signals.py) and after SEARCH_NETWORKS_SECONDS at most.
SEARCH_NETWORKS_KEY = "routing:search-networks"
SEARCH_NETWORKS_SECONDS = 300


def routed_networks(status: str, theme: str) -> list[str]:
    """The networks the routing gives for a situation and a theme, best first, whatever the age
    (the search asks no age): what the search puts first."""
    if not (status and theme):
        return []
    table = cache.get(SEARCH_NETWORKS_KEY)
    if table is None:
        table = _search_networks_table()
        cache.set(SEARCH_NETWORKS_KEY, table, SEARCH_NETWORKS_SECONDS)
    return list(table.get((status, theme), ()))


def _search_networks_table() -> dict[tuple[str, str], tuple[str, ...]]:
    rules = active_rules()
    table = {}
    statuses = Status.objects.values_list("code", flat=True)
    for status, theme in itertools.product(statuses, Theme.objects.values_list("code", flat=True)):
        codes: list[str] = []
        for rule in matching_rules(Situation(status=status, theme=theme), rules, any_age=True):
            if rule.network.code not in codes:
                codes.append(rule.network.code)
        table[(status, theme)] = tuple(codes[:MAX_DOORS])
    return table


def forget_search_networks() -> None:
    cache.delete(SEARCH_NETWORKS_KEY)


def orient(
    situation: Situation,
    places_per_door: int = PLACES_PER_DOOR,
    exclude_structures: Iterable[int] = (),
    rules: list[RoutingRule] | None = None,
) -> Orientation:
    """Ranked doors (one per network, best rule first) with their nearest places, plus the remote doors.

    `exclude_structures`: structures never suggested (the sender itself, a structure that refused).
    `rules`: rules to apply instead of the published ones (a draft being compared).
    """
    doors = choose_doors(situation, rules)
    for door in doors:
        door.places = nearest_places(door.network, situation.commune, places_per_door, exclude_structures)
    criteria = SearchCriteria(commune=situation.commune, status=situation.status, theme=situation.theme)
    return Orientation(doors=doors, remote=remote_services(criteria))


def nearest_places(
    network: Network, commune: Commune | None, limit: int, exclude_structures: Iterable[int] = ()
) -> list[DoorPlace]:
    """The places of a network nearest to the commune: in its département, else in its région."""
    qs = Place.objects.public().filter(structure__network=network)
    qs = qs.exclude(structure_id__in=list(exclude_structures))
    qs = qs.select_related("structure", "commune")
    if commune is None or commune.latitude is None:
        return [DoorPlace(p, None) for p in qs.order_by("commune__name")[:limit]]
    nearest = _nearest(qs.filter(commune__departement_id=commune.departement_id), commune, limit) or _nearest(
        qs.filter(commune__departement__region_id=commune.departement.region_id), commune, limit
    )
    located = [DoorPlace(p, distance_km(commune, p)) for p in nearest]
    return [dp for dp in located if dp.distance_km <= MAX_DOOR_KM]


# A door the person can reach: a place farther than this (in another département, across the Région) is never
# offered, neither by the public assistant nor in the accueillant's suggestions; the assistant then says that no
# place of the network is known nearby and gives the phone line, and the accueillant can still pick any structure.
MAX_DOOR_KM = 60


NEAR_KM = 40


def _nearest(places, commune: Commune, limit: int) -> list[Place]:
    """Ordered in SQL by distance (the same commune first), at most `limit`.

    Within NEAR_KM first, through the coordinates' index (a département holds ~600 places at national
    scale, a scan of every place would be the planner's choice); the whole area when that is too few.
    """
    ordered = places.annotate(distance=squared_km_from(commune, "commune_id")).order_by("distance", "pk")
    min_lat, max_lat, min_lon, max_lon = bounding_box(commune.latitude, commune.longitude, NEAR_KM)
    near = ordered.filter(latitude__range=(min_lat, max_lat), longitude__range=(min_lon, max_lon))
    found = list(near[:limit])
    # Past NEAR_KM (a corner of the box) a place outside the box may be nearer: ask the whole area.
    if len(found) == limit and distance_km(commune, found[-1]) <= NEAR_KM:
        return found
    return list(ordered[:limit])


@transaction.atomic
def load_default_rules(path: Path | None = None, replace: bool = False) -> int:
    """Create the region pack's rules (once), or replace every rule with them when asked."""
    path = path or region_pack.current().file("routing_rules")
    if RoutingRule.objects.exists() and not replace:
        return 0
    RoutingRule.objects.all().delete()
    data = json.loads(path.read_text(encoding="utf-8"))
    networks = {n.code: n for n in Network.objects.all()}
    statuses = {s.code: s for s in Status.objects.all()}
    themes = {t.code: t for t in Theme.objects.all()}
    for item in data["rules"]:
        rule = RoutingRule.objects.create(
            name=item["name"],
            age_min=item["age_min"],
            age_max=item["age_max"],
            handicap=item["handicap"],
            network=networks[item["network"]],
            cep_level=item["cep_level"],
            weight=item["weight"],
            why=item["why"],
        )
        rule.statuses.set([statuses[c] for c in item["statuses"]])
        rule.themes.set([themes[c] for c in item["themes"]])
    return len(data["rules"])
