from datetime import date

import pytest
from django.core.exceptions import ValidationError

from apps.directory.opening_hours import (
    NBSP,
    describe_opening_hours,
    hours_on,
    parse_opening_hours,
    validate_opening_hours,
)


def _plain(text: str) -> str:
    return text.replace(NBSP, " ")


def test_weekday_range_with_two_slots_in_plain_french():
    lines = describe_opening_hours("Mo-Fr 09:00-12:30,13:30-17:00")
    assert [_plain(line) for line in lines] == ["Du lundi au vendredi : 9 h – 12 h 30, 13 h 30 – 17 h"]


def test_a_time_never_wraps_inside_itself():
    (line,) = describe_opening_hours("Mo-Fr 09:00-12:30,13:30-17:00")
    assert f"13{NBSP}h{NBSP}30" in line and f"9{NBSP}h –" in line
    # The only ordinary spaces are between days, around the dash and after the commas: a line may break there.
    assert " 13 h" not in line.replace(f"13{NBSP}h{NBSP}30", "")


def test_day_list_and_closed_rule():
    assert [_plain(line) for line in describe_opening_hours("Mo,We,Fr 14:00-17:00; Sa off")] == [
        "Lundi, mercredi et vendredi : 14 h – 17 h",
        "Samedi : fermé",
    ]


HOURS = "Mo-Fr 09:00-12:30,13:30-17:00; We 09:00-12:00; Sa 09:00-12:00; PH off"


@pytest.mark.parametrize(
    ("value", "day", "expected"),
    [
        (HOURS, date(2026, 11, 26), "9 h – 12 h 30, 13 h 30 – 17 h"),  # a Thursday
        (HOURS, date(2026, 11, 25), "9 h – 12 h"),  # Wednesday: the later rule overrides Mo-Fr
        (HOURS, date(2026, 11, 28), "9 h – 12 h"),  # Saturday
        (HOURS, date(2026, 11, 29), "fermé"),  # Sunday: named by no rule
        (HOURS, date(2026, 11, 11), "fermé"),  # Armistice, a Wednesday: PH off
        ("Mo-Fr 09:00-17:00", date(2026, 11, 11), "9 h – 17 h"),  # no PH rule: open on a holiday
        ("Mo-Fr 09:00-17:00; Tu off", date(2026, 11, 24), "fermé"),
        ("", date(2026, 11, 26), None),
        ("n'importe quoi", date(2026, 11, 26), None),
    ],
)
def test_hours_of_one_day(value, day, expected):
    result = hours_on(value, day)
    assert (result if result is None else _plain(result)) == expected


def test_parse_returns_days_and_ranges():
    assert parse_opening_hours("Tu-Th 08:30-12:00") == [(["Tu", "We", "Th"], [("08:30", "12:00")])]


@pytest.mark.parametrize("value", ["Lundi 9h-12h", "Mo-Fr 17:00-09:00", "Fr-Mo 09:00-12:00", "Mo-Fr", "Mo 25:00-26:00"])
def test_invalid_values_raise_a_french_message(value):
    with pytest.raises(ValidationError) as error:
        validate_opening_hours(value)
    assert "Horaires d'ouverture" in str(error.value)


def test_unreadable_value_describes_as_empty():
    assert describe_opening_hours("n'importe quoi") == []
