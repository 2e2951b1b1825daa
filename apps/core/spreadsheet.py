"""Spreadsheet cells that cannot execute: the one rule for every CSV and XLSX export (CSV/formula injection).

A spreadsheet runs any cell that starts with =, +, -, @ (and tab or carriage return, which some strip first).
Such a text gets a leading apostrophe, the spreadsheets' own "this is text" mark. Numbers stay numbers:
ints and floats untouched (XLSX), and texts that are plainly a number such as "-1234,56" (a negative amount
in a French CSV) are left as they are, since a spreadsheet reads them as the number, never as a formula.
"""

import csv
import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def safe_cell(value):
    """The value itself, unless it is a text a spreadsheet would run as a formula: then "'" + the text."""
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    if PLAIN_NUMBER.fullmatch(value):
        return value
    return "'" + value


def unsafe_cell(value: str) -> str:
    """The text safe_cell() was given, read back from our own CSV (the data·inclusion import): a round trip."""
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS) and safe_cell(value[1:]) == value:
        return value[1:]
    return value


def safe_row(row) -> list:
    return [safe_cell(value) for value in row]


class SafeWriter:
    """csv.writer whose every cell goes through safe_cell()."""

    def __init__(self, buffer, **kwargs):
        self._writer = csv.writer(buffer, **kwargs)

    def writerow(self, row):
        return self._writer.writerow(safe_row(row))

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_writer(buffer, **kwargs) -> SafeWriter:
    return SafeWriter(buffer, **kwargs)
