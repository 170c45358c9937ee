"""The inventory book by fiscal group: Excel (formats, frozen heading, subtotals) and PDF."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from gamma.master import articles, tables
from gamma.master.article_common import find_article
from gamma.stock import valuation, valuation_book
from tests.stock_value_fixtures import gamma, three_years

END_2026 = date(2026, 12, 31)


@pytest.fixture
def ctx(admin_ctx):
    three_years(admin_ctx)
    tables.save(admin_ctx, "product_group", {"code": "FER", "description": "Ferramenta"})
    tables.save(admin_ctx, "product_group", {"code": "ALI", "description": "Alimentari"})
    for code, group in (("A22", "FER"), ("A10", "ALI")):
        values = articles.form_values(admin_ctx, find_article(admin_ctx, code))
        articles.save_from_form(admin_ctx, {**values, "product_group": group}, code)
    return admin_ctx


def test_excel_by_fiscal_group(ctx):
    data = valuation_book.xlsx(ctx, valuation.value(ctx, "fifo", END_2026))
    ws = load_workbook(io.BytesIO(data)).active
    assert ws.freeze_panes == "A5"  # the heading (row 4) stays on screen
    assert [c.value for c in ws[4]] == ["Articolo", "Descrizione", "UM", "Quantità",
                                        "Costo unitario", "Valore"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=5)]
    rows = [r for r in rows if any(v is not None for v in r)]
    # Groups by code: ALI (A10 10 x 3.00 = 30.00), then FER (A22 FIFO 1,290.00)
    assert rows == [
        ["ALI Alimentari", None, None, None, None, None],
        ["A10", "Pasta di semola", "NR", 10, 3, 30],
        [None, "Totale Alimentari", None, None, None, 30],
        ["FER Ferramenta", None, None, None, None, None],
        # 1290 / 90 = 14.333333
        ["A22", "Vite inox M6", "NR", 90, 14.333333, 1290],
        [None, "Totale Ferramenta", None, None, None, 1290],
        [None, "Totale inventario", None, None, None, 1320]]
    assert ws["D6"].number_format == "#,##0.000"
    assert ws["E6"].number_format == "#,##0.000000"
    assert ws["F6"].number_format == "#,##0.00"
    assert ws["F11"].font.b and ws["F11"].number_format == "#,##0.00"
    assert ws["A2"].value == "Inventario di magazzino al 31/12/2026"
    assert ws["A3"].value == "Valorizzazione: FIFO"


def test_pdf_book(ctx):
    data = valuation_book.pdf(ctx, valuation.value(ctx, "lifo", END_2026))
    assert data.startswith(b"%PDF")
    from pypdf import PdfReader
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    for expected in ("Inventario di magazzino al 31/12/2026", "Valorizzazione: LIFO continuo",
                     "ALI Alimentari", "Totale Ferramenta", "1.050,00", "Totale inventario",
                     "1.080,00", "Pagina 1 di 1"):
        assert expected in text, expected


def test_cli_writes_the_workbook(ctx, db_url, tmp_path):
    path = tmp_path / "inventario.xlsx"
    result = gamma(db_url, "stock", "value", "--method", "fifo", "--at", "31/12/2026",
                   "--xlsx", str(path))
    assert result.exit_code == 0, result.output
    assert load_workbook(path).active["F13"].value == 1320
