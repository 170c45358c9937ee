"""The outputs of a statistic the engine computed on real invoices, on both databases: by
customer and month, 2026 compared with 2025. The Excel file has the year columns with
their formats, the frozen header and a native chart of the customers' 2026 revenue; the
PDF and the CSV carry the same totals."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal as D

import openpyxl
import pypdf
import pytest

from gamma.master import parties
from gamma.stats import engine, output
from gamma.stats.spec import StatSpec
from tests.sales_fixtures import issue, prepare


def invoice(ctx, customer: str, day: date, lines: list[tuple[str, str, str]]) -> None:
    issue(ctx, {"kind": "invoice", "date": day, "customer": customer,
                "lines": [{"article": a, "qty": q, "price": p} for a, q, p in lines]})


@pytest.fixture
def table(admin_ctx):
    ctx = admin_ctx
    prepare(ctx)
    parties.save_from_form(ctx, {"code": "C002", "name": "Trattoria Da Gino",
                                 "payment_term": "RB306090", "price_list": "1"})
    invoice(ctx, "C001", date(2025, 2, 10), [("A22", "2", "10.00")])  # 20,00
    invoice(ctx, "C002", date(2025, 3, 5), [("A10", "2", "5.50")])  # 11,00
    invoice(ctx, "C001", date(2026, 2, 10), [("A04", "5", "2.00")])  # 10,00
    invoice(ctx, "C001", date(2026, 3, 2), [("A22", "3", "10.00"), ("A10", "2", "5.50")])
    invoice(ctx, "C002", date(2026, 3, 5), [("A22", "1", "10.00")])  # 10,00
    spec = StatSpec.from_params({"elements": ["customer", "month"],
                                 "measures": ["qty", "revenue"], "compare_years": 2,
                                 "date_from": "2026-01-01", "date_to": "2026-03-31"})
    return engine.to_table(engine.run(ctx, spec))


def cents(value) -> D:
    return D(str(value)).quantize(D("0.01"))


def test_excel_of_a_year_comparison(table, tmp_path):
    wb = openpyxl.load_workbook(output.write_xlsx(table, tmp_path / "cmp.xlsx"))
    ws = wb["Statistica"]
    header = [c.value for c in ws[4]]
    assert header[:2] == ["Cliente", "Mese"]
    assert ["Ricavo 2025", "Ricavo 2026", "Ricavo diff.", "Ricavo diff. %"] == [
        h for h in header if h and h.startswith("Ricavo")]
    assert ws.freeze_panes == "A5"
    col = {h: n for n, h in enumerate(header, start=1)}
    rows = {ws.cell(r, 1).value: r for r in range(5, ws.max_row + 1)
            if ws.cell(r, 1).value and ws.cell(r, 2).value is None}
    c001 = rows["Totale C001 Bar Sport S.r.l."]  # its subtotal, named as such
    assert ws.cell(c001, 1).font.b
    # C001: 20,00 in 2025, 10,00 + 41,00 = 51,00 in 2026: +31,00, +155,00%.
    assert cents(ws.cell(c001, col["Ricavo 2025"]).value) == D("20.00")
    assert cents(ws.cell(c001, col["Ricavo 2026"]).value) == D("51.00")
    assert cents(ws.cell(c001, col["Ricavo diff."]).value) == D("31.00")
    pct = ws.cell(c001, col["Ricavo diff. %"])
    assert pct.number_format == "0.00%" and D(str(pct.value)) == D("1.55")
    assert ws.cell(c001, col["Quantità 2026"]).number_format == "#,##0.###"
    assert ws.cell(c001, col["Ricavo 2026"]).number_format == "#,##0.00"
    # C002: 11,00 → 10,00, −1,00 = −9,09%.
    c002 = rows["Totale C002 Trattoria Da Gino"]
    assert D(str(ws.cell(c002, col["Ricavo diff. %"]).value)) == D("-0.0909")
    total = ws.max_row
    assert ws.cell(total, 1).font.b
    assert cents(ws.cell(total, col["Ricavo 2026"]).value) == D("61.00")
    assert cents(ws.cell(total, col["Ricavo 2025"]).value) == D("31.00")

    chart_ws = wb["Grafico"]
    assert chart_ws["B1"].value == "Ricavo 2026"
    assert [(chart_ws.cell(r, 1).value, cents(chart_ws.cell(r, 2).value)) for r in (2, 3)] \
        == [("C001 Bar Sport S.r.l.", D("51.00")), ("C002 Trattoria Da Gino", D("10.00"))]
    [chart] = chart_ws._charts
    assert chart.series[0].val.numRef.f == "'Grafico'!$B$2:$B$3"


def test_pdf_and_csv_of_a_year_comparison(table, tmp_path):
    pdf = pypdf.PdfReader(str(output.write_pdf(table, tmp_path / "cmp.pdf")))
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "Totale generale" in text and "61,00" in text and "155,00%" in text
    # Ten columns (two elements, two measures × four) need a landscape page.
    assert pdf.pages[0].mediabox.width > pdf.pages[0].mediabox.height
    with output.write_csv(table, tmp_path / "cmp.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    total = rows[-1]
    assert total[:3] == ["totale", "", "Totale generale"]
    head = rows[0]
    assert total[head.index("Ricavo 2026")] == "61,00"
    assert total[head.index("Ricavo diff. %")] == "96,77"  # 30 / 31
