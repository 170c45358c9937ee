"""The statistic as a table for the outputs: page breaks, subtotal and total rows, the
chart's keys, purchases by supplier, the JSON rows, cancelling a run."""

from __future__ import annotations

from datetime import date

import pytest

from gamma.master import parties
from gamma.progress import Cancelled, Progress
from gamma.stats import engine
from gamma.stats.spec import StatSpec
from tests.sales_fixtures import d, issue, prepare

YEAR = {"date_from": date(2026, 1, 1), "date_to": date(2026, 12, 31)}


@pytest.fixture
def ctx(admin_ctx):
    prepare(admin_ctx)
    parties.save_from_form(admin_ctx, {"code": "C002", "name": "Trattoria Da Gino"})
    for customer, day, article, qty in (("C001", date(2026, 1, 5), "A22", "2"),
                                        ("C001", date(2026, 2, 5), "A22", "1"),
                                        ("C002", date(2026, 2, 9), "A10", "4")):
        issue(admin_ctx, {"kind": "invoice", "date": day, "customer": customer,
                          "lines": [{"article": article, "qty": qty}]})
    return admin_ctx


def test_table_rows_subtotals_page_breaks_and_chart(ctx):
    spec = StatSpec(elements=("customer", "month"), measures=("qty", "revenue", "share"),
                    page_breaks=("customer",), **YEAR)
    table = engine.to_table(engine.run(ctx, spec))
    shape = [(r.kind, r.level, r.page_break_before, r.keys) for r in table.rows]
    assert shape == [
        ("detail", 1, False, {"customer": "C001", "month": "2026-01"}),
        ("detail", 1, False, {"customer": "C001", "month": "2026-02"}),
        ("subtotal", 0, False, {"customer": "C001"}),
        ("detail", 1, True, {"customer": "C002", "month": "2026-02"}),
        ("subtotal", 0, False, {"customer": "C002"}),
        ("total", -1, False, {})]
    # 20,00 + 10,00 for C001, 4 × 5,50 = 22,00 for C002: 52,00; C001 is 30/52 = 57,69 %.
    c001 = table.rows[2].cells
    assert (c001["customer"], c001["month"], c001["revenue"], c001["share"]) == (
        "C001 Bar Sport S.r.l.", None, d("30.00"), d("57.69"))
    assert table.rows[-1].cells["revenue"] == d("52.00")
    assert table.rows[-1].cells["customer"] == "Totale generale"
    assert (table.chart_category, table.chart_measure) == ("customer", "revenue")
    assert [c.format for c in table.columns] == ["text", "text", "qty", "money", "pct"]


def test_purchases_by_supplier_apart_from_sales(ctx):
    parties.save_from_form(ctx, {"code": "F001", "name": "Viteria del Nord",
                                 "is_customer": False, "is_supplier": True})
    issue(ctx, {"kind": "goods_receipt", "supplier": "F001", "date": date(2026, 3, 2),
                "lines": [{"article": "A22", "qty": "50", "price": "4.20"}]})
    spec = StatSpec(elements=("supplier",), measures=("qty", "revenue"),
                    sources=("purchases",), **YEAR)
    [row] = engine.run(ctx, spec).details()
    assert (row.keys, row.values["qty"], row.values["revenue"]) == (
        ("F001",), d("50.000"), d("210.00"))


def test_rows_json_carry_codes_and_exact_strings(ctx):
    spec = StatSpec(elements=("customer",), measures=("revenue", "share"), **YEAR)
    rows = engine.rows_json(engine.run(ctx, spec))
    # 30,00 and 22,00 of 52,00: 57,69 % and 42,31 %.
    assert rows == [{"customer": "C001", "revenue": "30.00", "share": "57.69"},
                    {"customer": "C002", "revenue": "22.00", "share": "42.31"}]


def test_a_cancelled_run_stops_at_the_next_step(ctx):
    progress = Progress()
    progress.cancel()
    with pytest.raises(Cancelled, match="annullata dall'operatore"):
        engine.run(ctx, StatSpec(**YEAR), progress=progress)
