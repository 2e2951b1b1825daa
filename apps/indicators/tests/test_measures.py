"""Each indicator on the hand-built data set of conftest.py; every expected value is counted by hand there."""

from datetime import date

import pytest

from apps.indicators.filters import IndicatorFilter, Period
from apps.indicators.measures import capture, interconnaissance, public_side, second_door
from apps.indicators.measures.base import Median, Ratio, median_of

from .conftest import TODAY

pytestmark = pytest.mark.django_db


# --- Capture (CAP-1, CAP-2) -----------------------------------------------------------------------------------


def test_receptions_in_the_year_leave_out_the_other_years(region_2025, t1_2025, t2_2025, a_2025):
    assert capture.receptions(region_2025) == 8  # r1–r8, not r9 (2024)
    assert capture.receptions(t1_2025) == 7  # A and B
    assert capture.receptions(t2_2025) == 1  # C
    assert capture.receptions(a_2025) == 5


def test_receptions_by_person_dimension(region_2025):
    assert capture.receptions_by(region_2025, "channel") == {"on_site": 4, "phone": 2, "email": 1, "event": 1}
    assert capture.receptions_by(region_2025, "age_band") == {
        "16_25": 3,
        "26_44": 2,
        "45_plus": 1,
        "under_16": 1,
        "unknown": 1,
    }
    assert capture.receptions_by(region_2025, "sex") == {"f": 4, "m": 3, "": 1}
    assert capture.receptions_by(region_2025, "status") == {"s1": 4, "s2": 3, "": 1}
    assert capture.receptions_by(region_2025, "theme") == {"t1": 5, "t2": 3}
    assert capture.receptions_by(region_2025, "residence") == {"t1": 5, "t2": 2, "": 1}
    assert capture.receptions_by(region_2025, "cep_level") == {"1": 8}


def test_receptions_by_month_structure_network_territory(data, region_2025):
    months = capture.receptions_by(region_2025, "month")
    assert len(months) == 12
    assert (months[date(2025, 1, 1)], months[date(2025, 2, 1)], months[date(2025, 3, 1)]) == (3, 3, 2)
    assert sum(months.values()) == 8
    assert capture.receptions_by(region_2025, "structure") == {data.a.pk: 5, data.b.pk: 2, data.c.pk: 1}
    assert capture.receptions_by(region_2025, "network") == {data.n1.pk: 6, data.n2.pk: 2}
    assert capture.receptions_by(region_2025, "territory") == {data.t1.pk: 7, data.t2.pk: 1}


def test_reach_counts_residents_received_anywhere_per_thousand_inhabitants(data, region_2025, t2_2025, a_2025):
    reach = capture.reach(region_2025)
    assert (reach[data.t1.pk].receptions, reach[data.t1.pk].population) == (5, 4000)
    assert reach[data.t1.pk].per_thousand == pytest.approx(1.25)
    assert (reach[data.t2.pk].receptions, reach[data.t2.pk].population) == (2, 2000)
    # T2's residents: r8 at C, and r5 received by A in T1.
    only_t2 = capture.reach(t2_2025)
    assert list(only_t2) == [data.t2.pk]
    assert only_t2[data.t2.pk].receptions == 2
    assert only_t2[data.t2.pk].per_thousand == pytest.approx(1.0)
    assert capture.reach(a_2025) == {}


# --- 1st door (PP-1 to PP-4) ----------------------------------------------------------------------------------


def test_answer_shares(region_2025, a_2025):
    shares = capture.answer_shares(region_2025)
    assert shares["on_spot"] == Ratio(3, 8)  # r1, r3, r7
    assert shares["referred"] == Ratio(3, 8)  # r2, r5, r6
    assert shares["appointment"] == Ratio(1, 8)  # r4
    assert shares["unknown"] == Ratio(1, 8)  # r8
    own = capture.answer_shares(a_2025)
    assert (own["on_spot"], own["referred"]) == (Ratio(2, 5), Ratio(2, 5))


def test_first_door_per_network_and_active_structures(data, region_2025, t1_2025):
    rows = capture.first_door_by(region_2025, "network")
    assert (rows[data.n1.pk].receptions, rows[data.n1.pk].on_spot, rows[data.n1.pk].referred) == (6, 2, 2)
    assert (rows[data.n2.pk].receptions, rows[data.n2.pk].on_spot, rows[data.n2.pk].referred) == (2, 1, 1)
    assert rows[data.n1.pk].referred_share == Ratio(2, 6)
    assert capture.active_first_doors(region_2025) == Ratio(3, 4)  # D has no reception
    assert capture.active_first_doors(t1_2025) == Ratio(2, 3)


# --- 2nd door (DP-1 to DP-10) ---------------------------------------------------------------------------------


def test_referral_steps_received_side(region_2025):
    assert second_door.referral_steps(region_2025, "received") == {
        "total": 6,  # f1–f6
        "received": 4,  # f1, f2, f5 read; f3 accepted without being marked read
        "accepted": 2,  # f1, f3
        "declined": 1,  # f2
        "contacted": 2,  # f1, f3
        "appointment_held": 1,  # f1
        "no_show": 1,  # f3
        "closed": 1,  # f1
        "cancelled": 1,  # f6
    }


def test_referral_steps_sent_side_has_no_call_back(region_2025, t1_2025, a_2025):
    assert second_door.referral_steps(region_2025, "sent")["total"] == 5
    assert second_door.referral_steps(a_2025, "sent")["total"] == 4  # f1, f2, f4, f6
    assert second_door.referral_steps(a_2025, "received")["total"] == 1  # f3
    assert second_door.referral_steps(t1_2025, "received")["total"] == 5  # all but f4 (to C)


def test_referral_rates(region_2025):
    rates = second_door.referral_rates(region_2025, "received")
    assert rates["acceptance"] == Ratio(2, 6)
    assert rates["decline"] == Ratio(1, 6)
    assert rates["contact"] == Ratio(2, 2)
    assert rates["appointment"] == Ratio(1, 2)
    assert rates["no_show"] == Ratio(1, 2)
    assert rates["closed_loop"] == Ratio(2, 5)  # f1 closed, f2 declined; f6 cancelled is left out


def test_decline_reasons_and_outcomes(region_2025):
    assert second_door.decline_reasons(region_2025, "received") == {"no_capacity": 1}
    assert second_door.outcomes(region_2025, "received") == {"helped": 1}
    assert second_door.origins(region_2025, "received") == {"reception": 5, "callback": 1}


def test_median_delays_in_calendar_days(region_2025):
    delays = second_door.median_delays(region_2025, "received")
    assert delays["delay_ack"] == Median(1.0, 4)  # f3 0, f1 1, f5 1, f2 2
    assert delays["delay_answer"] == Median(2.0, 3)  # f3 0, f1 2, f2 3
    assert delays["delay_contact"] == Median(1.5, 2)  # f3 1, f1 2
    assert delays["delay_appointment"] == Median(10.0, 1)  # f1


def test_median_delay_per_territory(data, region_2025):
    answer = second_door.median_delay_by(region_2025, "delay_answer", "territory")
    assert answer == {data.t1.pk: Median(2.0, 3)}


def test_overdue_today_whatever_the_period(data, region_2025, t1_2025):
    assert second_door.overdue(region_2025, "received") == 2  # f4 (sent), f5 (read); deadlines passed
    assert second_door.overdue(region_2025, "received", per="territory") == {data.t1.pk: 1, data.t2.pk: 1}
    assert second_door.overdue(t1_2025, "received") == 1
    before_deadline = IndicatorFilter(Period.year(2025), today=date(2025, 2, 16))
    assert second_door.overdue(before_deadline, "received") == 0  # f4 due 02-17, f5 not sent yet


def test_referrals_by_month_and_territory(data, region_2025):
    months = second_door.referrals_by(region_2025, "month", side="received")
    assert (months[date(2025, 1, 1)], months[date(2025, 2, 1)], months[date(2025, 3, 1)]) == (2, 2, 2)
    assert second_door.referrals_by(region_2025, "territory", side="received") == {data.t1.pk: 5, data.t2.pk: 1}
    by_structure = second_door.steps_by(region_2025, "structure", "received")
    assert by_structure[data.b.pk]["total"] == 4  # f1, f2, f5, f6
    assert by_structure[data.b.pk]["accepted"] == 1
    assert by_structure[data.b.pk]["closed_loop"] == Ratio(2, 3)


def test_network_flows(data, region_2025, t2_2025):
    assert second_door.network_flows(region_2025) == {
        (data.n1.pk, data.n2.pk): 3,  # f1, f2, f6
        (data.n2.pk, data.n1.pk): 1,  # f3
        (data.n1.pk, data.n1.pk): 1,  # f4, A → C
    }
    assert second_door.network_flows(t2_2025) == {(data.n1.pk, data.n1.pk): 1}


# --- Interconnaissance (IC-1 to IC-4) -------------------------------------------------------------------------


def test_structure_pairs(data, region_2025, t1_2025, t2_2025, a_2025):
    assert interconnaissance.exchange_pairs(region_2025) == 2  # {A, B}, {A, C}
    assert interconnaissance.exchange_pairs(t1_2025) == 1  # {A, B}
    assert interconnaissance.exchange_pairs(t2_2025) == 0  # C's only partner is in T1
    assert interconnaissance.exchange_pairs(a_2025) == 2  # A's partners: B and C
    assert interconnaissance.exchange_pairs_by_territory(region_2025) == {data.t1.pk: 1}
    assert interconnaissance.possible_pairs(t1_2025) == 3  # A, B, D


def test_structures_active_in_referrals(data, region_2025, t1_2025):
    assert interconnaissance.active_in_referrals(region_2025) == Ratio(3, 4)
    assert interconnaissance.active_in_referrals(t1_2025) == Ratio(2, 3)
    assert interconnaissance.active_in_referrals(region_2025, per="territory") == {
        data.t1.pk: Ratio(2, 3),
        data.t2.pk: Ratio(1, 1),
    }


def test_directory_freshness(data, region_2025, t1_2025):
    assert interconnaissance.directory_freshness(region_2025) == Ratio(3, 5)  # the inactive service is left out
    assert interconnaissance.directory_freshness(t1_2025) == Ratio(2, 4)
    assert interconnaissance.directory_freshness(region_2025, per="territory") == {
        data.t1.pk: Ratio(2, 4),
        data.t2.pk: Ratio(1, 1),
    }


def test_session_attendance_comes_from_the_programme_when_it_provides_it(monkeypatch, data, t1_2025):
    from types import SimpleNamespace

    from apps.indicators import sources

    def figures(year, territory=None):
        assert (year, territory) == (2025, data.t1)
        return SimpleNamespace(sessions=2, professionals=17, structures=5, structure_pairs=9)

    monkeypatch.setattr(sources.selectors, "interconnaissance_figures", figures)
    attendance = interconnaissance.session_attendance(t1_2025)
    assert (attendance.year, attendance.sessions, attendance.professionals, attendance.structures) == (2025, 2, 17, 5)


def test_session_attendance_counts_no_session_when_the_programme_held_none(t1_2025, a_2025):
    attendance = interconnaissance.session_attendance(t1_2025)
    assert (attendance.sessions, attendance.professionals, attendance.structures) == (0, 0, 0)
    assert interconnaissance.session_attendance(a_2025) is None  # a structure's dashboard has no IC-3


# --- Public side (PUB-1, PUB-2) -------------------------------------------------------------------------------


def test_assistant_searches(data, region_2025, t1_2025, a_2025):
    assert public_side.assistant_searches(region_2025) == 9  # not the 10 of 2024
    assert public_side.assistant_searches(region_2025, by="theme") == {"t1": 7, "t2": 2}
    assert public_side.assistant_searches(region_2025, by="territory") == {data.t1.pk: 5, data.t2.pk: 4}
    assert public_side.assistant_searches(t1_2025) == 5
    assert public_side.assistant_searches(a_2025) == 0


def test_callbacks(data, region_2025, t2_2025):
    assert public_side.callbacks(region_2025) == 1
    assert public_side.callbacks(region_2025, by="theme") == {"t1": 1}
    assert public_side.callbacks(region_2025, by="territory") == {data.t1.pk: 1}
    assert public_side.callbacks(t2_2025) == 0


# --- Helpers --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("histogram", "expected"),
    [({}, Median(None, 0)), ({3: 1}, Median(3.0, 1)), ({0: 1, 2: 1}, Median(1.0, 2)), ({1: 2, 9: 1}, Median(1.0, 3))],
)
def test_median_of_a_histogram(histogram, expected):
    assert median_of(histogram) == expected


def test_a_month_range_period():
    period = Period(date(2025, 11, 1), date(2026, 2, 1))
    assert period.months == [date(2025, 11, 1), date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)]
    assert period.last_day == date(2026, 2, 28)
    assert period.label == "de novembre 2025 à février 2026"
    assert Period.year(2025).label == "année 2025"
    assert Period.last_four_quarters(TODAY) == Period(date(2024, 7, 1), date(2025, 6, 1))
    assert Period.last_four_quarters(date(2026, 11, 26)) == Period.year(2026)
    assert Period(date(2025, 4, 1), date(2025, 6, 1)).label == "2e trimestre 2025"
    assert Period(date(2025, 1, 1), date(2025, 3, 1)).label == "1er trimestre 2025"


def test_annual_report_figures_of_a_territory(data):
    from apps.indicators.reports import territory_year_figures

    figures = {row["key"]: row["value"] for row in territory_year_figures(data.t1, 2025)}
    assert figures["receptions"] == 7
    assert figures["receptions_on_spot"] == 3  # r1, r3, r7
    assert figures["referrals_sent"] == 5  # f1, f2, f3, f4, f6
    assert figures["referrals_received"] == 5  # f1, f2, f3, f5, f6
    assert figures["referrals_accepted"] == 2
    assert figures["structure_pairs"] == 1
    assert figures["assistant_searches"] == 5
