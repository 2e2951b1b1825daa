"""A coordinator works on their territory only; structures see their own conventions; the Region sees all."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.urls import reverse

from apps.network import services
from apps.network.models import AnnualReport, Convention

pytestmark = pytest.mark.django_db


@pytest.fixture
def report_41(loir_et_cher, coordinator_41):
    report = services.start_report(loir_et_cher, 2026, by=coordinator_41)
    report.summary = "Texte du Loir-et-Cher"
    report.save()
    return report


@pytest.fixture
def urls_41(signed_41, report_41):
    grant = signed_41.grant
    payment = grant.payments.first()
    return {
        "convention": reverse("network:convention", args=[signed_41.pk]),
        "convention_edit": reverse("network:convention_edit", args=[signed_41.pk]),
        "signatories": reverse("network:signatories_add", args=[signed_41.pk]),
        "grant": reverse("network:grant", args=[grant.pk]),
        "balance": reverse("network:balance_request", args=[grant.pk]),
        "payment": reverse("network:payment_paid", args=[payment.pk]),
        "report": reverse("network:report", args=["loir-et-cher", 2026]),
        "report_edit": reverse("network:report_edit", args=["loir-et-cher", 2026]),
        "report_pdf": reverse("network:report_pdf", args=["loir-et-cher", 2026]),
        "plan_action": reverse("network:action_create", args=["loir-et-cher", 2026]),
        "territory": reverse("network:territory", args=["loir-et-cher"]),
        "committee": reverse("network:territory_committee", args=["loir-et-cher"]),
    }


def test_cher_coordinator_cannot_read_or_change_loir_et_cher_pages(client, coordinator_18, urls_41, signed_41):
    client.force_login(coordinator_18)
    for name, url in urls_41.items():
        assert client.get(url).status_code == 403, name
    posts = {
        "convention_edit": {"start_date": "2027-01-01", "end_date": "2027-12-31", "notes": "piraté"},
        "balance": {"requested_on": "2027-01-01", "spent_cents": "1"},
        "report_edit": {"summary": "piraté"},
        "plan_action": {"title": "piraté"},
    }
    for name, data in posts.items():
        assert client.post(urls_41[name], data).status_code == 403, name
    for name in ["report_submit", "report_refresh"]:
        assert client.post(reverse(f"network:{name}", args=["loir-et-cher", 2026])).status_code == 403
    assert client.post(reverse("network:remind", args=[signed_41.pk])).status_code == 403
    signed_41.refresh_from_db()
    assert signed_41.notes == "" and signed_41.grant.balance_requested_on is None
    assert AnnualReport.objects.get().summary == "Texte du Loir-et-Cher"


def test_cher_coordinator_cannot_read_loir_et_cher_through_the_api(client, coordinator_18, signed_41, report_41):
    client.force_login(coordinator_18)
    for kind, pk in [("conventions", signed_41.pk), ("grants", signed_41.grant.pk), ("reports", report_41.pk)]:
        assert client.get(f"/api/v1/network/{kind}/").json()["results"] == [], kind
        assert client.get(f"/api/v1/network/{kind}/{pk}/").status_code == 404, kind
    for method in ("post", "put", "delete"):
        response = getattr(client, method)(f"/api/v1/network/conventions/{signed_41.pk}/")
        assert response.status_code in (403, 404, 405)
    assert Convention.objects.filter(pk=signed_41.pk).exists()


def test_loir_et_cher_coordinator_reads_their_territory_pages_and_api(client, coordinator_41, urls_41, signed_41):
    client.force_login(coordinator_41)
    for name in ["convention", "grant", "report", "report_edit", "plan_action", "territory", "balance"]:
        assert client.get(urls_41[name]).status_code == 200, name
    assert client.get(urls_41["committee"]).status_code == 302
    assert client.get(urls_41["payment"]).status_code == 403  # payments are recorded by the Region
    assert client.get(urls_41["signatories"]).status_code == 403  # the convention is no longer a draft
    data = client.get(f"/api/v1/network/conventions/{signed_41.pk}/").json()
    assert data["territory"] == "loir-et-cher" and data["status"] == "signed"
    assert {s["structure"] for s in data["signatories"]} == {"ml-blaisois", "cio-blois"}
    grant = client.get(f"/api/v1/network/grants/{signed_41.grant.pk}/").json()
    assert grant["lump_sum_cents"] == 1_001 and grant["remaining_cents"] == 2_002
    assert sorted(p["amount_cents"] for p in grant["payments"]) == [500, 1_001]
    assert [r["year"] for r in client.get("/api/v1/network/reports/").json()["results"]] == [2026]


def test_a_structure_sees_its_own_conventions_only(client, cio_member, signed_41, cher, ml_bourges, region_admin):
    other = services.create_convention(cher, 2027, by=region_admin)
    services.add_signatories(other, [ml_bourges], "member")
    client.force_login(cio_member)
    assert client.get(reverse("network:convention", args=[signed_41.pk])).status_code == 200
    assert client.get(reverse("network:convention", args=[other.pk])).status_code == 403
    assert [c["id"] for c in client.get("/api/v1/network/conventions/").json()["results"]] == [signed_41.pk]
    assert client.get(reverse("network:grant", args=[signed_41.grant.pk])).status_code == 403  # not the beneficiary
    assert client.get("/api/v1/network/grants/").json()["results"] == []
    assert client.get(reverse("network:report", args=["loir-et-cher", 2026])).status_code == 403
    assert client.get(reverse("network:convention_edit", args=[signed_41.pk])).status_code == 403


def test_region_admin_sees_all_and_anonymous_nothing(client, region_admin, signed_41, urls_41, cher):
    for url in urls_41.values():
        response = client.get(url)
        assert response.status_code == 302 and "/compte/connexion/" in response["Location"]
    assert client.get("/api/v1/network/conventions/").status_code == 403
    client.force_login(region_admin)
    for name, url in urls_41.items():
        assert client.get(url).status_code in (200, 302), name
    assert client.get(reverse("network:territory", args=["cher"])).status_code == 200
    assert client.get("/api/v1/network/conventions/").json()["count"] == 1


def test_coordinator_may_prepare_a_draft_but_not_send_it(client, coordinator_41, loir_et_cher, cio_blois):
    draft = services.create_convention(loir_et_cher, 2028)
    client.force_login(coordinator_41)
    response = client.post(
        reverse("network:signatories_add", args=[draft.pk]), {"structures": [cio_blois.pk], "role": "member"}
    )
    assert response.status_code == 302 and draft.signatories.count() == 1
    assert client.post(reverse("network:convention_send", args=[draft.pk])).status_code == 403
    assert client.get(reverse("network:convention_create")).status_code == 403


@pytest.mark.parametrize(
    "today, in_force",
    [
        (date(2025, 8, 31), []),  # 2025-2026 has not started yet
        (date(2025, 9, 1), [2025]),
        (date(2026, 8, 31), [2025]),
        (date(2026, 9, 1), []),  # 2025-2026 ended: no one in force until the plenary designates again
        (date(2026, 9, 30), []),
    ],
)
def test_a_designation_ends_with_its_school_year(loir_et_cher, today, in_force):
    from apps.network.selectors import active_coordinators, coordinated_territory_ids

    from .factories import CoordinatorFactory

    coordinator = CoordinatorFactory(territory=loir_et_cher, school_year=2025)
    assert [c.school_year for c in active_coordinators(today)] == in_force
    with time_machine.travel(datetime(today.year, today.month, today.day, 12, tzinfo=UTC), tick=False):
        assert coordinated_territory_ids(coordinator.user) == ({loir_et_cher.pk} if in_force else set())


def test_the_next_designation_takes_over_at_the_start_of_its_school_year(loir_et_cher):
    from apps.network.selectors import active_coordinators

    from .factories import CoordinatorFactory

    CoordinatorFactory(territory=loir_et_cher, school_year=2025)
    new = CoordinatorFactory(territory=loir_et_cher, school_year=2026)
    assert list(active_coordinators(date(2026, 9, 30))) == [new]
