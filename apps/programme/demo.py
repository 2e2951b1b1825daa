"""Demo data of the support programme: the 2015–2016 programme of seed 001 (history, with its sessions),
the programme of the current school year built on the Région's roadmap of seed 003 (its sessions spread over
the working days of the year: past ones with attendance and forum survey answers, upcoming ones open for
registration, some in the coming weeks), and a support-team account.

Every date goes through apps.core.workdays.event_day: no session on a weekend, a French public holiday or
between 24 and 31 December.

People are fictional (the demo accounts of the directory); answers are generated with a fixed seed.
Called by ``manage.py load_demo`` once the directory demo is loaded.
"""

import random
import secrets
from datetime import date, time, timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from apps.accounts.models import Membership, User
from apps.core import region_pack
from apps.core.workdays import event_day
from apps.directory.demo_people import SUPPORT_NAME
from apps.directory.models import Place, Structure
from apps.directory.services import DEMO_EMAIL_DOMAIN, DEMO_PASSWORD
from apps.geo.models import Territory
from apps.network.models.common import current_school_year

from .models import Answer, Question, Registration, Session, SupportAction, SurveyResponse
from .reference import forum_questionnaire, load_programme, load_roadmap, local_datetime, roadmap, school_year_period

SUPPORT_EMAIL = f"appui@{DEMO_EMAIL_DOMAIN}"
COMMENTS = [
    "Prévoir plus de temps pour les échanges entre structures.",
    "Très utile pour connaître les nouveaux collègues du territoire.",
    "Le speed dating était dynamique, à refaire.",
    "Horaires à adapter aux trains pour les collègues des communes éloignées.",
    "Un annuaire des participant·es remis à la fin serait utile.",
]

# (days from today, start, end, kind, title, territory code, where, capacity, roadmap action number, extras);
# the day is moved to the next event day (apps.core.workdays)
UPCOMING = [
    (
        5,
        "10:00",
        "11:30",
        "seminar",
        "Webinaire : la carte des formations professionnelles",
        None,
        "online",
        100,
        5,
        {},
    ),
    (
        8,
        "09:00",
        "12:00",
        "practice_exchange",
        "L'accueil d'une première demande : échanges de pratiques à Blois",
        "loir-et-cher",
        "Blois (41) — salle communiquée aux inscrit·es",
        12,
        6,
        {"full": True},
    ),
    (
        9,
        "13:30",
        "17:30",
        "forum",
        "Forum d'interconnaissance des acteurs de l'orientation — Tours",
        "indre-et-loire",
        "Tours (37) — salle communiquée aux inscrit·es",
        120,
        None,
        {},
    ),
    (
        12,
        "09:30",
        "16:30",
        "professionalisation",
        "Plan handicap : accueillir et orienter une personne en situation de handicap",
        None,
        "gip",
        25,
        6,
        {
            "travel_expenses": True,
            "description": "Plan de professionnalisation « handicap » des acteurs du SPRO, avec le soutien de "
            "l'Agefiph. Inscription directe ; les frais de déplacement peuvent être pris en charge dans le cadre "
            "de la subvention SPRO.",
        },
    ),
    (
        16,
        "13:30",
        "17:30",
        "forum",
        "Forum d'interconnaissance des acteurs de l'orientation — Bourges",
        "cher",
        "Bourges (18) — salle communiquée aux inscrit·es",
        140,
        None,
        {},
    ),
    (
        20,
        "09:30",
        "16:30",
        "sector_day",
        "Journée métiers : l'agroalimentaire, avec la branche professionnelle",
        None,
        "gip",
        25,
        4,
        {},
    ),
    (
        23,
        "09:00",
        "17:00",
        "forum",
        "Forum d'interconnaissance des acteurs de l'orientation — Orléans",
        "orleans",
        "gip",
        140,
        None,
        {},
    ),
    (
        30,
        "09:30",
        "16:30",
        "practice_exchange",
        "Groupe ressources des coordinateur·rices SPRO",
        None,
        "gip",
        20,
        8,
        {"region": True},
    ),
    (
        37,
        "13:30",
        "17:30",
        "forum",
        "Forum d'interconnaissance des acteurs de l'orientation — Chartres",
        "chartres",
        "Chartres (28) — salle communiquée aux inscrit·es",
        120,
        None,
        {},
    ),
]


@transaction.atomic
def load() -> int:
    rng = random.Random(2015)
    load_programme()
    survey = forum_questionnaire()
    if User.objects.filter(email=SUPPORT_EMAIL).exists():
        return 0  # already loaded
    User.objects.create(
        email=SUPPORT_EMAIL,
        password=make_password(DEMO_PASSWORD),
        role=User.Role.SUPPORT_TEAM,
        first_name=SUPPORT_NAME[0],
        last_name=SUPPORT_NAME[1],
    )
    members = _members_by_territory()
    gip = Structure.objects.filter(slug="gip-alfa-centre").first()
    gip_place = Place.objects.filter(structure=gip).first() if gip else None
    school_year = current_school_year(timezone.localdate())
    _, actions = load_roadmap(school_year)
    upcoming = _create_upcoming(gip, gip_place, survey, actions)
    upcoming += [s for s in _create_roadmap_sessions(school_year, gip, gip_place, survey, actions) if s.is_upcoming]
    recent = _create_recent_forum(gip, survey, school_year)
    registrations = []
    for session in Session.objects.filter(ends_at__lt=timezone.now()).order_by("starts_at"):
        registrations += _past_registrations(session, members, rng)
    for session in upcoming:
        registrations += _upcoming_registrations(session, members, rng)
    Registration.objects.bulk_create(registrations)
    _answer_forum_surveys(survey, rng)
    Session.objects.filter(survey__isnull=False, ends_at__lt=timezone.now()).update(survey_sent_at=timezone.now())
    if recent is not None:  # its participants who have not answered yet can still do it
        for registration in recent.registrations.filter(attended=True, survey_answered=False):
            registration.survey_token = secrets.token_urlsafe(32)
            registration.save(update_fields=["survey_token"])
    return Session.objects.count()


def _members_by_territory() -> dict:
    """Territory id → [(user, structure)] of the demo accounts (one per structure)."""
    result: dict = {}
    memberships = Membership.objects.filter(structure__source="demo").select_related("user", "structure")
    for membership in memberships.order_by("structure__slug"):
        result.setdefault(membership.structure.territory_id, []).append((membership.user, membership.structure))
    return result


def _create_roadmap_sessions(school_year, gip, gip_place, survey, actions) -> list[Session]:
    """The dated sessions of the roadmap over the school year (September to June), on event days."""
    territories = {t.code: t for t in Territory.objects.all()}
    sessions = []
    for item in roadmap()["sessions"]:
        month, day_of_month = (int(part) for part in item["date"].split("-"))
        day = event_day(date(school_year if month >= 9 else school_year + 1, month, day_of_month))
        action = actions[item["action"]]
        where = item.get("at")
        session = Session(
            action=action,
            axis=action.axis,
            kind=item["kind"],
            title=item["title"],
            description=_FORUM_TEXT if item["kind"] == "forum" else action.objectives,
            starts_at=local_datetime(day, time.fromisoformat(item["start"])),
            ends_at=local_datetime(day, time.fromisoformat(item["end"])),
            place=gip_place if where == "gip" else None,
            address=item.get("address", ""),
            online_url="https://visio.spro.example/feuille-de-route" if where == "online" else "",
            capacity=item["capacity"],
            audience=action.audience,
            territory=territories.get(item["territory"]) if item["territory"] else None,
            organiser_structure=gip,
            host=action.host,
            survey=survey if item["kind"] == "forum" else None,
        )
        sessions.append(session)
    return Session.objects.bulk_create(sessions)  # the same objects, with their primary keys


def _create_upcoming(gip, gip_place, survey, actions) -> list[Session]:
    today = timezone.localdate()
    territories = {t.code: t for t in Territory.objects.all()}
    sessions = []
    for days, start, end, kind, title, territory, where, capacity, action_number, extras in UPCOMING:
        action = actions.get(action_number)
        day = event_day(today + timedelta(days=days))
        session = Session(
            action=action,
            axis=action.axis if action else actions[1].axis,
            kind=kind,
            title=title,
            description=extras.get("description") or (action.objectives if action else _FORUM_TEXT),
            starts_at=local_datetime(day, time.fromisoformat(start)),
            ends_at=local_datetime(day, time.fromisoformat(end)),
            place=gip_place if where == "gip" else None,
            address=where if where not in {"gip", "online"} else "",
            online_url="https://visio.spro.example/carte-des-formations" if where == "online" else "",
            capacity=capacity,
            audience=action.audience if action else "all",
            territory=territories.get(territory) if territory else None,
            organiser_structure=None if extras.get("region") else gip,
            speaker=action.speaker if action else "",
            host=action.host
            if action
            else f"{region_pack.current().text('support_unit_short')} et coordination locale du SPRO",
            travel_expenses=extras.get("travel_expenses", False),
            survey=survey if kind == "forum" else None,
        )
        session.full = extras.get("full", False)  # read by _upcoming_registrations
        sessions.append(session)
    return Session.objects.bulk_create(sessions)


_FORUM_TEXT = (
    "Une demi-journée pour se connaître et se reconnaître entre professionnel·les de l'accueil, de l'information "
    "et de l'orientation du territoire : stands des structures, « speed dating SPRO » et ateliers autour de cas "
    "pratiques. Le questionnaire régional des forums est envoyé aux participant·es à l'issue du forum."
)


def _create_recent_forum(gip, survey, school_year) -> Session | None:
    territory = Territory.objects.filter(code="montargis-gien").first()
    if territory is None:
        return None
    day = event_day(timezone.localdate() - timedelta(days=10), backwards=True)
    action = SupportAction.objects.filter(axis__period=school_year_period(school_year), number=1).first()
    return Session.objects.create(
        kind=Session.Kind.FORUM,
        title="Forum d'interconnaissance des acteurs — Montargis-Gien",
        action=action,
        axis=action.axis,
        description=_FORUM_TEXT,
        starts_at=local_datetime(day, time(13, 30)),
        ends_at=local_datetime(day, time(17, 30)),
        address="Montargis (45) — salle communiquée aux inscrit·es",
        capacity=120,
        territory=territory,
        organiser_structure=gip,
        host=f"{region_pack.current().text('support_unit_short')} et coordination locale du SPRO",
        survey=survey,
    )


def _pick(session, members, rng, count) -> list:
    pool = members.get(session.territory_id, []) if session.territory_id else [m for ms in members.values() for m in ms]
    pool = list(pool)
    rng.shuffle(pool)
    return pool[: min(count, len(pool))]


def _past_registrations(session, members, rng) -> list[Registration]:
    wanted = min(session.capacity, 22 if session.kind == Session.Kind.FORUM else 12)
    registrations = []
    for user, structure in _pick(session, members, rng, wanted):
        registrations.append(
            Registration(
                session=session,
                user=user,
                structure=structure,
                status=Registration.Status.CONFIRMED,
                queued_at=session.starts_at - timedelta(days=rng.randint(5, 30)),
                attended=rng.random() < 0.85,
                travel_expenses_requested=rng.random() < 0.2,
            )
        )
    return registrations


def _upcoming_registrations(session, members, rng) -> list[Registration]:
    full = getattr(session, "full", False)
    wanted = session.capacity + 2 if full else min(session.capacity // 3, 9)
    registrations = []
    chosen = _pick(session, members, rng, wanted)
    blaisois = [(u, s) for u, s in members.get(session.territory_id, []) if s.slug == "ml-blaisois"]
    if full and blaisois and blaisois[0] not in chosen:
        chosen = [blaisois[0], *chosen[:-1]]
    now = timezone.now()
    for index, (user, structure) in enumerate(chosen):
        confirmed = index < session.capacity
        registrations.append(
            Registration(
                session=session,
                user=user,
                structure=structure,
                status=Registration.Status.CONFIRMED if confirmed else Registration.Status.WAITLISTED,
                queued_at=now - timedelta(days=10, minutes=-index),
                travel_expenses_requested=session.travel_expenses and rng.random() < 0.4,
            )
        )
    return registrations


def _answer_forum_surveys(survey, rng) -> None:
    questions = list(survey.questions.all())
    attended = Registration.objects.filter(
        session__survey=survey, session__ends_at__lt=timezone.now(), attended=True
    ).select_related("session")
    responses, answered = [], []
    for registration in attended:
        if rng.random() < 0.6:
            responses.append(
                SurveyResponse(
                    survey=survey,
                    session=registration.session,
                    submitted_on=timezone.localtime(registration.session.ends_at).date(),
                )
            )
            answered.append(registration.pk)
    responses = SurveyResponse.objects.bulk_create(responses)
    Registration.objects.filter(pk__in=answered).update(survey_answered=True)
    answers = []
    for response in responses:
        for question in questions:
            answer = _random_answer(response, question, rng)
            if answer is not None:
                answers.append(answer)
    Answer.objects.bulk_create(answers)


def _random_answer(response, question, rng) -> Answer | None:
    if question.kind == Question.Kind.SCALE:
        return Answer(response=response, question=question, scale_value=rng.choices([2, 3, 4, 5], [1, 3, 6, 5])[0])
    if question.kind == Question.Kind.SINGLE:
        weights = [5, 3, 1][: len(question.choices)] if len(question.choices) == 3 else None
        return Answer(response=response, question=question, selected=[rng.choices(question.choices, weights)[0]])
    if question.kind == Question.Kind.MULTIPLE:
        return Answer(response=response, question=question, selected=rng.sample(question.choices, rng.randint(1, 3)))
    if rng.random() < 0.3:
        return Answer(response=response, question=question, text=rng.choice(COMMENTS))
    return None
