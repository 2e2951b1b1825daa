"""Demo data of the person's voice: anonymous follow-up answers and page ratings over the last months of the
current year (sent on working days, stored through the follow-up's own functions), a
consultation at a forum of the Loir-et-Cher, and one person who agreed to the follow-up of a fiche navette
ended a few weeks ago (the next `send_follow_ups` sends them the questions).

The person is fictional (an `.example` address); answers are generated with a fixed seed.
Called by ``manage.py load_demo`` once the orientation demo is loaded.
"""

import random
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from apps.core.workdays import is_working_day
from apps.directory.models import Structure
from apps.geo.models import Territory
from apps.orientation.models import Referral, ReferralContact
from apps.orientation.services import CONSENT_TEXT

from .follow_up import count_sent, store_answer
from .models import (
    Consultation,
    ConsultationAnswer,
    ConsultationQuestion,
    ConsultationResponse,
    FollowUp,
    PageFeedback,
)
from .page_feedback import PAGES

DEMO_TERRITORY = "loir-et-cher"
DEMO_PERSON_EMAIL = "camille.suivi@personne.example"
MONTHS = 6


def _months_back(today, count):
    """The last `count` months up to this one, within the current year (the demo's activity is this year's)."""
    month = today.replace(day=1)
    for _ in range(count):
        yield month
        if month.month == 1:
            return
        month = (month - timedelta(days=1)).replace(day=1)


def _working_day(rng, first, last):
    """A working day between two dates (None when there is none: the first days of January)."""
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    days = [day for day in days if is_working_day(day)]
    return rng.choice(days) if days else None


def _sending_day(rng, month, today):
    """The working day a month's questionnaires went out, never after today."""
    last = min(today, (month + timedelta(days=31)).replace(day=1) - timedelta(days=1))
    return _working_day(rng, month, last)


@transaction.atomic
def load(seed: int = 2026) -> int:
    """Counts and answers through the same functions as the real follow-up (`count_sent`, `store_answer`)."""
    rng = random.Random(seed)
    today = timezone.localdate()
    territories = list(Territory.objects.filter(structures__isnull=False).distinct().order_by("pk"))
    answered = 0
    for territory in territories:
        networks = sorted(
            set(
                Structure.objects.filter(territory=territory, network__isnull=False).values_list(
                    "network_id", flat=True
                )
            )
        )[:3]
        for month in _months_back(today, MONTHS):
            day = _sending_day(rng, month, today)
            if day is None:
                continue
            for network_id in networks:
                cell = {"territory_id": territory.pk, "network_id": network_id}
                sent = rng.randint(4, 9)
                count_sent(cell, day.replace(day=1), sent)
                for _ in range(rng.randint(2, sent)):
                    store_answer(cell, day, _answers(rng))
                    answered += 1
    ratings = []
    first_day = max(today - timedelta(days=170), today.replace(month=1, day=1))
    for territory in territories:
        for page in PAGES:
            for _ in range(rng.randint(3, 12)):
                day = _working_day(rng, first_day, today)
                if day is None:
                    continue
                path = "/" if page == "public:home" else "/quelle-porte/"
                ratings.append(
                    PageFeedback(page=page, path=path, territory=territory, helpful=rng.random() < 0.8, date=day)
                )
    PageFeedback.objects.bulk_create(ratings)
    _consultation(rng, today)
    _person_who_agreed(today)
    return answered


def _answers(rng) -> dict:
    return {
        "got_answer": rng.choice(["yes", "yes", "yes", "partly", "no"]),
        "right_place": rng.choice(["yes", "yes", "yes", "unsure", "no"]),
        "next_step": rng.choice(["support", "support", "training", "informed", "still_looking"]),
        "recommend": rng.choice(["yes", "yes", "yes", "maybe", "no"]),
    }


def _consultation(rng, today) -> None:
    territory = Territory.objects.filter(code=DEMO_TERRITORY).first()
    if territory is None:
        return
    consultation = Consultation.objects.create(
        territory=territory,
        title="Forum de l'orientation de Blois : votre avis",
        introduction="Trois questions sur la façon dont vous cherchez à vous orienter. Réponses anonymes.",
        status=Consultation.Status.OPEN,
        token=secrets.token_urlsafe(24),
    )
    questions = [
        ConsultationQuestion.objects.create(
            consultation=consultation,
            position=0,
            label="Comment avez-vous connu le forum ?",
            choices=["Par mon établissement", "Par un·e conseiller·ère", "Par les réseaux sociaux", "Autrement"],
        ),
        ConsultationQuestion.objects.create(
            consultation=consultation,
            position=1,
            label="Savez-vous à qui vous adresser pour une question d'orientation ?",
            choices=["Oui", "Plus ou moins", "Non"],
        ),
        ConsultationQuestion.objects.create(
            consultation=consultation,
            position=2,
            label="Qu'est-ce qui vous aiderait le plus ?",
            kind=ConsultationQuestion.Kind.TEXT,
        ),
    ]
    ideas = ["Des horaires le samedi", "Un numéro unique", "Plus d'informations sur les métiers qui recrutent"]
    month = today.replace(day=1)
    for index in range(18):
        response = ConsultationResponse.objects.create(
            consultation=consultation, channel="paper" if index % 3 else "online", month=month
        )
        ConsultationAnswer.objects.bulk_create(
            [
                ConsultationAnswer(response=response, question=questions[0], choice=rng.choice(questions[0].choices)),
                ConsultationAnswer(response=response, question=questions[1], choice=rng.choice(questions[1].choices)),
            ]
            + (
                [ConsultationAnswer(response=response, question=questions[2], text=ideas[index % 3])]
                if index < 6
                else []
            )
        )


def _person_who_agreed(today) -> None:
    """One fiche navette of the Loir-et-Cher ended a few weeks ago, whose person agreed to the follow-up."""
    now = timezone.now()
    referral = (
        Referral.objects.filter(
            state=Referral.State.CLOSED, receiver_structure__territory__code=DEMO_TERRITORY, contact__isnull=True
        )
        .order_by("-closed_at", "-pk")
        .first()
    )
    if referral is None:
        return
    closed_at = now - timedelta(days=settings.SPRO_FOLLOW_UP_DELAY_DAYS + 2)
    Referral.objects.filter(pk=referral.pk).update(closed_at=closed_at)
    ReferralContact.objects.create(
        referral=referral,
        first_name="Camille",
        email=DEMO_PERSON_EMAIL,
        preferred_channel=ReferralContact.Channel.EMAIL,
        consent_text=CONSENT_TEXT.format(structure=referral.receiver_structure.name),
        consent_at=referral.sent_at,
    )
    FollowUp.objects.create(referral=referral, source=FollowUp.Source.RECEPTION, consent_at=referral.sent_at)
