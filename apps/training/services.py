"""Writes of the training domain: the LHEO import (all or nothing), jobs from ROME 4.0, default funding schemes."""

import csv
import json
import tempfile
import urllib.request
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.files.base import File
from django.db import connection, transaction
from django.utils import timezone

from apps.core import region_pack
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
    TrainingProvider,
    TrainingRome,
    TrainingSession,
    financer_key,
)

DATA = Path(__file__).resolve().parent / "data"
BATCH = 2000


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
        rows = lheo.read_feed(path, on_progress=progress)
        trainings, sessions = _store(rows, offer)
    except lheo.FeedError as error:
        return _finish(offer, TrainingOffer.State.FAILED, errors=error.errors)
    return _finish(offer, TrainingOffer.State.DONE, trainings=trainings, sessions=sessions)


def _finish(offer: TrainingOffer, state: str, **fields) -> TrainingOffer:
    for name, value in {"state": state, "finished_at": timezone.now(), **fields}.items():
        setattr(offer, name, value)
    offer.save()
    return offer


@transaction.atomic
def _store(rows: list[lheo.TrainingRow], offer: TrainingOffer) -> tuple[int, int]:
    """Replace the whole offer with the rows (one transaction)."""
    _delete_all(TrainingSession, TrainingRome, Training)
    providers = _providers(rows)
    known_communes = set(
        Commune.objects.filter(code__in={s.commune_code for r in rows for s in r.sessions}).values_list(
            "code", flat=True
        )
    )
    domains = set(formacode_domains())
    trainings = [
        Training(
            formation_id=row.formation_id,
            action_id=row.action_id,
            title=row.title,
            objective=row.objective,
            content=row.content,
            search_text=normalize(" ".join([row.title, row.objective, providers[row.provider_siret].name])),
            certifying=row.certifying,
            rncp_code=row.rncp_code,
            formacode=row.formacode,
            formacode_version=row.formacode_version,
            formacode_domain=row.formacode[:2] if row.formacode[:2] in domains else "",
            level=row.level,
            teaching_mode=row.teaching_mode,
            alternance=row.alternance,
            hours=row.hours,
            cost_eur=row.cost_eur,
            funding_possible=row.funding_possible,
            financer_codes=row.financer_codes,
            financer_key=financer_key(row.financer_codes),
            url=row.url,
            provider=providers[row.provider_siret],
            offer=offer,
        )
        for row in rows
    ]
    Training.objects.bulk_create(trainings, batch_size=BATCH)
    if not all(t.pk for t in trainings):  # a database that returns no ids on bulk insert
        ids = dict(Training.objects.values_list("action_id", "pk"))
        for training in trainings:
            training.pk = ids[training.action_id]
    romes, sessions = [], []
    for row, training in zip(rows, trainings, strict=True):
        romes += [(training.pk, code, version) for code, version in row.romes]
        sessions += [
            (
                training.pk, s.session_id, s.start, s.end,
                s.commune_code if s.commune_code in known_communes else None,
                s.commune_code, s.town, s.address, s.latitude, s.longitude,
            )
            for s in row.sessions
        ]  # fmt: skip
    _insert(TrainingRome, ["training_id", "code", "version"], romes)
    session_fields = ["training_id", "session_id", "start", "end", "commune_id", "commune_code", "town", "address"]
    _insert(TrainingSession, session_fields + ["latitude", "longitude"], sessions)
    return len(trainings), len(sessions)


def _delete_all(*models) -> None:
    """Empty the offer's tables (children first): plain DELETEs, in the import's transaction.

    Nothing else points at these tables (the project card keeps ids in the session and checks them),
    so the ORM's collection of 50,000 related rows before deleting them is not needed.
    """
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")


def _insert(model, fields: list[str], rows: list[tuple]) -> None:
    """Rows without ids to read back (sessions, ROME codes), inserted with executemany."""
    columns = ", ".join(connection.ops.quote_name(model._meta.get_field(name).column) for name in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({columns}) VALUES ({marks})"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start : start + BATCH])


def _providers(rows: list[lheo.TrainingRow]) -> dict[str, TrainingProvider]:
    existing = {p.siret: p for p in TrainingProvider.objects.all()}
    seen: dict[str, lheo.TrainingRow] = {}
    for row in rows:
        seen.setdefault(row.provider_siret, row)
    new, changed = [], []
    for siret, row in seen.items():
        provider = existing.get(siret)
        values = {
            "name": row.provider_name,
            "activity_number": row.provider_activity,
            "commune_name": row.provider_town,
        }
        if provider is None:
            new.append(TrainingProvider(siret=siret, **values))
        elif any(getattr(provider, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(provider, key, value)
            changed.append(provider)
    TrainingProvider.objects.bulk_create(new, batch_size=BATCH)
    TrainingProvider.objects.bulk_update(changed, ["name", "activity_number", "commune_name"], batch_size=BATCH)
    return {p.siret: p for p in TrainingProvider.objects.filter(siret__in=list(seen))}


def queue_offer(*, upload=None, url: str = "", by=None) -> TrainingOffer:
    """Record an import asked from the page and hand it to the task worker (the page polls its progress)."""
    from .tasks import run_import

    offer = TrainingOffer.objects.create(source=upload.name if upload else url, by=by)
    if upload is not None:
        offer.file.save(f"offre-{offer.pk}.xml", File(upload), save=True)
    transaction.on_commit(lambda: run_import.enqueue(offer.pk))
    return offer


def run_queued_offer(offer_id: int) -> str:
    """The task's body: download the configured feed if needed, then import it."""
    offer = TrainingOffer.objects.get(pk=offer_id)
    if offer.file:
        try:
            return import_offer(Path(offer.file.path), offer).state
        finally:
            offer.file.delete(save=True)  # the offer is in the database now, or refused: the file is not kept
    try:
        path = download(offer.source)
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
