"""Bounds on what a request may ask for (review L1, M7, M8): one table per rule."""

from datetime import date, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from apps.core.bounds import check_plausible_date, page_number, small_int, year_in_range

TODAY = datetime(2026, 12, 7, 12)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("12", 12),
        (" 7 ", 7),
        ("0", 0),
        ("", None),
        (None, None),
        ("²", None),
        ("-1", None),
        ("1e3", None),
        ("99999999999999999999", None),
        ("123456789", 123456789),
    ],
)
def test_small_int(raw, expected):
    assert small_int(raw) == expected


@pytest.mark.parametrize(
    "raw, expected", [("1", 1), ("3", 3), ("0", 1), ("", 1), ("abc", 1), ("99999999999999999999", 1), ("999999", 5001)]
)
def test_page_number(raw, expected):
    assert page_number(raw, page_size=20) == expected


@pytest.mark.parametrize(
    "raw, expected", [("2014", 2014), ("2026", 2026), ("2031", 2031), ("2032", None), ("2013", None), ("²", None)]
)
def test_year_in_range(raw, expected):
    assert year_in_range(raw) == expected


@pytest.mark.parametrize(
    "value, allow_future, error",
    [
        (date(2014, 1, 1), True, None),
        (date(2013, 12, 31), True, "Date : la date ne peut pas précéder l'année 2014."),
        (date(1, 1, 1), True, "Date : la date ne peut pas précéder l'année 2014."),
        (date(2031, 12, 31), True, None),
        (date(2032, 1, 1), True, "Date : la date ne peut pas dépasser l'année 2031."),
        (date(9999, 12, 31), True, "Date : la date ne peut pas dépasser l'année 2031."),
        (date(2026, 12, 7), False, None),
        (date(2026, 12, 8), False, "Date : la date ne peut pas dépasser aujourd'hui."),
        (datetime(2020, 5, 1, 10), True, None),
        (None, True, None),
    ],
)
def test_check_plausible_date(value, allow_future, error):
    if error is None:
        check_plausible_date(value, "Date", allow_future)
    else:
        with pytest.raises(ValidationError) as raised:
            check_plausible_date(value, "Date", allow_future)
        assert raised.value.messages == [error]
