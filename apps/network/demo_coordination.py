"""Demo of the candidate structures and of the COTECH SPRO (called by demo.load after the coordination teams).

Candidates are real organisations: one from the directory (contacted), others typed in because they are
not in the directory yet. The COTECH gathers the Région's partners and coordinators' structures; needs
raised by the territories are on its agenda (seed 004: « garantir un lien constant entre gouvernance
régionale et besoins des acteurs locaux »).
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from apps.accounts.models import User
from apps.core.workdays import event_day
from apps.directory.services import DEMO_EMAIL_DOMAIN

from . import services
from .models import CommitteeMember, Coordinator, Decision, Meeting

# territory → [(directory key or None, typed-in name, reason, contacted?)]
CANDIDATES = {
    "indre-et-loire": [
        (
            "apecita-cvl",
            "",
            "Conseil en évolution professionnelle des cadres et techniciens agricoles du Chinonais et du Lochois.",
            True,
        ),
        ("", "Chambre d'agriculture d'Indre-et-Loire", "Information sur les métiers agricoles qui recrutent.", False),
    ],
    "cher": [("", "Chambre d'agriculture du Cher", "Orientation vers les métiers de l'agriculture.", False)],
}
COTECH_MEMBERS = ["gip-alfa-centre", "cap-emploi-18", "ml-touraine", "ml-blaisois", "mde-orleans"]
# territory → (theme, need, answered at the past meeting?)
NEEDS = {
    "loir-et-cher": ("communication", "Des flyers SPRO à jour avec les lieux d'accueil du département.", True),
    "indre-et-loire": (
        "training",
        "Une session d'échanges de pratiques sur le premier accueil des publics en situation de handicap.",
        False,
    ),
    "cher": ("tools", "Un annuaire partagé des référent·es de bassin et de leurs suppléant·es.", False),
}


def _on(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def load(structures: dict, today: date) -> None:
    admin = User.objects.filter(email=f"admin@{DEMO_EMAIL_DOMAIN}").first()
    _candidates(structures, admin)
    _cotech(structures, today, admin)


def _candidates(structures, admin) -> None:
    for code, rows in CANDIDATES.items():
        coordinator = Coordinator.objects.filter(territory__code=code).select_related("user", "territory").first()
        if coordinator is None:
            continue
        for key, name, reason, contacted in rows:
            candidate = services.propose_candidate(
                coordinator.territory,
                by=coordinator.user,
                structure=structures.get(key) if key else None,
                proposed_name=name,
                reason=reason,
            )
            if contacted:
                services.act_on_candidate(candidate, "contact", by=coordinator.user)


def _cotech(structures, today, admin) -> None:
    committee = services.cotech_committee()
    CommitteeMember.objects.bulk_create(
        [CommitteeMember(committee=committee, structure=structures[k]) for k in COTECH_MEMBERS if k in structures]
    )
    past_day = event_day(min(date(today.year, 6, 11), today), backwards=True)
    past = Meeting.objects.create(
        committee=committee,
        title="COTECH SPRO",
        starts_at=_on(past_day, 14),
        ends_at=_on(past_day, 17),
        place="Conseil régional, Orléans — salle de réunion du 2e étage",
        agenda="Besoins remontés par les territoires\nOutils de communication du SPRO\nProgramme d'appui aux acteurs",
        minutes="Le COTECH examine les besoins remontés par les coordinations et les suites du programme d'appui.",
    )
    Decision.objects.create(meeting=past, position=0, text="Une réédition des flyers SPRO est lancée.")
    upcoming_day = event_day(today + timedelta(days=30))
    upcoming = Meeting.objects.create(
        committee=committee,
        title="COTECH SPRO",
        starts_at=_on(upcoming_day, 14),
        ends_at=_on(upcoming_day, 17),
        place="Conseil régional, Orléans — salle de réunion du 2e étage",
        agenda="Besoins remontés par les territoires\nBaromètre des attentes des territoires",
    )
    for code, (theme, text, answered) in NEEDS.items():
        coordinator = Coordinator.objects.filter(territory__code=code).select_related("user", "territory").first()
        if coordinator is None:
            continue
        raised_on = event_day(past_day - timedelta(days=20), backwards=True) if answered else past_day
        need = services.raise_need(coordinator.territory, theme, text, by=coordinator.user, on=raised_on)
        if answered:
            services.schedule_need(need, past, by=admin)
            services.answer_need(need, "Réédition des flyers décidée au COTECH : livraison à l'automne.", by=admin)
        elif code == "indre-et-loire":
            services.schedule_need(need, upcoming, by=admin)
