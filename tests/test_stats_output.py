"""The outputs of a statistic from a table built by hand: Excel (formats, frozen and
filtered header, bold grouped subtotals, a native chart of the top level), PDF (totals,
pages, landscape), CSV for Italian Excel, and the terminal bar chart."""

from __future__ import annotations

import csv
import io
from decimal import Decimal as D

import openpyxl
import pypdf
import pytest

from gamma.stats import output
from gamma.stats.table import Column, StatTable, TableRow
from tests.stats_tables import agent_table, detail


def cents(value) -> D:
    return D(str(value)).quantize(D("0.01"))


@pytest.fixture
def workbook(tmp_path):
    path = output.write_xlsx(agent_table(), tmp_path / "out" / "stat.xlsx")
    return openpyxl.load_workbook(path)


def test_excel_header_frozen_filtered_and_number_formats(workbook):
    ws = workbook["Statistica"]
    assert ws["A1"].value == "Statistica vendite per agente, cliente"
    assert ws["A2"].value.startswith("Dal 01/01/2026")
    assert [c.value for c in ws[4]] == ["Agente", "Cliente", "Quantità", "Ricavo", "Margine %"]
    assert ws.freeze_panes == "A5"  # rows 1-4 stay in view
    assert ws.auto_filter.ref == "A4:E10"
    # Row 5 is C001: 10 pieces, 1.234,56, 12,50% stored as the fraction 0.125.
    assert ws["C5"].number_format == "#,##0.###" and ws["C5"].value == 10
    assert ws["D5"].number_format == "#,##0.00" and cents(ws["D5"].value) == D("1234.56")
    assert ws["E5"].number_format == "0.00%" and D(str(ws["E5"].value)) == D("0.125")
    assert D(str(ws["C6"].value)) == D("2.5") and D(str(ws["E6"].value)) == D("-0.0325")
    assert cents(ws["D10"].value) == D("1284.46")  # the total


def test_excel_subtotals_bold_and_grouped_with_a_page_break(workbook):
    ws = workbook["Statistica"]
    bold = {row: ws.cell(row, 4).font.b for row in range(5, 11)}
    assert bold == {5: False, 6: False, 7: True, 8: False, 9: True, 10: True}
    outline = {row: ws.row_dimensions[row].outlineLevel for row in range(5, 11)}
    # Details one level below their agent's subtotal, which follows them.
    assert outline == {5: 1, 6: 1, 7: 0, 8: 1, 9: 0, 10: 0}
    assert ws.sheet_properties.outlinePr.summaryBelow
    assert [b.id for b in ws.row_breaks.brk] == [7]  # A02 Bianchi starts a new page


def test_excel_native_chart_of_the_agents(workbook):
    ws = workbook["Grafico"]
    assert [(ws.cell(r, 1).value, cents(ws.cell(r, 2).value)) for r in (2, 3)] == [
        ("A01 Rossi", D("1334.56")), ("A02 Bianchi", D("-50.10"))]
    assert ws.cell(4, 1).value is None
    charts = ws._charts
    assert len(charts) == 1 and charts[0].tagname == "barChart"
    series = charts[0].series[0]
    assert series.val.numRef.f == "'Grafico'!$B$2:$B$3"
    assert series.cat.numRef.f == "'Grafico'!$A$2:$A$3" or \
        series.cat.strRef.f == "'Grafico'!$A$2:$A$3"


def test_excel_without_subtotals_charts_the_details(tmp_path):
    table = agent_table()
    table.rows = [r for r in table.rows if r.kind == "detail"]
    table.chart_category = "customer"
    wb = openpyxl.load_workbook(output.write_xlsx(table, tmp_path / "d.xlsx"))
    ws = wb["Grafico"]
    assert [ws.cell(r, 1).value for r in (2, 3, 4)] == [
        "C001 Alfa Srl", "C002 Beta Spa", "C003 Gamma Snc"]
    assert all(wb["Statistica"].row_dimensions[r].outlineLevel == 0 for r in (5, 6, 7))


def pdf_pages(path) -> list[pypdf.PageObject]:
    return list(pypdf.PdfReader(str(path)).pages)


def test_pdf_totals_bold_rows_pages_and_headings(tmp_path):
    pages = pdf_pages(output.write_pdf(agent_table(), tmp_path / "stat.pdf"))
    # The page break before A02 Bianchi: two pages, each with the heading.
    assert len(pages) == 2
    first, second = (p.extract_text() for p in pages)
    assert "Pagina 1 di 2" in first and "Pagina 2 di 2" in second
    assert "Ricavo" in first and "Ricavo" in second
    assert "1.234,56" in first and "1.334,56" in first and "12,50%" in first
    assert "C003 Gamma Snc" in second and "-50,10" in second and "1.284,46" in second
    assert "C003" not in first
    width, height = pages[0].mediabox.width, pages[0].mediabox.height
    assert width < height  # five columns fit a portrait page


def test_pdf_landscape_when_columns_are_many(tmp_path):
    months = [Column(f"m{n}", f"Ricavo {n:02}/2026", "measure", "money", 14)
              for n in range(1, 13)]
    cells = {"customer": "C001 Alfa", **{f"m{n}": D(n) * 1000 for n in range(1, 13)}}
    table = StatTable("Per mese", "2026",
                      [Column("customer", "Cliente", "element", "text", 30)] + months,
                      [TableRow("detail", 0, cells)])
    pages = pdf_pages(output.write_pdf(table, tmp_path / "wide.pdf"))
    assert pages[0].mediabox.width > pages[0].mediabox.height
    text = pages[0].extract_text()
    assert "12.000,00" in text and "1.000,00" in text


def test_csv_for_italian_excel_reads_back(tmp_path):
    path = output.write_csv(agent_table(), tmp_path / "stat.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM: Excel then reads UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Tipo", "Livello", "Agente", "Cliente", "Quantità", "Ricavo",
                       "Margine %"]
    assert rows[1] == ["dettaglio", "2", "A01 Rossi", "C001 Alfa Srl", "10", "1234,56",
                       "12,50"]
    assert rows[2][4:] == ["2,5", "100,00", "-3,25"]
    assert rows[3][:3] == ["subtotale", "1", "A01 Rossi"] and rows[3][3] == ""
    assert rows[6] == ["totale", "", "Totale generale", "", "13,5", "1284,46", "10,43"]
    assert len(rows) == 7


def test_bar_chart_lines_positive_and_negative():
    lines = output.bar_chart_lines(agent_table())
    # Labels 11 wide ("A02 Bianchi"), values 8 ("1.334,56"): 78 - 11 - 8 - 2 = 57 cells,
    # of which round(57 × 50,10 / 1.384,66) = 2 left of the axis, 54 right of it.
    assert lines == [
        "Ricavo per agente",
        "A01 Rossi     │" + "█" * 54 + " 1.334,56",
        "A02 Bianchi ██│" + " " * 54 + "   -50,10",
        "Totale      " + " " * 57 + " 1.284,46",
    ]
    assert all(len(line) <= 78 for line in lines)


def test_bar_chart_proportions_and_long_labels():
    rows = [detail("A01 Rossi", "C001 Un cliente dal nome davvero molto lungo", "1", "300",
                   "0"),
            detail("A01 Rossi", "C002 Beta", "1", "100", "0"),
            detail("A01 Rossi", "C003 Zero", "1", "0", "0")]
    table = StatTable("t", "s", agent_table().columns, rows, "customer", "revenue")
    lines = output.bar_chart_lines(table, width=60)
    # Labels cut at 24, values "400,00" 6 wide: 60 - 24 - 6 - 2 = 28 cells for 300,
    # round(28 / 3) = 9 for 100, none for 0.
    assert lines[1] == "C001 Un cliente dal nom… " + "█" * 28 + " 300,00"
    assert lines[2] == "C002 Beta                " + "█" * 9 + " " * 19 + " 100,00"
    assert lines[3] == "C003 Zero                " + " " * 28 + "   0,00"
    assert lines[4].endswith(" 400,00") and len(lines[4]) == 60


def test_bar_chart_of_nothing():
    table = StatTable("t", "s", agent_table().columns, [], "agent", "revenue")
    assert output.bar_chart_lines(table) == ["Nessun dato da rappresentare"]


def test_chart_of_a_comparison_without_a_chosen_measure_takes_the_last_year():
    columns = [Column("customer", "Cliente", "element", "text", 20),
               Column("qty_2025", "Quantità 2025", "measure", "qty", 12),
               Column("qty_2026", "Quantità 2026", "measure", "qty", 12),
               Column("qty_diff", "Quantità diff.", "measure", "qty", 12)]
    rows = [TableRow("detail", 0, {"customer": "C001", "qty_2025": D("4"),
                                   "qty_2026": D("6"), "qty_diff": D("2")})]
    lines = output.bar_chart_lines(StatTable("t", "s", columns, rows), width=40)
    assert lines[0] == "Quantità 2026 per cliente"
    assert lines[1].endswith(" 6") and lines[-1].endswith(" 6")
