"""Bounds on what a request may ask for: pages, offsets, years, periods and dates.

One place for the limits, so that no crafted number reaches the database (SQLite and PostgreSQL refuse an
OFFSET beyond 64 bits: a 500) or a loop (a period of 10 000 years), and no implausible date is stored
(a reception dated 0001-01-01 broke the public open-data CSV).
"""

import re
from datetime import date, datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

FIRST_YEAR = 2014  # the SPRO was created by the law of 5 March 2014: no activity can be dated before
FUTURE_YEARS = 5  # meetings and sessions are planned ahead, never this far
MAX_OFFSET = 100_000  # far beyond any list of the platform
MAX_PERIOD_MONTHS = 36  # the longest custom period of a dashboard
_NUMBER = re.compile(r"[0-9]{1,9}")  # ASCII digits only: "²".isdigit() is True but int("²") fails


def small_int(raw) -> int | None:
    """A non-negative integer typed in a URL, or None when it is not one (empty, "²", "1e3", 20 digits)."""
    raw = (raw or "").strip()
    return int(raw) if _NUMBER.fullmatch(raw) else None


def page_number(raw, page_size: int) -> int:
    """The page asked for, from 1 to the last page MAX_OFFSET allows; anything else is page 1."""
    number = small_int(raw) or 1
    return min(number, MAX_OFFSET // page_size + 1)


def year_in_range(raw) -> int | None:
    """A year from FIRST_YEAR to FUTURE_YEARS ahead, or None."""
    year = small_int(raw)
    return year if year is not None and FIRST_YEAR <= year <= last_year() else None


def last_year(today: date | None = None) -> int:
    return (today or timezone.localdate()).year + FUTURE_YEARS


def date_problem(value: date | None, allow_future: bool = True) -> str | None:
    """Why the date is implausible (before FIRST_YEAR, after FUTURE_YEARS ahead or today), or None."""
    if value is None:
        return None
    if isinstance(value, datetime):
        value = value.date()
    today = timezone.localdate()
    latest = date(last_year(today), 12, 31) if allow_future else today
    if value.year < FIRST_YEAR:
        return f"la date ne peut pas précéder l'année {FIRST_YEAR}."
    if value > latest:
        return "la date ne peut pas dépasser " + (f"l'année {latest.year}." if allow_future else "aujourd'hui.")
    return None


def check_plausible_date(value: date | None, label: str, allow_future: bool = True) -> None:
    """ValidationError naming the field when date_problem() finds one."""
    problem = date_problem(value, allow_future)
    if problem:
        raise ValidationError(f"{label} : {problem}")


class PlausibleDateField(forms.DateField):
    """A date from FIRST_YEAR to FUTURE_YEARS ahead, with an error message naming the field."""

    def validate(self, value):
        super().validate(value)
        check_plausible_date(value, str(self.label or "Date"))
