"""The monthly tables: rebuilt whole or from a month, idempotent, built on first read; the assistant counter."""

from datetime import date

import pytest
from django.core.management import call_command

from apps.indicators.filters import IndicatorFilter
from apps.indicators.measures import capture, second_door
from apps.indicators.models import AssistantSearchLog, MonthlyStat, RefreshRun
from apps.indicators.refresh import answer_kind, refresh_indicators
from apps.indicators.services import log_assistant_search
from apps.orientation.models import Reception
from tests.factories import UserFactory

from .conftest import TODAY, YEAR

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("actions", "kind"),
    [
        (["information"], "on_spot"),
        (["documentation", "information"], "on_spot"),
        (["information", "appointment"], "appointment"),
        (["information", "appointment", "referred"], "referred"),
        ([], "unknown"),
    ],
)
def test_answer_kind(actions, kind):
    assert answer_kind(actions) == kind


def test_rebuilding_twice_gives_the_same_figures(data, region_2025):
    rows = MonthlyStat.objects.count()
    refresh_indicators()
    assert MonthlyStat.objects.count() == rows
    fresh = IndicatorFilter(YEAR, today=TODAY)
    assert capture.receptions(fresh) == 8
    assert second_door.referral_steps(fresh, "received")["total"] == 6


def test_a_rebuild_from_a_month_keeps_the_earlier_months(data):
    Reception.objects.create(structure=data.a, date=date(2025, 3, 2), channel="phone", actions=["information"])
    Reception.objects.create(structure=data.a, date=date(2025, 1, 2), channel="phone", actions=["information"])
    call_command("refresh_indicators", "--depuis", "2025-03", stdout=None)
    f = IndicatorFilter(YEAR, today=TODAY)
    months = capture.receptions_by(f, "month")
    assert months[date(2025, 3, 1)] == 3  # r5, r7 and the new one
    assert months[date(2025, 1, 1)] == 3  # January was not rebuilt: the new January reception is not counted yet
    assert RefreshRun.objects.latest().since == date(2025, 3, 1)


def test_a_dashboard_never_rebuilds_the_tables_even_when_none_were_built(data, client):
    MonthlyStat.objects.all().delete()
    RefreshRun.objects.all().delete()
    client.force_login(UserFactory(email="region@test.spro.example", role="region_admin"))
    response = client.get("/indicateurs/region/")
    assert response.status_code == 200
    assert "Chiffres en cours de calcul" in response.content.decode()
    assert RefreshRun.objects.count() == 0 and MonthlyStat.objects.count() == 0


def test_assistant_searches_are_counted_per_day_theme_and_territory(data):
    AssistantSearchLog.objects.all().delete()
    log_assistant_search("t1", data.c1)
    log_assistant_search("t1", data.c2)
    log_assistant_search("t2", data.c3)
    log_assistant_search("t2", None)
    rows = {(r.theme_code, r.territory_id): r.count for r in AssistantSearchLog.objects.all()}
    assert rows == {("t1", data.t1.pk): 2, ("t2", data.t2.pk): 1, ("t2", None): 1}
    assert {field.name for field in AssistantSearchLog._meta.get_fields()} == {
        "id",
        "date",
        "theme_code",
        "territory",
        "count",
    }


def test_twelve_month_rows_give_the_same_figures_as_the_monthly_rows(data):
    from apps.indicators.measures import interconnaissance

    from .conftest import YEAR

    windowed = IndicatorFilter(YEAR, today=TODAY)
    monthly = IndicatorFilter(YEAR, today=TODAY)
    monthly.cache["windows"] = set()  # as if the refresh had not precomputed the year
    assert "2025-01" in RefreshRun.objects.latest().windows

    def figures(f):
        return (
            capture.receptions_by(f, "channel"),
            capture.receptions_by(f, "month"),
            capture.reach(f),
            second_door.referral_steps(f, "received"),
            second_door.referrals_by(f, "month", side="sent"),
            second_door.median_delays(f, "received"),
            interconnaissance.exchange_pairs(f),
        )

    assert figures(windowed) == figures(monthly)
    assert capture.receptions_by(windowed, "month")[date(2025, 2, 1)] == 3
