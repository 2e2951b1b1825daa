"""Fictional activity for the demo: anonymous first receptions and fiches navettes over the last year."""

import random
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from apps.accounts.models import User
from apps.directory.models import Status, Structure, Theme

from .models import Reception, Referral, ReferralContact, ReferralEvent
from .services import CONSENT_TEXT
from .workdays import add_working_days

FIRST_NAMES = ["Lou", "Sam", "Alex", "Charlie", "Noa", "Eden", "Sacha", "Camille", "Maël", "Jo"]
# Each path: the states a referral went through, in order, after "sent".
PATHS = [
    ["received", "accepted", "contacted", "appointment_held", "closed"],
    ["received", "accepted", "contacted", "no_show", "closed"],
    ["received", "declined"],
    ["received", "accepted"],
    ["received"],
    [],
]


@transaction.atomic
def load(receptions_per_structure: int = 12, seed: int = 2026) -> int:
    rng = random.Random(seed)
    statuses = list(Status.objects.all())
    themes = list(Theme.objects.all())
    structures = list(Structure.objects.filter(source="demo").exclude(places=None).select_related("territory"))
    users = {u.memberships.first().structure_id: u for u in User.objects.filter(memberships__isnull=False)}
    by_territory: dict[int, list[Structure]] = {}
    for structure in structures:
        by_territory.setdefault(structure.territory_id, []).append(structure)
    today = timezone.localdate()
    created = 0
    for structure in structures:
        for _ in range(receptions_per_structure):
            day = today - timedelta(days=rng.randint(0, 364))
            reception = _reception(rng, structure, users.get(structure.pk), day, statuses, themes)
            created += 1
            partners = [s for s in by_territory.get(structure.territory_id, []) if s.pk != structure.pk]
            if "referred" in reception.actions and partners:
                _referral(rng, reception, rng.choice(partners), users)
    return created


def _reception(rng, structure, user, day, statuses, themes) -> Reception:
    actions = rng.choice(
        [["information"], ["documentation"], ["information", "appointment"], ["information", "referred"]]
    )
    place = structure.places.order_by("pk").first()
    reception = Reception.objects.create(
        structure=structure,
        place=place,
        recorded_by=user,
        date=day,
        channel=rng.choice(["on_site", "on_site", "phone", "email", "event", "remote"]),
        age_band=rng.choice(["under_16", "16_25", "16_25", "26_44", "45_plus", "unknown"]),
        sex=rng.choice(["f", "m", ""]),
        status=rng.choice(statuses),
        commune=place.commune,
        departement_id=place.commune.departement_id,
        actions=actions,
        cep_level=1,
    )
    reception.themes.set(rng.sample(themes, rng.randint(1, 2)))
    return reception


def _referral(rng, reception, receiver, users) -> None:
    sent_at = timezone.make_aware(datetime.combine(reception.date, time(10, rng.randint(0, 59))))
    recent = reception.date > timezone.localdate() - timedelta(days=30)
    path = rng.choice(PATHS if recent else PATHS[:3])  # old referrals have reached their end
    referral = Referral.objects.create(
        reception=reception,
        sender_structure=reception.structure,
        sender_user=users.get(reception.structure_id),
        receiver_structure=receiver,
        transmission_consent=True,
        deadline=add_working_days(reception.date, 5),
        age_band=reception.age_band,
        status=reception.status,
        theme=reception.themes.first(),
        commune=reception.commune,
        state=path[-1] if path else "sent",
        decline_reason="not_our_public" if "declined" in path else "",
        outcome=rng.choice(["helped", "informed"]) if "closed" in path else "",
    )
    referral.themes.set(reception.themes.all())
    events = [
        ReferralEvent(
            referral=referral, actor=referral.sender_user, actor_structure=reception.structure, to_state="sent"
        )
    ]
    previous, times = "sent", [sent_at]
    for state in path:
        times.append(times[-1] + timedelta(days=rng.randint(1, 6), hours=rng.randint(0, 6)))
        events.append(
            ReferralEvent(
                referral=referral,
                actor=users.get(receiver.pk),
                actor_structure=receiver,
                from_state=previous,
                to_state=state,
            )
        )
        previous = state
    ReferralEvent.objects.bulk_create(events)
    for event, moment in zip(events, times, strict=True):
        ReferralEvent.objects.filter(pk=event.pk).update(at=moment)
    closed_at = times[-1] if path and path[-1] in {"closed", "declined"} else None
    Referral.objects.filter(pk=referral.pk).update(sent_at=sent_at, closed_at=closed_at)
    if closed_at is None and rng.random() < 0.5:
        ReferralContact.objects.create(
            referral=referral,
            first_name=rng.choice(FIRST_NAMES),
            phone=f"06 39 98 {rng.randint(0, 99):02d} {rng.randint(0, 99):02d}",  # ARCEP range kept for fiction
            preferred_channel="phone",
            consent_text=CONSENT_TEXT.format(structure=receiver.name),
            consent_at=sent_at,
        )
