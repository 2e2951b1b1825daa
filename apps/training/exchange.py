"""The training offer in the data·inclusion v1 format, when asked: services of type `formation`.

Each training gives one service per commune where it has sessions to come (data·inclusion services
have one address), each training provider one structure (a service names its structure). Ids rest
on the feed's numbers (action, SIRET), not on database ids, so they stay the same from one import to
the next. Thématiques come from the Carif-Oref Formacode mapping published by the GIP de l'inclusion
(data/formacode/carif_oref_formacode_v14_to_thematiques.csv); nothing else is inferred.
"""

import csv
from functools import cache

from django.urls import reverse
from django.utils import timezone

from apps.directory.exchange.vocab import ID_SEPARATOR, ON_SITE, REMOTE, SOURCE

from .models import TeachingMode, Training, TrainingOffer, TrainingProvider, TrainingSession
from .services import DATA

SERVICE_TYPE = "formation"
MODES = {
    TeachingMode.IN_PERSON: [ON_SITE],
    TeachingMode.MIXED: [ON_SITE, REMOTE],
    TeachingMode.REMOTE: [REMOTE],
}


@cache
def formacode_thematiques() -> dict[str, list[str]]:
    with open(DATA / "formacode" / "carif_oref_formacode_v14_to_thematiques.csv", encoding="utf-8") as handle:
        mapping: dict[str, list[str]] = {}
        for row in csv.DictReader(handle):
            mapping.setdefault(row["formacode_v14"], []).append(row["thematique_di_v1"])
        return mapping


def provider_record_id(siret: str) -> str:
    return f"{SOURCE}{ID_SEPARATOR}organisme-formation-{siret}"


def _updated_on() -> str:
    """The day of the last import that succeeded: the date the offer's data is from."""
    offer = TrainingOffer.objects.filter(state=TrainingOffer.State.DONE).exclude(finished_at=None).first()
    return timezone.localdate(offer.finished_at).isoformat() if offer else timezone.localdate().isoformat()


def export_training_structures() -> list[dict]:
    """The providers of trainings with sessions to come."""
    today = timezone.localdate()
    upcoming = TrainingSession.objects.filter(start__gte=today).values("training__provider_id")
    providers = TrainingProvider.objects.filter(pk__in=upcoming).order_by("siret")
    updated = _updated_on()
    return [
        {
            "source": SOURCE,
            "id": provider_record_id(p.siret),
            "nom": _name(p.name),
            "date_maj": updated,
            "siret": p.siret if len(p.siret) == 14 and p.siret.isdigit() else None,
            "commune": p.commune_name or None,
        }
        for p in providers
    ]


def export_training_services(base_url: str = "") -> list[dict]:
    """One service per training and commune of its sessions to come (the next session there described)."""
    today = timezone.localdate()
    sessions = (
        TrainingSession.objects.filter(start__gte=today)
        .values("training_id", "commune_code", "town", "address", "latitude", "longitude", "start", "end")
        .order_by("training_id", "commune_code", "start", "pk")
    )
    firsts: dict[tuple[int, str], dict] = {}
    for session in sessions:
        firsts.setdefault((session["training_id"], session["commune_code"]), session)
    trainings = Training.objects.select_related("provider").in_bulk({key[0] for key in firsts})
    updated = _updated_on()
    return [
        _service(trainings[training_id], session, updated, base_url) for (training_id, _), session in firsts.items()
    ]


def _service(training: Training, session: dict, updated: str, base_url: str) -> dict:
    commune = session["commune_code"]
    cost = training.cost_eur
    return {
        "source": SOURCE,
        "id": f"{SOURCE}{ID_SEPARATOR}formation-{training.action_id}" + (f"{ID_SEPARATOR}{commune}" if commune else ""),
        "structure_id": provider_record_id(training.provider.siret),
        "nom": _name(training.title),
        "description": _description(training, session),
        "date_maj": updated,
        "type": SERVICE_TYPE,
        "thematiques": formacode_thematiques().get(training.formacode) or None,
        "frais": None if cost is None else ("gratuit" if cost == 0 else "payant"),
        "frais_precisions": f"Prix total : {cost:.2f} € TTC." if cost else None,
        "modes_accueil": MODES.get(training.teaching_mode),
        "mobilisable_par": ["usagers", "professionnels"],
        "lien_mobilisation": training.url or None,
        "lien_source": base_url.rstrip("/") + reverse("training:training", args=[training.pk]) if base_url else None,
        "adresse": session["address"] or None,
        "code_insee": commune or None,
        "commune": session["town"] or None,
        "latitude": session["latitude"],
        "longitude": session["longitude"],
    }


def _description(training: Training, session: dict) -> str:
    where = f" à {session['town']}" if session["town"] else ""
    end = f" au {session['end']:%d/%m/%Y}" if session["end"] else ""
    text = (training.objective or training.title).strip()
    return f"{text}\n\nProchaine session{where} : du {session['start']:%d/%m/%Y}{end}."[:10000]


def _name(value: str) -> str:
    """3 to 150 characters, not ending with a full stop (the schema's rule for names)."""
    name = value.strip()[:150].rstrip(". ")
    return name if len(name) >= 3 else f"{name} (formation)"


def export(kind: str, base_url: str = "") -> list[dict]:
    """kind: "structure" or "service", as the directory's export."""
    return export_training_structures() if kind == "structure" else export_training_services(base_url)
