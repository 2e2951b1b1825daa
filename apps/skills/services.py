"""Writes of professionalisation: ratings (with their history), endorsements, profiles, sessions from skills."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from apps.orientation.workdays import add_working_days
from apps.programme import services as programme_services
from apps.programme.models import Audience, Session

from .models import AssessmentEvent, Endorsement, ProfessionalProfile, SelfAssessment, Skill, SkillSession

ENDORSEMENT_SALT = "apps.skills.endorsement"
ENDORSEMENT_DAYS = 14


def profile_of(user) -> ProfessionalProfile:
    """The user's profile, created on first use with their first structure (nothing is listed by default)."""
    profile = ProfessionalProfile.objects.filter(user=user).first()
    if profile is None:
        membership = user.memberships.select_related("structure").order_by("pk").first()
        profile = ProfessionalProfile.objects.create(user=user, structure=membership.structure if membership else None)
    return profile


@transaction.atomic
def rate(user, skill: Skill, level: int | None, aspiration: bool) -> bool:
    """Record one answer; a change is added to the history. Returns whether anything changed."""
    framework = skill.domain.framework
    if level is not None and not framework.levels.filter(value=level).exists():
        raise ValueError(f"Niveau {level} inconnu pour « {framework.title} ».")
    current = SelfAssessment.objects.select_for_update().filter(user=user, skill=skill).first()
    if current is not None and current.level == level and current.aspiration == aspiration:
        return False
    if current is None and level is None and not aspiration:
        return False
    now = timezone.now()
    SelfAssessment.objects.update_or_create(
        user=user, skill=skill, defaults={"level": level, "aspiration": aspiration, "updated_at": now}
    )
    AssessmentEvent.objects.create(user=user, skill=skill, level=level, aspiration=aspiration, recorded_at=now)
    return True


def rate_many(user, answers: dict[Skill, tuple[int | None, bool]]) -> int:
    """A whole form of the tree; returns the number of skills whose answer changed."""
    with transaction.atomic():
        return sum(rate(user, skill, level, wish) for skill, (level, wish) in answers.items())


# Endorsements: a signed link, valid ENDORSEMENT_DAYS, used once, by the colleague it was sent to.


def endorsement_token(endorsement: Endorsement) -> str:
    return signing.dumps({"e": endorsement.pk}, salt=ENDORSEMENT_SALT)


def endorsement_for(token: str) -> Endorsement | None:
    """The endorsement of a link, or None if the link is altered or expired (use is checked by the caller)."""
    try:
        data = signing.loads(token, salt=ENDORSEMENT_SALT, max_age=ENDORSEMENT_DAYS * 86400)
    except signing.BadSignature:  # includes SignatureExpired
        return None
    return Endorsement.objects.select_related("user", "skill__domain__framework").filter(pk=data.get("e")).first()


def ask_endorsement(user, skill: Skill, colleague_email: str, message: str = "") -> tuple[Endorsement, str]:
    """Create the request and e-mail the link to the colleague; returns (endorsement, link)."""
    endorsement = Endorsement.objects.create(
        user=user,
        skill=skill,
        colleague_email=colleague_email.strip().lower(),
        message=message,
        asked_at=timezone.now(),
    )
    link = settings.SPRO_SITE_URL + reverse("skills:endorse", args=[endorsement_token(endorsement)])
    body = render_to_string(
        "skills/endorsement_email.txt",
        {"endorsement": endorsement, "link": link, "days": ENDORSEMENT_DAYS, "asker": user.get_full_name() or user},
    )
    send_mail(
        "Une demande de recommandation sur la plateforme du SPRO",
        body,
        settings.DEFAULT_FROM_EMAIL,
        [endorsement.colleague_email],
    )
    return endorsement, link


@transaction.atomic
def endorse(endorsement: Endorsement, by, comment: str = "") -> bool:
    """The colleague confirms; False when the link was already used (single use)."""
    updated = Endorsement.objects.filter(pk=endorsement.pk, endorsed_at__isnull=True).update(
        endorser=by, comment=comment, endorsed_at=timezone.now()
    )
    return bool(updated)


# From wishes to the programme


@dataclass
class SessionDraft:
    title: str
    description: str
    starts_at: datetime
    ends_at: datetime


def session_draft(skill: Skill, wishes_label: str) -> SessionDraft:
    """The pre-filled session for a wanted skill: practice exchange, half a day, a working day 4 weeks ahead."""
    day = add_working_days(timezone.localdate() + timedelta(days=27), 1)
    tz = timezone.get_current_timezone()
    framework = skill.domain.framework
    return SessionDraft(
        title=f"Échanges de pratiques : {skill.label}"[:200],
        description=(
            f"Compétence {skill.key} du « {framework.title} » (domaine {skill.domain.number} — {skill.domain.title}).\n"
            f"Demandée dans les arbres des talents du réseau : {wishes_label}.\n"
            "Session proposée en brouillon : à compléter (lieu, intervenant·es) puis à publier."
        ),
        starts_at=timezone.make_aware(datetime.combine(day, time(9, 30)), tz),
        ends_at=timezone.make_aware(datetime.combine(day, time(12, 30)), tz),
    )


def _usual_venue(user):
    """A place to start from: the creator's structure's, else the last place the programme used (to confirm)."""
    from apps.directory.models import Place

    own = Place.objects.filter(structure__memberships__user=user, is_active=True).order_by("pk").first()
    if own is not None:
        return own
    last = Session.objects.filter(place__is_active=True).order_by("-starts_at").select_related("place").first()
    return last.place if last else None


@transaction.atomic
def create_session_from_skill(skill: Skill, wishes_label: str, by) -> Session:
    """A draft session of the programme (through its services), linked to the skill for the people who wish it."""
    draft = session_draft(skill, wishes_label)
    framework = skill.domain.framework
    coordinators = framework.code == "coordination-spro"
    session = Session(
        kind=Session.Kind.PRACTICE_EXCHANGE,
        title=draft.title,
        description=draft.description,
        starts_at=draft.starts_at,
        ends_at=draft.ends_at,
        capacity=20,
        audience=Audience.COORDINATORS if coordinators else Audience.ALL,
        status=Session.Status.DRAFT,
        survey=programme_services.default_survey_for(Session.Kind.PRACTICE_EXCHANGE),
    )
    session.place = _usual_venue(by)
    programme_services.save_session(session, by)
    SkillSession.objects.create(session=session, skill_key=skill.key, framework_code=framework.code)
    return session
