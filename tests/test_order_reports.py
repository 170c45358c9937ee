"""Order reports: the order book by customer, article and date; fulfilability handing
the stock out by priority; late supplier deliveries and their reminder letter; the
picking list by location; rolling availability date by date. Figures worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from gamma import records
from gamma.master import parties
from gamma.master.article_common import find_article
from gamma.orders import reports, rolling
from tests.order_fixtures_h5 import order, put, setup
from tests.sales_fixtures import d


def day(n: int, month: int = 3) -> date:
    return date(2026, month, n)


@pytest.fixture
def ctx(admin_ctx):
    setup(admin_ctx)
    parties.save_from_form(admin_ctx, {"code": "C002", "name": "Trattoria Roma",
                                       "payment_term": "RB306090"})
    for code, where in (("A22", "B-02"), ("A10", "A-01")):
        records.update(admin_ctx, find_article(admin_ctx, code), location=where)
    put(admin_ctx, "A22", "CAR", "10")
    # Customer orders (list prices: A22 10,00, A10 5,50).
    order(admin_ctx, "customer_order", "C001", [("A22", "6"), ("A10", "2")], day(2),
          delivery_date=day(20))
    order(admin_ctx, "customer_order", "C002", [("A22", "8")], day(3),
          delivery_date=day(15), priority=1)
    # Supplier orders: one due on 5 March (late on the 10th), one on 25 March.
    order(admin_ctx, "supplier_order", "F001", [("A22", "20")], day(1), delivery_date=day(5))
    order(admin_ctx, "supplier_order", "F001", [("A10", "5")], day(1), delivery_date=day(25))
    return admin_ctx


def test_order_book_by_customer_article_and_date(ctx):
    by_customer = reports.order_book(ctx, "customer", "customer")
    # C001: 6 × 10,00 + 2 × 5,50 = 71,00 (8 pieces); C002: 8 × 10,00 = 80,00.
    assert [(g.key, g.residual, g.value) for g in by_customer] == [
        ("C001", d("8"), d("71.00")), ("C002", d("8"), d("80.00"))]
    by_article = reports.order_book(ctx, "customer", "article")
    assert [(g.key, g.residual, g.value) for g in by_article] == [
        ("A10", d("2"), d("11.00")), ("A22", d("14"), d("140.00"))]
    by_date = reports.order_book(ctx, "customer", "date")
    assert [(g.label, [line.party for line in g.lines]) for g in by_date] == [
        ("15/03/2026", ["C002"]), ("20/03/2026", ["C001", "C001"])]
    suppliers = reports.order_book(ctx, "supplier", "article")
    assert [(g.key, g.residual) for g in suppliers] == [("A10", d("5")), ("A22", d("20"))]


def test_fulfilability_hands_out_stock_by_priority(ctx):
    found = reports.fulfilability(ctx)
    # A22: 10 on hand for 8 (C002, priority 1) then 6 (C001): 8 ship, then 2 of 6.
    # A10: nothing on hand: 0 of 2.
    assert [(a.line.party, a.line.article, a.available, a.can_ship, a.short)
            for a in found] == [("C002", "A22", d("10"), d("8"), d("0")),
                                ("C001", "A22", d("2"), d("2"), d("4")),
                                ("C001", "A10", d("0"), d("0"), d("2"))]


def test_late_supplier_deliveries_and_the_reminder_letter(ctx, tmp_path):
    late = reports.late_deliveries(ctx, day(10))
    assert [(g.supplier, [(line.article, line.residual, line.due) for line in g.lines])
            for g in late] == [("F001", [("A22", d("20"), day(5))])]
    assert reports.late_deliveries(ctx, day(5)) == []  # due that day: not late yet
    assert len(reports.late_deliveries(ctx, day(26))[0].lines) == 2
    from gamma.orders import order_prints
    path = order_prints.reminders_pdf(ctx, tmp_path / "solleciti.pdf", day(10))
    assert path.read_bytes().startswith(b"%PDF")


def test_picking_list_by_location(ctx, tmp_path):
    picked = reports.picking_list(ctx)
    assert [(line.location, line.article, line.party, line.residual) for line in picked] == [
        ("A-01", "A10", "C001", d("2")), ("B-02", "A22", "C001", d("6")),
        ("B-02", "A22", "C002", d("8"))]
    from gamma.orders import order_prints
    assert order_prints.picking_pdf(ctx, tmp_path / "prelievo.pdf").read_bytes().startswith(
        b"%PDF")


def test_rolling_availability_by_date(ctx):
    result = rolling.rolling(ctx, "A22")
    # On hand 10; 5/3 +20 (supplier) → 30; 15/3 −8 (C002) → 22; 20/3 −6 (C001) → 16.
    assert result.on_hand == d("10")
    assert [(day_, i, o, a) for day_, i, o, a in result.by_date()] == [
        (day(5), d("20"), d("0"), d("30")), (day(15), d("0"), d("8"), d("22")),
        (day(20), d("0"), d("6"), d("16"))]
