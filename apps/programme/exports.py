"""The organisers' exports: participants as CSV or XLSX, and the sign-in sheet as PDF (weasyprint)."""

import io

from django.template.loader import render_to_string
from django.utils import timezone

from apps.core.spreadsheet import csv_writer, safe_row

from .selectors import confirmed_participants, participants

HEADERS = [
    "Nom",
    "Prénom",
    "E-mail",
    "Structure",
    "État",
    "Inscrit·e le",
    "Frais de déplacement demandés",
    "Présence",
]


def _attendance_label(registration) -> str:
    if registration.attended is None:
        return ""
    return "Présent·e" if registration.attended else "Absent·e"


def participant_rows(session) -> list[list[str]]:
    rows = []
    for r in participants(session):
        rows.append(
            [
                r.user.last_name,
                r.user.first_name,
                r.user.email,
                r.structure.name,
                r.get_status_display(),
                timezone.localtime(r.queued_at).strftime("%d/%m/%Y %H:%M"),
                "oui" if r.travel_expenses_requested else "non",
                _attendance_label(r),
            ]
        )
    return rows


def participants_csv(session) -> bytes:
    """Semicolon-separated UTF-8 with a BOM, as French spreadsheet software expects."""
    buffer = io.StringIO()
    writer = csv_writer(buffer, delimiter=";")
    writer.writerow(HEADERS)
    writer.writerows(participant_rows(session))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def participants_xlsx(session) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Inscrits"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in participant_rows(session):
        sheet.append(safe_row(row))
    for column, width in zip("ABCDEFGH", [22, 18, 34, 40, 24, 18, 14, 12], strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


BLANK_ROWS = 8  # for people who come without having registered


def sign_in_sheet_pdf(session) -> bytes:
    """The sign-in sheet: confirmed participants (name, structure, signature), no e-mail, a few blank rows."""
    from weasyprint import HTML

    html = render_to_string(
        "programme/sign_in_sheet.html",
        {
            "session": session,
            "starts_at": timezone.localtime(session.starts_at),
            "ends_at": timezone.localtime(session.ends_at),
            "participants": confirmed_participants(session),
            "blank_rows": range(BLANK_ROWS),
        },
    )
    return HTML(string=html).write_pdf()
