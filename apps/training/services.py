"""Writes of the training domain: the LHEO import (all or nothing), jobs from ROME 4.0, default funding schemes."""

import csv
import json
import tempfile
import urllib.request
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from apps.core import region_pack
from apps.core.bulk import insert_rows
from apps.core.text import normalize
from apps.directory.models import Status
from apps.geo.models import Commune

from . import lheo
from .models import (
    FundingScheme,
    Job,
    Sector,
    Training,
    TrainingOffer,
    TrainingPlace,
    TrainingProvider,
    TrainingRome,
    TrainingSession,
    financer_key,
)

DATA = Path(__file__).resolve().parent / "data"
BATCH = 2000
PROGRESS_EVERY = 500  # formations read between two progress writes (each is a commit)


def import_offer(
    path: Path, offer: TrainingOffer | None = None, echo: Callable[[str], None] | None = None
) -> TrainingOffer:
    """Read, validate and store a feed: the new offer replaces the old one in one transaction, or nothing changes.

    Progress (formations read) is saved on the TrainingOffer as the file is read (outside the transaction,
    so the import page sees it); errors are saved on it in French, with their line and element.
    """
    path = Path(path)
    if offer is None:
        offer = TrainingOffer.objects.create(source=str(path.name))
    offer.expected = lheo.count_formations(path)
    offer.state = TrainingOffer.State.RUNNING
    offer.save(update_fields=["expected", "state"])

    def progress(count: int) -> None:
        offer.progress = count
        TrainingOffer.objects.filter(pk=offer.pk).update(progress=count)
        if echo:
            echo(f"{count} / {offer.expected} formations lues")

    try:
        rows = lheo.read_feed(path, on_progress=progress, every=PROGRESS_EVERY)
        trainings, sessions = _store(rows, offer)
    except lheo.FeedError as error:
        return _finish(offer, TrainingOffer.State.FAILED, errors=error.errors)
    return _finish(offer, TrainingOffer.State.DONE, trainings=trainings, sessions=sessions)


def _finish(offer: TrainingOffer, state: str, **fields) -> TrainingOffer:
    for name, value in {"state": state, "finished_at": timezone.now(), **fields}.items():
        setattr(offer, name, value)
    offer.save()
    return offer


# Columns of a training copied onto its places (TrainingPlace), in this order.
PLACE_COPIED = (
    "search_text", "rome_key", "formacode_domain", "level", "teaching_mode", "certifying", "alternance", "financer_key",
)  # fmt: skip
PLACE_FIELDS = ["id", "training_id", "next_start", "commune_code", "latitude", "longitude", *PLACE_COPIED]
TRAINING_FIELDS = [
    "id", "formation_id", "action_id", "title", "objective", "content", "search_text", "certifying", "rncp_code",
    "formacode", "formacode_version", "formacode_domain", "level", "teaching_mode", "alternance", "hours", "cost_eur",
    "funding_possible", "financer_codes", "financer_key", "url", "provider_id", "offer_id",
]  # fmt: skip
SESSION_FIELDS = [
    "id", "training_id", "session_id", "start", "end", "commune_id", "commune_code", "town", "address", "latitude",
    "longitude", "place_id",
]  # fmt: skip


@transaction.atomic
def _store(rows: list[lheo.TrainingRow], offer: TrainingOffer) -> tuple[int, int]:
    """Replace the whole offer with the rows (one transaction).

    Rows are written with plain multi-row inserts (COPY on PostgreSQL) and ids given here, after the
    highest ids of the previous offer (an id is never reused: a project card may still hold an old one),
    so nothing is read back: the ORM's per-object work was most of the import's time.
    """
    first = {model: _next_id(model) for model in (Training, TrainingPlace, TrainingSession)}
    _delete_all(TrainingSession, TrainingPlace, TrainingRome, Training)
    providers = _providers(rows)
    known_communes = set(
        Commune.objects.filter(code__in={s.commune_code for r in rows for s in r.sessions}).values_list(
            "code", flat=True
        )
    )
    domains = set(formacode_domains())
    trainings, copied, romes, sessions = [], {}, [], []
    for pk, row in enumerate(rows, start=first[Training]):
        provider = providers[row.provider_siret]
        domain = row.formacode[:2] if row.formacode[:2] in domains else ""
        search_text = normalize(" ".join([row.title, row.objective, provider.name]))
        key = financer_key(row.financer_codes)
        trainings.append(
            (
                pk, row.formation_id, row.action_id, row.title, row.objective, row.content, search_text,
                row.certifying, row.rncp_code, row.formacode, row.formacode_version, domain, row.level,
                row.teaching_mode, row.alternance, row.hours, row.cost_eur, row.funding_possible,
                json.dumps(row.financer_codes), key, row.url, provider.pk, offer.pk,
            )
        )  # fmt: skip
        codes = [code for code, _ in row.romes]
        copied[pk] = (search_text, rome_key(codes), domain, row.level, row.teaching_mode, row.certifying,
                      row.alternance, key)  # fmt: skip
        romes += [(pk, code, version) for code, version in row.romes]
        sessions += [
            [
                first[TrainingSession] + len(sessions) + index, pk, s.session_id, s.start, s.end,
                s.commune_code if s.commune_code in known_communes else None,
                s.commune_code, s.town, s.address, s.latitude, s.longitude,
            ]
            for index, s in enumerate(row.sessions)
        ]  # fmt: skip
    places, place_of = plan_places(
        copied, ((s[0], s[1], s[3], s[6], s[9], s[10]) for s in sessions), timezone.localdate(), first[TrainingPlace]
    )
    for session in sessions:
        session.append(place_of[session[0]])
    insert_rows(Training, TRAINING_FIELDS, trainings)
    insert_rows(TrainingRome, ["training_id", "code", "version"], romes)
    insert_rows(TrainingPlace, PLACE_FIELDS, places)
    insert_rows(TrainingSession, SESSION_FIELDS, sessions)
    _reset_sequences(Training, TrainingPlace, TrainingSession)
    return len(trainings), len(sessions)


def rome_key(codes) -> str:
    return f" {' '.join(codes)} " if codes else ""


def plan_places(copied: dict, sessions, today, first_id: int) -> tuple[list[tuple], dict[int, int]]:
    """The places of the trainings (one per training and commune/coordinates) with their next start from
    `today`, as rows in PLACE_FIELDS order, and the place of each session.

    copied: {training id: its PLACE_COPIED values}; sessions: (id, training id, start, commune code,
    latitude, longitude) tuples. A training without a session has no place (the search never finds it).
    """
    places: dict[tuple, list] = {}
    place_of: dict[int, int] = {}
    for pk, training_id, start, code, latitude, longitude in sessions:
        place = places.setdefault((training_id, code, latitude, longitude), [first_id + len(places), None])
        place_of[pk] = place[0]
        if start >= today and (place[1] is None or start < place[1]):
            place[1] = start
    rows = [
        (place_id, training_id, next_start, code, latitude, longitude, *copied[training_id])
        for (training_id, code, latitude, longitude), (place_id, next_start) in places.items()
    ]
    return rows, place_of


@transaction.atomic
def index_offer() -> int:
    """Rebuild the places from the trainings and sessions in the database (the import writes them itself;
    this serves offers written another way, e.g. by tests)."""
    TrainingSession.objects.update(place=None)
    TrainingPlace.objects.all().delete()
    romes: dict[int, list[str]] = {}
    for training_id, code in TrainingRome.objects.order_by("pk").values_list("training_id", "code"):
        romes.setdefault(training_id, []).append(code)
    fields = ("search_text", "formacode_domain", "level", "teaching_mode", "certifying", "alternance")
    copied = {}
    for values in Training.objects.values("id", "financer_codes", *fields):
        text, domain, level, mode, certifying, alternance = (values[name] for name in fields)
        codes = romes.get(values["id"], [])
        key = financer_key(values["financer_codes"])
        copied[values["id"]] = (text, rome_key(codes), domain, level, mode, certifying, alternance, key)
    sessions = TrainingSession.objects.order_by("pk").values_list(
        "pk", "training_id", "start", "commune_code", "latitude", "longitude"
    )
    places, place_of = plan_places(copied, sessions, timezone.localdate(), _next_id(TrainingPlace))
    insert_rows(TrainingPlace, PLACE_FIELDS, places)
    by_place: dict[int, list[int]] = {}
    for session_id, place_id in place_of.items():
        by_place.setdefault(place_id, []).append(session_id)
    for place_id, session_ids in by_place.items():
        TrainingSession.objects.filter(pk__in=session_ids).update(place_id=place_id)
    _reset_sequences(TrainingPlace)
    return len(places)


def _next_id(model) -> int:
    return (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1


def _reset_sequences(*models) -> None:
    """PostgreSQL: the id sequences follow the ids given by the import (nothing to do on SQLite)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(models))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def _delete_all(*models) -> None:
    """Empty the offer's tables (children first): plain DELETEs, in the import's transaction.

    Nothing else points at these tables (the project card keeps ids in the session and checks them),
    so the ORM's collection of 50,000 related rows before deleting them is not needed. Not TRUNCATE:
    it would lock the search out of the old offer until the new one is committed.
    """
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")


def _providers(rows: list[lheo.TrainingRow]) -> dict[str, TrainingProvider]:
    existing = {p.siret: p for p in TrainingProvider.objects.all()}
    seen: dict[str, lheo.TrainingRow] = {}
    for row in rows:
        seen.setdefault(row.provider_siret, row)
    new, changed = [], []
    for siret, row in seen.items():
        provider = existing.get(siret)
        values = (row.provider_name, row.provider_activity, row.provider_town)
        if provider is None:
            new.append(TrainingProvider(siret=siret, name=values[0], activity_number=values[1], commune_name=values[2]))
        elif (provider.name, provider.activity_number, provider.commune_name) != values:
            changed.append((*values, siret))
    TrainingProvider.objects.bulk_create(new, batch_size=BATCH)
    if changed:  # one prepared UPDATE per provider (bulk_update's CASE over thousands of rows is slower)
        table = connection.ops.quote_name(TrainingProvider._meta.db_table)
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {table} SET name = %s, activity_number = %s, commune_name = %s WHERE siret = %s", changed
            )
    return {p.siret: p for p in TrainingProvider.objects.filter(siret__in=list(seen)).only("pk", "siret", "name")}


def run_queued_offer(offer_id: int) -> str:
    """The task's body: download the configured feed if needed, then import it."""
    offer = TrainingOffer.objects.get(pk=offer_id)
    try:
        path = stored_copy(offer.file) if offer.file else download(offer.source)
    except (OSError, ValueError) as error:
        return _finish(
            offer,
            TrainingOffer.State.FAILED,
            errors=[f"Le flux n'a pas pu être téléchargé depuis {offer.source} : {error}"],
        ).state
    try:
        return import_offer(path, offer).state
    finally:
        path.unlink(missing_ok=True)
        if offer.file:  # the offer is in the database now, or refused: the uploaded file is not kept
            offer.file.delete(save=True)


def stored_copy(field_file) -> Path:
    """The uploaded feed copied from the storage (a folder, or an S3 bucket shared by the servers) to a local
    temporary file, streamed: the reader goes through it twice (count, then import)."""
    with tempfile.NamedTemporaryFile(suffix=".xml", delete=False) as target, field_file.open("rb") as source:
        for chunk in source.chunks():
            target.write(chunk)
    return Path(target.name)


def download(url: str) -> Path:
    """The feed at the configured address, saved to a temporary file (streamed, never whole in memory)."""
    if not url.startswith(("https://", "http://")):
        raise ValueError("l'adresse doit commencer par https://")
    handle, name = tempfile.mkstemp(suffix=".xml")
    with open(handle, "wb") as out, urllib.request.urlopen(url, timeout=settings.SPRO_LHEO_TIMEOUT_SECONDS) as response:  # noqa: S310 (http(s) checked above)
        while chunk := response.read(1 << 20):
            out.write(chunk)
    return Path(name)


def formacode_domains() -> dict[str, str]:
    return json.loads((DATA / "formacode.json").read_text(encoding="utf-8"))["domains"]


@transaction.atomic
def load_rome(force: bool = False) -> int:
    """The 1,584 jobs of ROME 4.0 and their NAF sectors (France Travail), once."""
    if Job.objects.exists() and not force:
        return 0
    with open(DATA / "rome" / "secteurs.csv", encoding="utf-8") as handle:
        sectors = {row["secteur_id"]: row["libelle"] for row in csv.DictReader(handle)}
    Sector.objects.bulk_create(
        [Sector(code=code, label=label) for code, label in sectors.items() if code != "0"], ignore_conflicts=True
    )
    jobs, links = [], []
    with open(DATA / "rome" / "rome_fiches.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            job = Job(code=row["code_rome"], label=row["libelle"], domain=row["domaine_professionnel"], version="4.0")
            job.label_search = normalize(job.label)
            jobs.append(job)
            links += [(job.code, s) for s in row["secteurs_naf_ids"].split("|") if s and s in sectors and s != "0"]
    Job.objects.bulk_create(jobs, ignore_conflicts=True)
    through = Job.sectors.through
    through.objects.bulk_create([through(job_id=j, sector_id=s) for j, s in links], ignore_conflicts=True)
    return len(jobs)


@transaction.atomic
def load_funding_schemes(path: Path | None = None, replace: bool = False) -> int:
    """The default schemes of the region pack (once): afterwards the Région keeps them in the application."""
    path = path or region_pack.current().file("funding_schemes")
    if FundingScheme.objects.exists() and not replace:
        return 0
    data = json.loads(path.read_text(encoding="utf-8"))
    statuses = {s.code: s for s in Status.objects.all()}
    for item in data["schemes"]:
        values = {k: v for k, v in item.items() if k not in ("code", "statuses")}
        scheme, _ = FundingScheme.objects.update_or_create(code=item["code"], defaults=values)
        scheme.statuses.set([statuses[c] for c in item["statuses"] if c in statuses])
    return len(data["schemes"])
