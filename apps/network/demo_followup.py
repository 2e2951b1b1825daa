"""Demo of the follow-up during the year: spending declared on three grants, and the year's barometer.

Called at the end of `apps.network.demo.load`; fictional answers, real territories, event days of the year.
"""

from datetime import date, timedelta

from apps.accounts.models import User
from apps.core.workdays import event_day
from apps.directory.services import DEMO_EMAIL_DOMAIN

from . import consumption
from .models import Barometer, BarometerParticipation, BarometerResponse, Grant
from .synthesis import open_barometer

# territory → (share of the forum's budget spent, other spending in cents): Cher stays below 50 % on purpose
SPENDING = {"loir-et-cher": (90, 180_000), "orleans": (80, 60_000), "cher": (30, 0)}
ANSWERS = [  # (meets expectations, knows partners, needs, expectations, needs in words)
    (4, 3, ["interconnaissance", "outils"], "Des rencontres entre structures plus régulières.", ""),
    (3, 2, ["professionnalisation"], "", "Une formation commune sur le premier accueil."),
    (5, 4, ["communication"], "Un SPRO mieux connu du public.", "Une plaquette à jour."),
]


def _before(day: date, today: date) -> date:
    return event_day(min(day, today), backwards=True)


def _spent_on(day: date) -> date:
    return event_day(day, backwards=True)


def load(year: int, today: date) -> None:
    for grant in Grant.objects.filter(convention__year=year, convention__territory__code__in=SPENDING):
        share, other = SPENDING[grant.convention.territory.code]
        forum = consumption.budgeted_actions(grant).order_by("start_date").first()
        if forum is not None and forum.start_date <= today:
            consumption.declare_spending(
                grant,
                label="Location de salle et accueil du forum",
                amount_cents=forum.budget_cents * share // 100,
                spent_on=forum.start_date,
                action=forum,
            )
        if other and date(year, 5, 20) <= today:
            consumption.declare_spending(
                grant,
                label="Impression du guide des structures",
                amount_cents=other,
                spent_on=_before(date(year, 5, 20), today),
            )
    _barometer(year, today)


def _barometer(year: int, today: date) -> None:
    opens_on = _before(date(year, 10, 1), today)
    barometer = Barometer.objects.filter(year=year).first() or open_barometer(
        year, opens_on, max(event_day(date(year, 12, 18)), opens_on)
    )
    members = User.objects.filter(
        email__endswith=f"@{DEMO_EMAIL_DOMAIN}", memberships__structure__territory__code__in=SPENDING
    ).distinct()
    for index, user in enumerate(members.order_by("email")[: 2 * len(ANSWERS)]):
        meets, knows, needs, expectations, needs_text = ANSWERS[index % len(ANSWERS)]
        territory = user.memberships.order_by("pk").first().structure.territory
        BarometerParticipation.objects.create(barometer=barometer, user=user)
        BarometerResponse.objects.create(
            barometer=barometer,
            territory=territory,
            meets_expectations=meets,
            knows_partners=knows,
            needs=needs,
            expectations_text=expectations,
            needs_text=needs_text,
            submitted_on=min(today, opens_on + timedelta(days=index)),
        )
