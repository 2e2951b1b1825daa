import pytest
from django.core.exceptions import ValidationError

from apps.directory.opening_hours import describe_opening_hours, parse_opening_hours, validate_opening_hours


def test_weekday_range_with_two_slots_in_plain_french():
    assert describe_opening_hours("Mo-Fr 09:00-12:30,13:30-17:00") == [
        "Du lundi au vendredi : 9 h – 12 h 30, 13 h 30 – 17 h"
    ]


def test_day_list_and_closed_rule():
    assert describe_opening_hours("Mo,We,Fr 14:00-17:00; Sa off") == [
        "Lundi, mercredi et vendredi : 14 h – 17 h",
        "Samedi : fermé",
    ]


def test_parse_returns_days_and_ranges():
    assert parse_opening_hours("Tu-Th 08:30-12:00") == [(["Tu", "We", "Th"], [("08:30", "12:00")])]


@pytest.mark.parametrize("value", ["Lundi 9h-12h", "Mo-Fr 17:00-09:00", "Fr-Mo 09:00-12:00", "Mo-Fr", "Mo 25:00-26:00"])
def test_invalid_values_raise_a_french_message(value):
    with pytest.raises(ValidationError) as error:
        validate_opening_hours(value)
    assert "Horaires d'ouverture" in str(error.value)


def test_unreadable_value_describes_as_empty():
    assert describe_opening_hours("n'importe quoi") == []
