"""The project card (fiche projet): a job, chosen trainings, the funding that may apply and the door.

Kept in the visitor's session only, as codes and ids (no name, no contact, no situation); the situation
travels in the page address. Something personal is stored only when a fiche navette or a call-back
request is sent from the card, with the person's consent (apps.orientation).
"""

from dataclasses import dataclass, field

from apps.core.bounds import small_int
from apps.directory.models import Place
from apps.geo.models import Commune

from .funding import Person, active_schemes, funding_for
from .models import FundingScheme, Job, Training
from .selectors import nearest_sessions

SESSION_KEY = "project_card"
MAX_TRAININGS = 5


@dataclass
class StoredCard:
    job: str = ""
    trainings: list[int] = field(default_factory=list)
    place: int | None = None


@dataclass
class CardTraining:
    training: Training
    next_session: object
    distance_km: float | None
    funding: list[FundingScheme]


@dataclass
class ProjectCard:
    job: Job | None
    trainings: list[CardTraining]
    place: Place | None

    @property
    def is_empty(self) -> bool:
        return self.job is None and not self.trainings and self.place is None


def read(session) -> StoredCard:
    data = session.get(SESSION_KEY) or {}
    return StoredCard(
        job=str(data.get("job") or ""), trainings=[int(t) for t in data.get("trainings", [])], place=data.get("place")
    )


def _write(session, card: StoredCard) -> None:
    session[SESSION_KEY] = {"job": card.job, "trainings": card.trainings, "place": card.place}


def add(session, training=None, job=None, place=None) -> None:
    card = read(session)
    training_id = small_int(training)
    if training_id and Training.objects.filter(pk=training_id).exists() and training_id not in card.trainings:
        card.trainings = (card.trainings + [training_id])[-MAX_TRAININGS:]
    if job and Job.objects.filter(code=str(job).upper()[:5]).exists():
        card.job = str(job).upper()[:5]
    place_id = small_int(place)
    if place_id and Place.objects.public().filter(pk=place_id).exists():
        card.place = place_id
    _write(session, card)


def remove(session, training=None, job=None, place=None) -> None:
    card = read(session)
    training_id = small_int(training)
    if training_id in card.trainings:
        card.trainings.remove(training_id)
    if job:
        card.job = ""
    if place:
        card.place = None
    _write(session, card)


def resolve(stored: StoredCard, person: Person, commune: Commune | None) -> ProjectCard:
    """The card's objects, with each training's next session and the funding for the person's situation."""
    job = Job.objects.filter(code=stored.job).prefetch_related("sectors").first() if stored.job else None
    by_id = Training.objects.select_related("provider").in_bulk(stored.trainings)
    nearest = nearest_sessions(list(by_id), commune)
    schemes = active_schemes()
    trainings = []
    for pk in stored.trainings:
        if pk in by_id:
            session, distance = nearest.get(pk, (None, None))
            trainings.append(CardTraining(by_id[pk], session, distance, funding_for(by_id[pk], person, schemes)))
    place = None
    if stored.place:
        place = Place.objects.public().select_related("structure__network", "commune").filter(pk=stored.place).first()
    return ProjectCard(job=job, trainings=trainings, place=place)


def summary(card: ProjectCard) -> str:
    """The need written on the fiche navette sent from the card: the project, without anything personal."""
    parts = []
    if card.job:
        parts.append(f"Métier visé : {card.job.label} ({card.job.code}).")
    for item in card.trainings:
        start = f", début le {item.next_session.start:%d/%m/%Y}" if item.next_session else ""
        parts.append(f"Formation : {item.training.title} — {item.training.provider.name}{start}.")
    funding = sorted({s.name for item in card.trainings for s in item.funding})
    if funding:
        parts.append(f"Financements possibles : {', '.join(funding)}.")
    return " ".join(parts)[:600]
