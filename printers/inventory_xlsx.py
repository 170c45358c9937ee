"""The inventory book as an Excel workbook (openpyxl): one sheet, the heading frozen, one
block per fiscal group closed by its subtotal, the grand total at the foot.

Takes plain data (gamma.stock.valuation_book.book): company, title, subtitle, groups
[{code, name, lines [{code, description, unit, qty, unit_cost, value}], value}], total.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

HEADERS = ("Articolo", "Descrizione", "UM", "Quantità", "Costo unitario", "Valore")
WIDTHS = (20, 48, 6, 14, 16, 16)
FORMATS = {4: "#,##0.000", 5: "#,##0.000000", 6: "#,##0.00"}
HEADER_ROW = 4
BOLD = Font(bold=True)
GREY = PatternFill("solid", fgColor="DDDDDD")


def render(book: dict) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Inventario"
    ws["A1"], ws["A2"], ws["A3"] = book["company"], book["title"], book["subtitle"]
    ws["A1"].font = Font(bold=True, size=12)
    ws["A2"].font = BOLD
    for column, (title, width) in enumerate(zip(HEADERS, WIDTHS), start=1):
        cell = ws.cell(HEADER_ROW, column, title)
        cell.font, cell.fill = BOLD, GREY
        if column >= 4:
            cell.alignment = Alignment(horizontal="right")
        ws.column_dimensions[cell.column_letter].width = width
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1)  # the heading stays while scrolling
    row = HEADER_ROW + 1
    for group in book["groups"]:
        heading = ws.cell(row, 1, f"{group['code']} {group['name']}".strip())
        heading.font = BOLD
        row += 1
        for line in group["lines"]:
            values = (line["code"], line["description"], line["unit"], line["qty"],
                      line["unit_cost"], line["value"])
            for column, v in enumerate(values, start=1):
                cell = ws.cell(row, column, v)
                if column in FORMATS:
                    cell.number_format = FORMATS[column]
            row += 1
        _total(ws, row, f"Totale {group['name']}", group["value"])
        row += 2
    _total(ws, row, "Totale inventario", book["total"])
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _total(ws, row: int, label: str, value) -> None:
    ws.cell(row, 2, label).font = BOLD
    cell = ws.cell(row, 6, value)
    cell.font, cell.number_format = BOLD, FORMATS[6]
