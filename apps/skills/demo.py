"""Demo professionalisation: the two shipped frameworks, fictional professionals (listed, some consenting to
pairing) and self-assessments spread over the demo accounts, with a strong wish for running committees
(the skill IV.10 of the coordinators' framework) so that the network's view has figures to show."""

import random
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from apps.accounts.models import Membership, User
from apps.directory import demo_people
from apps.directory.models import Structure
from apps.directory.services import DEMO_EMAIL_DOMAIN, DEMO_PASSWORD
from apps.network.selectors import active_coordinators

from .frameworks import current, load_default_frameworks
from .models import AssessmentEvent, ProfessionalProfile, SelfAssessment

JOBS = [
    "Chargé·e d'accueil",
    "Conseiller·ère en insertion",
    "Psychologue de l'Éducation nationale",
    "Informateur·rice jeunesse",
    "Conseiller·ère en évolution professionnelle",
    "Chargé·e de relations entreprises",
]
WANTED = {"coordination-spro": "IV.10", "accueil-spro": "2.5"}  # the most wanted skill of each demo framework
PEOPLE = 40
# Their names come from the demo's one name generator, past the structures' members: no display name repeats.
PEOPLE_OFFSET = 1000


def pro_email(rank: int) -> str:
    return f"pro-{rank + 1:02d}@{DEMO_EMAIL_DOMAIN}"


@transaction.atomic
def load() -> int:
    """Frameworks (always brought up to date), then the demo people once; returns the answers created."""
    load_default_frameworks()
    if ProfessionalProfile.objects.filter(user__email=pro_email(0)).exists():
        return 0
    rng = random.Random(2021)
    password = make_password(DEMO_PASSWORD)
    structures = list(Structure.objects.filter(source="demo", is_active=True).order_by("slug"))
    if not structures:
        return 0
    people = []
    for rank in range(PEOPLE):
        structure = structures[(rank * 7) % len(structures)]
        user, _ = User.objects.get_or_create(
            email=pro_email(rank),
            defaults={
                "password": password,
                "first_name": demo_people.member_name(PEOPLE_OFFSET + rank)[0],
                "last_name": demo_people.member_name(PEOPLE_OFFSET + rank)[1],
            },
        )
        Membership.objects.get_or_create(user=user, structure=structure)
        ProfessionalProfile.objects.create(
            user=user,
            structure=structure,
            job_title=JOBS[rank % len(JOBS)],
            phone=f"02 61 91 2{rank // 10} {rank % 10}{rank % 10}",
            listed=rank % 5 != 4,  # most agree to be listed, not all
            is_spro_contact=rank % 3 == 0,
            pairing_consent=rank % 2 == 0,
        )
        people.append(user)
    coordinators = [
        c.user for c in active_coordinators().select_related("user").exclude(territory__code="loir-et-cher")
    ]
    accounts = list(
        User.objects.filter(memberships__structure__source="demo").exclude(pk__in=[u.pk for u in people]).distinct()
    )
    for coordinator in coordinators:
        ProfessionalProfile.objects.get_or_create(user=coordinator, defaults={"pairing_consent": True})
    coordination = current("coordination-spro")
    reception = current("accueil-spro")
    answers = 0
    answers += _answers(coordination, people + coordinators, rng, share=0.45)
    answers += _answers(reception, people + accounts, rng, share=0.35)
    return answers


def _answers(framework, users, rng, share: float) -> int:
    if framework is None:
        return 0
    skills = list(framework.skills())
    top = framework.levels.count()
    now = timezone.now()
    rows, events = [], []
    for user in users:
        for skill in skills:
            wanted = skill.key == WANTED.get(framework.code)
            if rng.random() > share and not (wanted and rng.random() < 0.5):
                continue
            level = rng.randint(1, top) if rng.random() < 0.9 else None
            wish = wanted or rng.random() < 0.15
            if wanted:
                level = min(level or 1, 2)
            when = now - timedelta(days=rng.randint(1, 200))
            rows.append(SelfAssessment(user=user, skill=skill, level=level, aspiration=wish, updated_at=when))
            if level and level > 1 and rng.random() < 0.3:  # some progressed since a first answer
                events.append(
                    AssessmentEvent(
                        user=user, skill=skill, level=level - 1, aspiration=True, recorded_at=when - timedelta(days=90)
                    )
                )
            events.append(AssessmentEvent(user=user, skill=skill, level=level, aspiration=wish, recorded_at=when))
    SelfAssessment.objects.bulk_create(rows)
    AssessmentEvent.objects.bulk_create(events)
    return len(rows)
