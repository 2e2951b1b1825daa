"""Dashboards as CSV and XLSX: the same tables as the page, already protected, with every breakdown."""

import io
import re

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from apps.core.spreadsheet import csv_writer, safe_row

from .dashboards import Dashboard
from .tables import NOT_PUBLISHED, SMALL, Masked, Table, export_value

NUMBER_FORMATS = {"count": "#,##0", "rate": "0.0%", "days": "0.0", "per_thousand": "0.0", "decimal": "0.0"}
LEGEND = [
    f"« {SMALL.text} » : {SMALL.reason}, masqué.",
    f"« {NOT_PUBLISHED.text} » : {NOT_PUBLISHED.reason}.",
    "Les parts sont des fractions (0,25 = 25 %) ; les délais sont en jours calendaires.",
]


def export_name(dashboard: Dashboard, extension: str) -> str:
    f = dashboard.filter
    scope = {"region": "region", "territory": f"territoire-{getattr(f.territory, 'code', '')}"}.get(f.kind)
    if scope is None:
        scope = f"structure-{f.structure.slug}"
    return f"spro-indicateurs-{scope}-{f.period.slug}.{extension}"


def _cell(row: dict, column) -> object:
    value = row.get(column.key)
    kind = row.get("value_kind", column.kind) if column.kind == "text" else column.kind
    return export_value(value, kind)


def _all_tables(dashboard: Dashboard) -> list[tuple[str, Table]]:
    tables = [("Chiffres clés", dashboard.key_figures_table)]
    if dashboard.overview is not None:
        tables.append(("Territoires", dashboard.overview))
    for section in dashboard.sections:
        tables += [(section.family.title, table) for table in section.tables]
    return tables


def dashboard_csv(dashboard: Dashboard) -> str:
    """Long format, one value per line: rubrique;tableau;codes;ligne;colonne;valeur (UTF-8, ";" for French Excel)."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv_writer(out, delimiter=";", lineterminator="\r\n")
    f = dashboard.filter
    writer.writerow(["perimetre", "periode", "rubrique", "tableau", "indicateurs", "ligne", "colonne", "valeur"])
    for family, table in _all_tables(dashboard):
        for row in table.rows:
            for column in table.value_columns:
                value = _cell(row, column)
                if isinstance(value, float):
                    value = str(value).replace(".", ",")
                writer.writerow(
                    [
                        f.scope_label,
                        f.period.label,
                        family,
                        table.title,
                        table.code,
                        row.get("label"),
                        column.label,
                        value,
                    ]
                )
    return out.getvalue()


def _sheet_title(title: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "-", title)[:28].strip()
    name, n = base, 2
    while name.lower() in used:
        name = f"{base[:25]} ({n})"
        n += 1
    used.add(name.lower())
    return name


def dashboard_xlsx(dashboard: Dashboard, title: str) -> bytes:
    """One sheet "Lisez-moi" (scope, period, legend, key figures), then one sheet per table."""
    workbook = Workbook()
    readme = workbook.active
    readme.title = "Lisez-moi"
    f = dashboard.filter
    bold = Font(bold=True)
    readme.append(safe_row([title]))
    readme["A1"].font = Font(bold=True, size=14)
    readme.append(safe_row(["Périmètre", f.scope_label]))
    readme.append(["Période", f.period.label])
    readme.append(["Exporté le", timezone.localtime().strftime("%d/%m/%Y %H:%M")])
    readme.append(["Petits effectifs", "masqués" if dashboard.masked else "affichés (tableau de bord de la structure)"])
    readme.append([])
    for line in LEGEND:
        readme.append([line])
    readme.append([])
    readme.append(["Indicateur", "Valeur"])
    readme.cell(row=readme.max_row, column=1).font = bold
    readme.cell(row=readme.max_row, column=2).font = bold
    for row in dashboard.key_figures_table.rows:
        value = export_value(row["value"], row["value_kind"])
        readme.append(safe_row([row["label"], value]))
        cell = readme.cell(row=readme.max_row, column=2)
        if not isinstance(value, str):
            cell.number_format = NUMBER_FORMATS.get(row["value_kind"], "General")
    readme.column_dimensions["A"].width = 70
    readme.column_dimensions["B"].width = 40
    used = {"lisez-moi"}
    for _family, table in _all_tables(dashboard)[1:]:
        sheet = workbook.create_sheet(_sheet_title(table.title, used))
        sheet.append(safe_row([f"{table.title} ({table.code})" if table.code else table.title]))
        sheet["A1"].font = Font(bold=True, size=12)
        sheet.append(safe_row([column.label for column in table.columns]))
        for index in range(1, len(table.columns) + 1):
            cell = sheet.cell(row=2, column=index)
            cell.font = bold
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in table.rows:
            sheet.append(safe_row([row.get("label"), *[_cell(row, column) for column in table.value_columns]]))
            for index, column in enumerate(table.value_columns, start=2):
                cell = sheet.cell(row=sheet.max_row, column=index)
                if isinstance(cell.value, str) and isinstance(row.get(column.key), Masked):
                    cell.alignment = Alignment(horizontal="right")
                elif column.kind in NUMBER_FORMATS:
                    cell.number_format = NUMBER_FORMATS[column.kind]
        if table.note:
            sheet.append([])
            sheet.append(safe_row([table.note]))
        sheet.freeze_panes = "B3"
        sheet.column_dimensions["A"].width = 45
        for index in range(2, len(table.columns) + 1):
            sheet.column_dimensions[get_column_letter(index)].width = 20
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
