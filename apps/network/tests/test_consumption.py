"""Consumption during the year: spending, travel expenses of the programme, the alert below 50 %, the table."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse

from apps.network import consumption, services
from apps.network.models import ConsumptionAlert, PlannedAction
from apps.network.services import GovernanceError
from apps.programme.models import Registration, Session
from tests.factories import MembershipFactory, UserFactory

from .factories import GrantFactory

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def grant_2026(loir_et_cher, ml_blaisois, cio_blois, region_admin):
    """The 2026 convention of Loir-et-Cher with an envelope of 10 000 €."""
    convention = services.create_convention(loir_et_cher, 2026, by=region_admin)
    services.add_signatories(convention, [ml_blaisois, cio_blois], "member", by=region_admin)
    grant = GrantFactory.build(convention=convention, beneficiary=ml_blaisois, envelope_cents=1_000_000)
    return services.save_grant(grant, by=region_admin)


@pytest.fixture
def forum_action(loir_et_cher, grant_2026):
    plan = services.action_plan(loir_et_cher, 2026)
    return PlannedAction.objects.create(
        plan=plan,
        title="Forum d'interconnaissance",
        aim="Se connaître",
        public="Professionnels",
        start_date=date(2026, 4, 2),
        budget_cents=400_000,
    )


def _spend(grant, cents, **kwargs):
    return consumption.declare_spending(
        grant, label="Location de salle", amount_cents=cents, spent_on=date(2026, 5, 4), **kwargs
    )


def test_budgeted_and_declared_against_the_envelope(grant_2026, forum_action, coordinator_41):
    _spend(grant_2026, 250_000, action=forum_action, by=coordinator_41)
    _spend(grant_2026, 50_000, by=coordinator_41)
    c = consumption.consumption_of(grant_2026)
    assert (c.envelope_cents, c.budgeted_cents, c.spent_cents, c.percent) == (1_000_000, 400_000, 300_000, 30)
    assert c.below_threshold


@pytest.mark.parametrize(
    "spent, today, raised",
    [
        (499_999, date(2026, 9, 29), False),  # before the alert date: nothing yet
        (499_999, date(2026, 9, 30), True),  # on the date, below 50 %
        (500_000, date(2026, 9, 30), False),  # exactly 50 %: not below
        (0, date(2026, 11, 26), True),  # after the date, nothing spent
    ],
)
def test_alert_rule_table(grant_2026, spent, today, raised):
    if spent:
        _spend(grant_2026, spent)
    assert bool(consumption.raise_consumption_alerts(today)) is raised


def test_consumption_below_50_percent_raises_the_alert_once(grant_2026, region_admin):
    _spend(grant_2026, 120_000)
    first = consumption.raise_consumption_alerts(date(2026, 9, 30))
    assert [a.grant for a in first] == [grant_2026]
    assert [m.to for m in mail.outbox] == [[region_admin.email]]
    assert "moins de 50 %" in mail.outbox[0].subject and "Loir-et-Cher" in mail.outbox[0].body
    assert consumption.raise_consumption_alerts(date(2026, 10, 1)) == []
    assert consumption.raise_consumption_alerts(date(2026, 11, 26)) == []
    assert ConsumptionAlert.objects.count() == 1 and len(mail.outbox) == 1
    alert = ConsumptionAlert.objects.get()
    assert (alert.raised_on, alert.spent_cents, alert.envelope_cents) == (date(2026, 9, 30), 120_000, 1_000_000)


def test_the_alert_date_is_configured(grant_2026, settings):
    settings.SPRO_CONSUMPTION_ALERT_DATE = "06-30"
    assert consumption.raise_consumption_alerts(date(2026, 7, 1))


def test_declared_spending_rules(grant_2026, forum_action, cher):
    with pytest.raises(GovernanceError, match="2026"):
        consumption.declare_spending(grant_2026, label="x", amount_cents=10, spent_on=date(2025, 12, 31))
    other = services.action_plan(cher, 2026).actions.create(
        title="Autre", aim="a", public="p", start_date=date(2026, 3, 2)
    )
    with pytest.raises(GovernanceError, match="enveloppe"):
        _spend(grant_2026, 10, action=other)
    grant_2026.balance_requested_on = date(2026, 11, 2)
    grant_2026.save()
    with pytest.raises(GovernanceError, match="solde"):
        _spend(grant_2026, 10)


@pytest.fixture
def travel_registration(grant_2026, loir_et_cher, cio_blois):
    start = datetime(2026, 6, 4, 9, 0, tzinfo=PARIS)
    session = Session.objects.create(
        kind="forum",
        title="Forum SPRO de Blois",
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        capacity=30,
        territory=loir_et_cher,
        travel_expenses=True,
    )
    user = UserFactory(email="conseillere@cio-blois.test")
    MembershipFactory(user=user, structure=cio_blois)
    return Registration.objects.create(
        session=session, user=user, structure=cio_blois, status="confirmed", travel_expenses_requested=True
    )


def test_travel_expenses_of_a_registration_are_charged_once(grant_2026, travel_registration, coordinator_41):
    assert list(consumption.chargeable_registrations(grant_2026)) == [travel_registration]
    spending = consumption.charge_travel(grant_2026, travel_registration, 3_450, by=coordinator_41)
    assert spending.kind == "travel" and "Forum SPRO de Blois" in spending.label
    assert consumption.consumption_of(grant_2026).travel_cents == 3_450
    with pytest.raises(GovernanceError, match="ne peut pas être imputée"):
        consumption.charge_travel(grant_2026, travel_registration, 1_000)


def test_coordinator_declares_through_the_page_and_region_reads_the_table(
    client, grant_2026, forum_action, travel_registration, coordinator_41, region_admin, cio_member
):
    client.force_login(coordinator_41)
    url = reverse("network:grant_consumption", args=[grant_2026.pk])
    data = {
        "depense-action": forum_action.pk,
        "depense-label": "Traiteur",
        "depense-amount_cents": "1 200,50",
        "depense-spent_on": "2026-04-02",
    }
    assert client.post(url, data).status_code == 302
    assert (
        client.post(url, {"frais-registration": travel_registration.pk, "frais-amount_cents": "34,50"}).status_code
        == 302
    )
    page = client.get(url).content.decode()
    assert "Traiteur" in page and "Forum SPRO de Blois" in page
    assert client.get(reverse("network:consumption")).status_code == 403  # the table is the Region's
    client.force_login(cio_member)
    assert client.post(url, data).status_code in (403, 404)
    client.force_login(region_admin)
    table = client.get(reverse("network:consumption") + "?annee=2026").content.decode()
    assert "Loir-et-Cher" in table and "1\u202f235,00" in table
    spending = grant_2026.spendings.get(kind="other") if grant_2026.spendings.filter(kind="other") else None
    assert spending is None
    withdraw = reverse("network:spending_withdraw", args=[grant_2026.spendings.get(kind="action").pk])
    assert "Retirer la dépense" in client.get(withdraw).content.decode()
    assert client.post(withdraw).status_code == 302 and grant_2026.spendings.count() == 1
