"""Consumption of the grants during the year (seed 000: « les conventions sont consommées à moins de 50 % »).

One module holds the rule and its writes:
- the consumption of a grant is the spending declared on its project envelope (actions of the action plan,
  travel expenses of the support programme charged to it, other spending) over the voted envelope;
- the budgeted part is what the action plan of the same territory and year puts on the envelope;
- on the alert date of the year (``SPRO_CONSUMPTION_ALERT_DATE``, "MM-DD", 30 September by default) a grant
  whose consumption is below ``SPRO_CONSUMPTION_ALERT_PERCENT`` (50 by default) raises one alert to the
  Region; an alert is raised once per grant, never again, even if the job runs every hour.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.utils import timezone

from apps.accounts.models import User

from . import notifications
from .models import ConsumptionAlert, Grant, PlannedAction, Spending
from .services.common import GovernanceError, delete_as, save_as

DEFAULT_ALERT_DATE = "09-30"
DEFAULT_ALERT_PERCENT = 50


def alert_percent() -> int:
    return int(getattr(settings, "SPRO_CONSUMPTION_ALERT_PERCENT", DEFAULT_ALERT_PERCENT))


def alert_date(year: int) -> date:
    month, day = (int(part) for part in getattr(settings, "SPRO_CONSUMPTION_ALERT_DATE", DEFAULT_ALERT_DATE).split("-"))
    return date(year, month, day)


@dataclass(frozen=True)
class Consumption:
    grant: Grant
    budgeted_cents: int
    spent_cents: int
    travel_cents: int

    @property
    def envelope_cents(self) -> int:
        return self.grant.envelope_cents

    @property
    def percent(self) -> int | None:
        """Spent over the envelope, in whole percent rounded down (None without an envelope)."""
        if not self.envelope_cents:
            return None
        return self.spent_cents * 100 // self.envelope_cents

    @property
    def below_threshold(self) -> bool:
        return self.percent is not None and self.percent < alert_percent()

    @property
    def alert(self) -> ConsumptionAlert | None:
        try:
            return self.grant.consumption_alert
        except ConsumptionAlert.DoesNotExist:
            return None


def budgeted_actions(grant: Grant):
    """The actions of the territory's action plan of the convention's year, paid on the project envelope."""
    convention = grant.convention
    return PlannedAction.objects.filter(
        plan__territory_id=convention.territory_id,
        plan__year=convention.year,
        budget_line=PlannedAction.BudgetLine.ENVELOPE,
    ).exclude(status=PlannedAction.Status.CANCELLED)


def consumption_of(grant: Grant) -> Consumption:
    spent = grant.spendings.aggregate(
        total=Sum("amount_cents"), travel=Sum("amount_cents", filter=Q(kind=Spending.Kind.TRAVEL))
    )
    budgeted = budgeted_actions(grant).aggregate(total=Sum("budget_cents"))["total"] or 0
    return Consumption(grant, budgeted, spent["total"] or 0, spent["travel"] or 0)


def regional_table(year: int) -> list[Consumption]:
    """Every grant of the year's conventions, by territory: the Region's table."""
    grants = (
        Grant.objects.filter(convention__year=year)
        .select_related("convention__territory", "beneficiary", "consumption_alert")
        .order_by("convention__territory__name")
    )
    return [consumption_of(grant) for grant in grants]


# --- Writes ---------------------------------------------------------------------------------------------------


def _check_open(grant: Grant) -> None:
    if grant.balance_requested_on is not None:
        raise GovernanceError("Le solde est demandé : les dépenses de cette subvention sont arrêtées.")


@transaction.atomic
def declare_spending(grant: Grant, *, label: str, amount_cents: int, spent_on: date, action=None, by=None) -> Spending:
    """A spending line on the envelope, declared during the year (an action of the plan or another spending)."""
    _check_open(grant)
    if amount_cents <= 0:
        raise GovernanceError("Le montant de la dépense doit être supérieur à zéro.")
    if spent_on.year != grant.convention.year:
        raise GovernanceError(
            f"La date de la dépense doit tomber en {grant.convention.year}, l'année de la convention."
        )
    if action is not None and not budgeted_actions(grant).filter(pk=action.pk).exists():
        raise GovernanceError("Cette action n'est pas inscrite sur l'enveloppe projets du programme de l'année.")
    kind = Spending.Kind.ACTION if action is not None else Spending.Kind.OTHER
    spending = Spending(
        grant=grant, kind=kind, action=action, label=label, amount_cents=amount_cents, spent_on=spent_on
    )
    spending.declared_by = by if getattr(by, "is_authenticated", False) else None
    return save_as(spending, by)


def chargeable_registrations(grant: Grant):
    """Confirmed registrations asking for travel expenses, by a structure of the territory, in the year, not charged."""
    from apps.programme.models import Registration, Session

    convention = grant.convention
    return (
        Registration.objects.filter(
            status=Registration.Status.CONFIRMED,
            travel_expenses_requested=True,
            structure__territory_id=convention.territory_id,
            session__starts_at__year=convention.year,
            charged_spending__isnull=True,
        )
        .exclude(session__status=Session.Status.CANCELLED)
        .select_related("session", "structure", "user")
        .order_by("session__starts_at", "pk")
    )


@transaction.atomic
def charge_travel(grant: Grant, registration, amount_cents: int, by=None) -> Spending:
    """Charge the travel expenses of one programme registration to the grant (once per registration)."""
    _check_open(grant)
    if amount_cents <= 0:
        raise GovernanceError("Le montant des frais de déplacement doit être supérieur à zéro.")
    if not chargeable_registrations(grant).filter(pk=registration.pk).exists():
        raise GovernanceError(
            "Cette inscription ne peut pas être imputée : confirmée, avec demande de frais, d'une structure du "
            "territoire, dans l'année de la convention, et pas encore imputée."
        )
    session = registration.session
    label = f"Frais de déplacement — {session.title} ({timezone.localtime(session.starts_at):%d/%m/%Y})"
    spending = Spending(
        grant=grant,
        kind=Spending.Kind.TRAVEL,
        registration=registration,
        label=label[:200],
        amount_cents=amount_cents,
        spent_on=timezone.localtime(session.starts_at).date(),
        declared_by=by if getattr(by, "is_authenticated", False) else None,
    )
    try:
        with transaction.atomic():
            return save_as(spending, by)
    except IntegrityError as error:  # two people charging the same registration at once
        raise GovernanceError("Ces frais de déplacement sont déjà imputés.") from error


def withdraw_spending(spending: Spending, by=None) -> None:
    _check_open(spending.grant)
    delete_as(spending, by)


def raise_consumption_alerts(today: date | None = None) -> list[ConsumptionAlert]:
    """On or after the alert date of the year, alert the Region once per grant consumed below the threshold."""
    today = today or timezone.localdate()
    if today < alert_date(today.year):
        return []
    grants = Grant.objects.filter(
        convention__year=today.year, consumption_alert__isnull=True, balance_requested_on__isnull=True
    ).select_related("convention__territory")
    raised = []
    for grant in grants:
        consumption = consumption_of(grant)
        if not consumption.below_threshold:
            continue
        try:
            with transaction.atomic():
                alert = ConsumptionAlert.objects.create(
                    grant=grant,
                    raised_on=today,
                    spent_cents=consumption.spent_cents,
                    envelope_cents=consumption.envelope_cents,
                )
        except IntegrityError:  # raised meanwhile by another run: once only
            continue
        raised.append(alert)
    if raised:
        admins = list(User.objects.region_admins().values_list("email", flat=True))
        notifications.consumption_alerts(raised, admins, alert_percent())
    return raised
