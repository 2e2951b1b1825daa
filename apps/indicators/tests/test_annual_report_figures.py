"""The annual activity report of a territory reads its figures from the indicators: one source, same values."""

import pytest

from apps.indicators.dashboards import build_dashboard
from apps.indicators.filters import IndicatorFilter, Period
from apps.indicators.reports import territory_year_figures
from apps.network import services as network_services

pytestmark = pytest.mark.django_db


def _unmasked(dashboard) -> dict[str, list]:
    values: dict[str, list] = {}
    for section in dashboard.sections:
        for figure in section.figures:
            values.setdefault(figure.code, []).append(getattr(figure.value, "part", figure.value))
    return values


def test_the_annual_reports_figures_equal_the_indicators_for_the_same_territory_and_year(data):
    report = network_services.start_report(data.t1, 2025)
    rows = {row["key"]: row["value"] for row in report.figures}
    indicators = territory_year_figures(data.t1, 2025)
    assert indicators and all(rows[row["key"]] == row["value"] for row in indicators)
    dashboard = _unmasked(build_dashboard(IndicatorFilter(Period.year(2025), territory=data.t1), masked=False))
    assert rows["receptions"] == dashboard["CAP-1"][0] > 0
    assert [rows["referrals_sent"], rows["referrals_received"]] == dashboard["DP-1"]
    assert rows["structure_pairs"] == dashboard["IC-1"][0]
    other = {row["key"]: row["value"] for row in network_services.start_report(data.t2, 2025).figures}
    assert other["receptions"] != rows["receptions"]  # the territory is the report's, not the region's
