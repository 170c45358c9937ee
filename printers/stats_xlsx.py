"""A statistic as an Excel workbook (openpyxl).

Sheet "Statistica": title and subtitle, the header row frozen and filtered, one row per
table row with the number format of its column, subtotal and total rows bold and grouped
with Excel's outline so their details collapse, a page break where the level asks for
one. Sheet "Grafico": the top level's categories and values, and a native bar chart of
them (a chart needs contiguous ranges, and the top level's subtotals are scattered).

Takes plain data (gamma.stats.output.plain): title, subtitle, columns [{key, label, kind,
format, width}], rows [{kind, level, cells {key: value}, page_break_before}], chart
{title, category, measure, format, points [[label, value]]} or None.
"""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.pagebreak import Break

# Percentages are written as fractions (12,5% → 0.125) so Excel computes with them.
FORMATS = {"money": "#,##0.00", "qty": "#,##0.###", "pct": "0.00%", "text": "@"}
HEADER_ROW = 4
BOLD = Font(bold=True)
GREY = PatternFill("solid", fgColor="DDDDDD")
LIGHT = PatternFill("solid", fgColor="F2F2F2")
MAX_OUTLINE = 7  # Excel's deepest outline level


def render(table: dict) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Statistica"
    columns = table["columns"]
    ws["A1"], ws["A2"] = table["title"], table["subtitle"]
    ws["A1"].font = Font(bold=True, size=12)
    for number, column in enumerate(columns, start=1):
        cell = ws.cell(HEADER_ROW, number, column["label"])
        cell.font, cell.fill = BOLD, GREY
        if column["kind"] == "measure":
            cell.alignment = Alignment(horizontal="right")
        ws.column_dimensions[cell.column_letter].width = max(column["width"],
                                                             len(column["label"])) + 2
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1)  # the header stays while scrolling
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    outline = _outline_levels(table["rows"])
    row = HEADER_ROW
    for data in table["rows"]:
        row += 1
        _write_row(ws, row, columns, data)
        level = outline(data)
        if level:
            ws.row_dimensions[row].outlineLevel = level
        if data.get("page_break_before") and row > HEADER_ROW + 1:
            ws.row_breaks.append(Break(id=row - 1))
    if columns:
        last = ws.cell(HEADER_ROW, len(columns)).column_letter
        ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{row}"
    # Subtotals follow their details unless the table puts them first.
    ws.sheet_properties.outlinePr.summaryBelow = _summary_below(table["rows"])
    if table.get("chart") and table["chart"]["points"]:
        _chart_sheet(wb, table["chart"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _write_row(ws, row: int, columns: list[dict], data: dict) -> None:
    strong = data["kind"] in ("subtotal", "total")
    for number, column in enumerate(columns, start=1):
        value = data["cells"].get(column["key"])
        if column["format"] == "pct" and isinstance(value, Decimal):
            value = value / 100
        cell = ws.cell(row, number, value)
        if column["kind"] == "measure":
            cell.number_format = FORMATS[column["format"]]
        if strong:
            cell.font = BOLD
            cell.fill = LIGHT


def _outline_levels(rows: list[dict]):
    """Excel outline level per row: a subtotal sits one level above what it sums, the
    details at the deepest, the total at the top (level 0, never hidden)."""
    levels = sorted({r["level"] for r in rows if r["kind"] == "subtotal"})

    def level(data: dict) -> int:
        if data["kind"] == "total":
            return 0
        if data["kind"] == "subtotal":
            return min(levels.index(data["level"]), MAX_OUTLINE)
        return min(len(levels), MAX_OUTLINE)

    return level


def _summary_below(rows: list[dict]) -> bool:
    for data in rows:
        if data["kind"] == "detail":
            return True
        if data["kind"] == "subtotal":
            return False
    return True


def _chart_sheet(wb: Workbook, chart_data: dict) -> None:
    ws = wb.create_sheet("Grafico")
    ws["A1"], ws["B1"] = chart_data["category"], chart_data["measure"]
    ws["A1"].font = ws["B1"].font = BOLD
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 16
    fmt = chart_data["format"]
    for row, (label, value) in enumerate(chart_data["points"], start=2):
        ws.cell(row, 1, label)
        if fmt == "pct" and isinstance(value, Decimal):
            value = value / 100
        ws.cell(row, 2, value).number_format = FORMATS.get(fmt, FORMATS["money"])
    last = len(chart_data["points"]) + 1
    chart = BarChart()
    chart.type = "bar"  # horizontal bars, as in the terminal
    chart.title = chart_data["title"]
    chart.legend = None
    chart.y_axis.title = chart_data["measure"]
    chart.x_axis.title = chart_data["category"]
    chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=last))
    chart.height = max(7.5, 0.6 * (last - 1) + 3)
    chart.width = 18
    ws.add_chart(chart, "D2")
