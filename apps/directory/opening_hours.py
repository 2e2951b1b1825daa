"""A small reader for the OpenStreetMap `opening_hours` subset the directory uses.

Accepted: rules separated by ";", each "DAYS TIMES" or "DAYS off", where DAYS is a list of
days or ranges (Mo-Fr, Mo,We,Fr, Sa) and TIMES a list of HH:MM-HH:MM ranges; "PH off" for
public holidays. Rendered in plain French for the pages ("du lundi au vendredi : 9 h – 12 h 30"), each
time kept on one line (non-breaking spaces inside "13 h 30": a narrow phone never wraps "13 / h 30").
"""

import re
from datetime import date

import holidays
from django.core.exceptions import ValidationError

DAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
DAY_NAMES = {
    "Mo": "lundi",
    "Tu": "mardi",
    "We": "mercredi",
    "Th": "jeudi",
    "Fr": "vendredi",
    "Sa": "samedi",
    "Su": "dimanche",
}
_TIME = r"(?:[01]\d|2[0-4]):[0-5]\d"
_RANGE = re.compile(rf"^({_TIME})-({_TIME})$")
_DAY_PART = re.compile(r"^(Mo|Tu|We|Th|Fr|Sa|Su)(?:-(Mo|Tu|We|Th|Fr|Sa|Su))?$")


def parse_opening_hours(value: str) -> list[tuple[list[str], list[tuple[str, str]] | None]]:
    """Return [(days, [(start, end), …] or None when closed)], or raise ValueError in French."""
    rules = []
    for raw_rule in [r.strip() for r in value.split(";") if r.strip()]:
        if raw_rule == "PH off":
            rules.append((["PH"], None))
            continue
        parts = raw_rule.split(" ", 1)
        if len(parts) != 2:
            raise ValueError(f"« {raw_rule} » : indiquez des jours puis des heures, par exemple Mo-Fr 09:00-17:00.")
        days = _parse_days(parts[0])
        times_text = parts[1].strip()
        if times_text == "off":
            rules.append((days, None))
            continue
        rules.append((days, [_parse_range(t.strip()) for t in times_text.split(",")]))
    return rules


def _parse_days(text: str) -> list[str]:
    days: list[str] = []
    for chunk in text.split(","):
        match = _DAY_PART.match(chunk)
        if not match:
            raise ValueError(f"« {chunk} » n'est pas un jour reconnu (Mo, Tu, We, Th, Fr, Sa, Su).")
        start, end = match.group(1), match.group(2) or match.group(1)
        first, last = DAYS.index(start), DAYS.index(end)
        if last < first:
            raise ValueError(f"« {chunk} » : le premier jour doit précéder le dernier.")
        days.extend(DAYS[first : last + 1])
    return days


def _parse_range(text: str) -> tuple[str, str]:
    match = _RANGE.match(text)
    if not match or match.group(1) >= match.group(2):
        raise ValueError(f"« {text} » n'est pas une plage horaire valide (HH:MM-HH:MM).")
    return match.group(1), match.group(2)


def validate_opening_hours(value: str) -> None:
    try:
        parse_opening_hours(value)
    except ValueError as error:
        raise ValidationError(f"Horaires d'ouverture : {error}") from error


NBSP = "\u00a0"


def _french_time(hhmm: str) -> str:
    """ "13:30" → "13 h 30", with non-breaking spaces: a time never wraps inside itself."""
    hours, minutes = hhmm.split(":")
    return f"{int(hours)}{NBSP}h" + (f"{NBSP}{minutes}" if minutes != "00" else "")


def _french_slots(ranges: list[tuple[str, str]]) -> str:
    return ", ".join(f"{_french_time(a)} – {_french_time(b)}" for a, b in ranges)


def _french_days(days: list[str]) -> str:
    if days == ["PH"]:
        return "jours fériés"
    indexes = [DAYS.index(d) for d in days]
    if len(days) > 2 and indexes == list(range(indexes[0], indexes[-1] + 1)):
        return f"du {DAY_NAMES[days[0]]} au {DAY_NAMES[days[-1]]}"
    names = [DAY_NAMES[d] for d in days]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " et " + names[-1]


def describe_opening_hours(value: str) -> list[str]:
    """Lines of plain French, one per rule; [] when empty or unreadable."""
    try:
        rules = parse_opening_hours(value or "")
    except ValueError:
        return []
    lines = []
    for days, ranges in rules:
        label = _french_days(days)
        if ranges is None:
            lines.append(f"{label.capitalize()} : fermé")
        else:
            lines.append(f"{label.capitalize()} : {_french_slots(ranges)}")
    return lines


def hours_on(value: str, day: date) -> str | None:
    """What the place's hours say for one day, in plain French ("9 h – 12 h 30, 13 h 30 – 17 h" or "fermé").

    OpenStreetMap's reading: a later rule overrides an earlier one for the same day, "PH off" closes on
    French public holidays, a day no rule names is closed. None when the hours are empty or unreadable
    (the page then says to call before coming).
    """
    try:
        rules = parse_opening_hours(value or "")
    except ValueError:
        return None
    if not rules:
        return None
    weekday = DAYS[day.weekday()]
    ranges = None
    for days, rule_ranges in rules:
        if weekday in days:
            ranges = rule_ranges
    is_holiday = day in holidays.France(years=day.year)
    if is_holiday and any(days == ["PH"] for days, _ in rules):
        ranges = None
    return _french_slots(ranges) if ranges else "fermé"
