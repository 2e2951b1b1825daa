"""Deadlines in working days (French public holidays excluded), computed on the server."""

from datetime import date, timedelta

import holidays


def add_working_days(start: date, days: int) -> date:
    french_holidays = holidays.France(years=range(start.year, start.year + 2))
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if current.weekday() < 5 and current not in french_holidays:
            remaining -= 1
    return current
