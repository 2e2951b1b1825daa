"""Demo events of the public agenda: forums de l'orientation, open days and public SPRO forums of the current
school year, in every territory, at places of the demo directory (or an address in a commune of the
territory). Every day goes through apps.core.workdays.event_day: a working day, never 24–31 December.
Called once by ``manage.py load_demo`` after the directory demo is loaded.
"""

from datetime import date, datetime, time

from django.db import transaction
from django.utils import timezone

from apps.core.workdays import event_day
from apps.directory.models import Place
from apps.geo.models import Commune, Territory
from apps.network.models.common import current_school_year

from .models import PublicEvent

K, A = PublicEvent.Kind, PublicEvent.Audience
FORUM_TEXT = (
    "Les structures du SPRO du territoire (Mission locale, CIO, Information Jeunesse, France Travail, Cap emploi, "
    "chambres consulaires…) tiennent des stands : venez poser vos questions sur les métiers, les formations, "
    "l'apprentissage et l'emploi. Chaque stand vous accueille et vous oriente vers la bonne porte."
)
OPEN_DAY_TEXT = (
    "Découvrez les lieux, rencontrez les conseiller·ères et repartez avec un rendez-vous si vous le souhaitez. "
    "Sans inscription."
)
# (month-day in the school year, start, end, territory, kind, audience, title, place: structure slug or
# (address, commune INSEE code), description, link)
EVENTS = [
    ("10-08", "09:30", "16:30", "cher", K.JOB_FAIR, A.JOBSEEKERS, "Rencontres emploi et métiers de Vierzon",
     "ft-vierzon", "Employeurs du bassin, organismes de formation et conseiller·ères de France Travail.", ""),
    ("11-18", "13:30", "17:30", "issoudun", K.OPEN_DAY, A.YOUNG, "Portes ouvertes du PIJ d'Issoudun",
     "pij-issoudun", OPEN_DAY_TEXT, ""),
    ("11-25", "09:00", "17:00", "loir-et-cher", K.JOB_FAIR, A.ALL, "Forum des métiers du Vendômois",
     ("Salle polyvalente, 1 rue de la Mairie", "41269"), FORUM_TEXT, ""),
    ("12-02", "13:30", "18:00", "loir-et-cher", K.SPRO_FORUM, A.ALL,
     "Forum SPRO : un métier, une formation, un emploi — Blois", "ml-blaisois", FORUM_TEXT, ""),
    ("12-10", "14:00", "16:00", "orleans", K.INFO_SESSION, A.WORKERS,
     "Réunion d'information : changer de métier, par où commencer ?", "ft-orleans-centre",
     "Le conseil en évolution professionnelle, le compte personnel de formation et la validation des acquis de "
     "l'expérience expliqués en deux heures, avec le temps de poser vos questions.", ""),
    ("01-15", "09:00", "17:00", "indre-et-loire", K.ORIENTATION_FORUM, A.PUPILS,
     "Forum de l'orientation de Touraine", "cio-tours", FORUM_TEXT, "https://forum-orientation-touraine.example/"),
    ("01-20", "09:00", "17:00", "chateauroux", K.ORIENTATION_FORUM, A.PUPILS,
     "Forum de l'orientation de l'Indre — Châteauroux", "cio-chateauroux", FORUM_TEXT, ""),
    ("01-22", "09:00", "17:00", "loir-et-cher", K.ORIENTATION_FORUM, A.PUPILS, "Forum de l'orientation du Blaisois",
     "cio-blois", FORUM_TEXT, "https://forum-orientation-blois.example/"),
    ("01-28", "09:00", "17:00", "orleans", K.ORIENTATION_FORUM, A.PUPILS, "Forum de l'orientation de l'Orléanais",
     "cio-orleans", FORUM_TEXT, ""),
    ("02-03", "13:30", "17:30", "loir-et-cher", K.OPEN_DAY, A.PUPILS, "Portes ouvertes du CIO de Blois",
     "cio-blois", OPEN_DAY_TEXT, ""),
    ("02-05", "09:00", "17:00", "chartres", K.ORIENTATION_FORUM, A.PUPILS, "Forum de l'orientation de Chartres",
     "bij-chartres", FORUM_TEXT, ""),
    ("02-10", "09:00", "16:00", "pithiviers", K.ORIENTATION_FORUM, A.PUPILS,
     "Forum de l'orientation du Pithiverais", "cio-pithiviers", FORUM_TEXT, ""),
    ("03-03", "10:00", "17:00", "orleans", K.JOB_FAIR, A.YOUNG, "Salon de l'apprentissage — Orléans", "cma-45",
     "Les métiers de l'artisanat et les centres de formation d'apprentis du Loiret : rencontrer des maîtres "
     "d'apprentissage, trouver un contrat.", ""),
    ("03-10", "13:30", "17:30", "dreux", K.OPEN_DAY, A.PUPILS, "Portes ouvertes du CIO de Dreux", "cio-dreux",
     OPEN_DAY_TEXT, ""),
    ("03-17", "13:30", "17:30", "indre-et-loire", K.OPEN_DAY, A.YOUNG,
     "Portes ouvertes de la Mission locale Touraine", "ml-touraine", OPEN_DAY_TEXT, ""),
    ("03-24", "09:30", "16:30", "le-blanc-la-chatre-argenton", K.JOB_FAIR, A.ALL,
     "Forum des métiers du sud de l'Indre — Argenton-sur-Creuse", ("Salle des fêtes, avenue Rollinat", "36006"),
     FORUM_TEXT, ""),
    ("04-07", "13:30", "18:00", "montargis-gien", K.SPRO_FORUM, A.ALL, "Forum SPRO ouvert au public — Montargis",
     "ml-aijam", FORUM_TEXT, ""),
    ("04-13", "14:00", "16:30", "chateaudun-nogent", K.INFO_SESSION, A.WORKERS,
     "Réunion d'information sur la VAE — Nogent-le-Rotrou", "cio-nogent",
     "Faire reconnaître son expérience par un diplôme : les étapes de la validation des acquis de l'expérience "
     "et les lieux qui vous accompagnent.", ""),
    ("05-12", "13:30", "18:00", "cher", K.SPRO_FORUM, A.ALL, "Forum SPRO ouvert au public — Bourges", "bij-cher",
     FORUM_TEXT, ""),
]  # fmt: skip


def _day(school_year: int, month_day: str) -> date:
    month, day = (int(part) for part in month_day.split("-"))
    return event_day(date(school_year if month >= 9 else school_year + 1, month, day))


def _at(day: date, hour_minute: str) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.fromisoformat(hour_minute)))


@transaction.atomic
def load() -> int:
    """Create the demo events once; returns how many were created."""
    if PublicEvent.objects.exists():
        return 0
    school_year = current_school_year(timezone.localdate())
    territories = {t.code: t for t in Territory.objects.all()}
    places = {}
    for place in Place.objects.filter(structure__source="demo").select_related("structure").order_by("pk"):
        places.setdefault(place.structure.slug, place)  # the structure's main place
    communes = {
        c.code: c for c in Commune.objects.filter(code__in=[e[7][1] for e in EVENTS if isinstance(e[7], tuple)])
    }
    events = []
    for month_day, start, end, code, kind, audience, title, where, description, link in EVENTS:
        territory = territories.get(code)
        place = places.get(where) if isinstance(where, str) else None
        commune = communes.get(where[1]) if isinstance(where, tuple) else None
        if territory is None or (place is None and commune is None):
            continue  # a partial demo region (tests load a few départements)
        day = _day(school_year, month_day)
        events.append(
            PublicEvent(
                title=title,
                kind=kind,
                audience=audience,
                starts_at=_at(day, start),
                ends_at=_at(day, end),
                territory=territory,
                place=place,
                address=where[0] if commune else "",
                commune=commune,
                description=description,
                link=link,
            )
        )
    return len(PublicEvent.objects.bulk_create(events))
