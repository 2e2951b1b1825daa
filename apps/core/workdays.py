"""Working days in France: weekends and French public holidays (the pinned `holidays` package) excluded.

One module for every rule about days: the referral deadlines (apps/orientation) and the dates the demo
generators give to sessions, meetings, committees, deadlines and public events (`event_day`).
"""

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _french_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.France(years=year).keys())


def is_working_day(day: date) -> bool:
    """Monday to Friday, and not a French public holiday (1 January, Easter Monday, 1 May, 14 July…)."""
    return day.weekday() < 5 and day not in _french_holidays(day.year)


def is_christmas_week(day: date) -> bool:
    """24 to 31 December: no demo event is planned in these days, when structures close or run skeleton crews."""
    return day.month == 12 and day.day >= 24


def add_working_days(start: date, days: int) -> date:
    """`days` working days after `start` (a deadline: 5 working days for a referral)."""
    current, remaining = start, days
    while remaining > 0:
        current += timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def is_event_day(day: date) -> bool:
    """A day on which a session, meeting, committee, deadline or public event may be dated."""
    return is_working_day(day) and not is_christmas_week(day)


def event_day(day: date, backwards: bool = False) -> date:
    """`day` itself if it is an event day, otherwise the next one (the previous one with `backwards`)."""
    step = timedelta(days=-1 if backwards else 1)
    while not is_event_day(day):
        day += step
    return day
