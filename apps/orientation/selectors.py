"""Reads of the orientation domain: inboxes, scoped to the user's structures; suggested second doors."""

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone

from apps.directory.models import Service

from .models import ContactAccessLog, Reception, Referral
from .routing import AGE_OF_BAND, Situation, orient, situation_for_reception
from .services import default_place

S = Referral.State
BOXES = {
    "a-traiter": "À traiter",
    "en-retard": "En retard",
    "envoyees": "Envoyées",
    "terminees": "Terminées",
}


def visible_referrals(user) -> QuerySet:
    """Referrals sent or received by one of the user's structures. Nobody else sees them, not even the Region."""
    ids = list(user.memberships.values_list("structure_id", flat=True)) if user.is_authenticated else []
    return Referral.objects.filter(Q(sender_structure_id__in=ids) | Q(receiver_structure_id__in=ids))


OPEN_STATES = [S.SENT, S.RECEIVED, S.ACCEPTED, S.CONTACTED, S.APPOINTMENT_HELD, S.NO_SHOW]


def inbox(user, box: str) -> QuerySet:
    """ "Envoyées": every fiche the user's structures sent, whatever its state; "Terminées": the finished
    fiches they received or sent; the other boxes are the receiver's work."""
    ids = list(user.memberships.values_list("structure_id", flat=True))
    qs = Referral.objects.select_related("sender_structure", "receiver_structure", "status", "theme")
    open_states = OPEN_STATES
    if box == "envoyees":
        return qs.filter(sender_structure_id__in=ids).order_by("-sent_at")
    if box == "en-retard":
        return qs.filter(
            receiver_structure_id__in=ids, state__in=[S.SENT, S.RECEIVED], deadline__lt=timezone.localdate()
        ).order_by("deadline")
    if box == "terminees":
        mine = Q(receiver_structure_id__in=ids) | Q(sender_structure_id__in=ids)
        return qs.filter(mine).exclude(state__in=open_states).order_by("-closed_at", "-pk")
    return qs.filter(receiver_structure_id__in=ids, state__in=open_states).order_by("deadline", "sent_at")


def box_counts(user) -> dict[str, int]:
    return {box: inbox(user, box).count() for box in BOXES}


def default_box(counts: dict[str, int]) -> str:
    """The box opened first: the fiches to process, unless there are none and the structure sent some."""
    return "envoyees" if not counts["a-traiter"] and counts["envoyees"] else "a-traiter"


def receptions_of(structures) -> QuerySet:
    return (
        Reception.objects.filter(structure__in=structures)
        .select_related("structure", "status", "place__commune", "commune")
        .prefetch_related("themes", "referrals")
    )


@dataclass(frozen=True)
class SuggestedPlace:
    structure_id: int
    label: str  # place (antenna, permanence), commune and distance: never the same for two places
    distance_km: float | None = None


@dataclass
class SuggestedDoor:
    network: str
    help: str  # the kind of help, in plain words
    why: str  # one sentence: why this door fits the situation
    places: list[SuggestedPlace] = field(default_factory=list)


def suggested_doors(situation: Situation, exclude_structures=()) -> list[SuggestedDoor]:
    """The second doors for a situation, their nearest places first, never an excluded structure.

    Callers locate the situation (routing.situation_for_reception): without a commune nothing is suggested,
    rather than places picked from nowhere.
    """
    if situation.commune is None:
        return []
    doors = []
    for door in orient(situation, exclude_structures=exclude_structures).doors:
        door.places = [dp for dp in door.places if dp.distance_km is not None]  # a commune without coordinates
        if not door.places:  # none within routing.MAX_DOOR_KM
            continue
        help_label = Service.CEP_LEVEL_PLAIN.get(door.cep_level, "")
        places = [SuggestedPlace(dp.place.structure_id, _place_label(dp), dp.distance_km) for dp in door.places]
        doors.append(SuggestedDoor(door.network.label, help_label, door.why, _distinct(places, door.places)))
    return doors


def _place_label(dp) -> str:
    place = dp.place
    name = place.name if place.structure.name in place.name else f"{place.structure.name} — {place.name}"
    distance = "même commune" if not dp.distance_km else f"{dp.distance_km:.1f} km".replace(".", ",")
    return f"{name}, {place.commune.name} ({distance})"


def _distinct(places: list[SuggestedPlace], door_places) -> list[SuggestedPlace]:
    """Two places that would read the same are told apart by their address."""
    labels = [p.label for p in places]
    return [
        SuggestedPlace(p.structure_id, f"{p.label}, {dp.place.address}", p.distance_km)
        if labels.count(p.label) > 1
        else p
        for p, dp in zip(places, door_places, strict=True)
    ]


def refused_structures(referral: Referral) -> set[int]:
    """Every structure that refused the person along a chain of re-addressings."""
    refused, current, seen = set(), referral, set()
    while current is not None and current.pk not in seen:
        seen.add(current.pk)
        if current.state == S.DECLINED:
            refused.add(current.receiver_structure_id)
        current = current.redirected_from
    return refused


@dataclass
class Suggestions:
    doors: list[SuggestedDoor]
    origin: str  # where the distances are measured from, in words


def suggestions_for(sender_ids, reception=None, redirected_from: Referral | None = None) -> Suggestions | None:
    """The doors suggested when addressing the person from a reception, or again after a refusal:
    never one of the sender's structures, nor one that refused. None without a reception or a referral."""
    excluded = set(sender_ids)
    if redirected_from is not None:
        excluded |= refused_structures(redirected_from)
        reception = reception or redirected_from.reception
    if reception is not None:
        situation, place, persons_commune = situation_for_reception(reception), reception.place, reception.commune
    elif redirected_from is not None:
        (situation, place), persons_commune = _situation_of_referral(redirected_from), redirected_from.commune
    else:
        return None
    origin = ""
    if persons_commune is not None:
        origin = f"{persons_commune.name}, commune de la personne"
    elif place is not None:
        origin = f"{place.name} ({place.commune.name}), lieu de l'accueil"
    return Suggestions(suggested_doors(situation, excluded), origin)


def _situation_of_referral(referral: Referral):
    """A fiche sent on its own (no reception): its facts, located at the sender's main place by default."""
    place = default_place(referral.sender_structure) if referral.sender_structure_id else None
    situation = Situation(
        age=AGE_OF_BAND.get(referral.age_band),
        status=referral.status.code if referral.status_id else "",
        theme=referral.theme.code if referral.theme_id else "",
        commune=referral.commune or (place.commune if place else None),
    )
    return situation, place


def access_log(*, fiche=None, compte="", action="", du=None, au=None) -> QuerySet:
    """The access log of the persons' data, newest first, filtered for the Region's review."""
    qs = ContactAccessLog.objects.select_related("user", "referral").order_by("-at", "-pk")
    if fiche:
        qs = qs.filter(referral_id=fiche)
    if compte:
        words = Q(user__email__icontains=compte) | Q(user__first_name__icontains=compte)
        qs = qs.filter(words | Q(user__last_name__icontains=compte))
    if action:
        qs = qs.filter(action=action)
    if du:
        qs = qs.filter(at__date__gte=du)
    if au:
        qs = qs.filter(at__date__lte=au)
    return qs
