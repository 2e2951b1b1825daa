"""Money in integer cents: the payment rule of the seeds, parsing and display. Never a float.

Payment rule (cahier des charges, coordinators' meeting of February 2017): on receipt of the
signed convention the Region pays 100 % of the coordination lump sum and 50 % of the project
envelope; the balance of the envelope is paid on a balance request with the spending report.

Rounding rule: a percentage of an amount in cents is rounded DOWN to the cent (integer floor
division), and the balance is what remains, so that advance + balance == envelope exactly.
An envelope of 1 001 cents gives an advance of 500 cents and a balance of 501 cents.
When less than the envelope was spent, the balance is the spent part minus the advance, never
below zero; the unspent rest is not paid.
"""

import re
from decimal import Decimal, InvalidOperation

LUMP_SUM_ADVANCE_PERCENT = 100
ENVELOPE_ADVANCE_PERCENT = 50

_SPACES = re.compile(r"[\s\u00a0\u202f]")
_AMOUNT = re.compile(r"^\d+(?:[.,]\d{1,2})?$")


def percent_of(amount_cents: int, percent: int) -> int:
    """`percent` % of an amount in cents, rounded down to the cent."""
    if amount_cents < 0 or not 0 <= percent <= 100:
        raise ValueError("amount must be >= 0 and percent between 0 and 100")
    return amount_cents * percent // 100


def envelope_split(envelope_cents: int) -> tuple[int, int]:
    """(advance, balance) of a project envelope: the advance is floored, the balance takes the rest."""
    advance = percent_of(envelope_cents, ENVELOPE_ADVANCE_PERCENT)
    return advance, envelope_cents - advance


def balance_due(envelope_cents: int, spent_cents: int | None) -> int:
    """The balance owed on a balance request: spending capped at the envelope, minus the advance."""
    advance, full_balance = envelope_split(envelope_cents)
    if spent_cents is None:
        return full_balance
    return max(0, min(spent_cents, envelope_cents) - advance)


def parse_euros(text: str) -> int:
    """'12 345,67' or '12345.67' or '12 345' → 1234567 cents. Raises ValueError on anything else."""
    cleaned = _SPACES.sub("", (text or "").replace("€", ""))
    if not _AMOUNT.match(cleaned):
        raise ValueError(f"not an amount in euros: {text!r}")
    try:
        value = Decimal(cleaned.replace(",", "."))
    except InvalidOperation as error:  # pragma: no cover - the regex already guards this
        raise ValueError(str(error)) from error
    return int(value * 100)


def format_euros(cents: int | None, symbol: bool = True) -> str:
    """1234567 → '12 345,67 €' with narrow no-break spaces between thousands (French typography)."""
    if cents is None:
        return ""
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(int(cents)), 100)
    grouped = f"{euros:,}".replace(",", "\u202f")
    text = f"{sign}{grouped},{rest:02d}"
    return f"{text}\u00a0€" if symbol else text


def plain_euros(cents: int) -> str:
    """1234567 → '12345,67': for CSV cells that a spreadsheet in French reads as a number."""
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(int(cents)), 100)
    return f"{sign}{euros},{rest:02d}"
