"""Open orders seen from the rest of the order cycle: the automatic fulfilment ships only
the firm deliveries due, an amended order keeps its lines' schedules, and an order line's
lot follows its commitment into the movements."""

from __future__ import annotations

import pytest

from gamma.errors import ValidationError
from gamma.orders import fulfilment, open_orders
from gamma.orders.open_orders import parse
from gamma.sales import amend
from gamma.stock import lots
from models import DocumentLine, StockMovement
from tests.lot_fixtures import prepare_lots, receive
from tests.order_fixtures_h5 import order
from tests.sales_fixtures import d, issue, party
from tests.test_open_orders import ctx, day, level  # noqa: F401  (ctx: the fixture, 50 A22)


def scheduled_order(ctx):
    """100 of A22 ordered 2 March: 30 firm on 5 March, 30 firm on 15 April, 40 forecast
    on 15 May."""
    doc = order(ctx, "customer_order", "C001", [("A22", "100")], day(2, 3))
    open_orders.set_schedule(ctx, doc.id, 1, parse(
        "05/03/2026:30:F, 15/04/2026:30:F, 15/05/2026:40:P", day(2, 3)))
    return doc


def shipped(doc_id: int) -> list:
    return [x.qty for x in DocumentLine.select().where(
        DocumentLine.document == doc_id, DocumentLine.line_kind == "article")]


def test_automatic_fulfilment_ships_the_firm_deliveries_due_not_the_residual(ctx):
    doc = scheduled_order(ctx)
    # Nothing firm is due by 4 March (the line's own date, the order's, would be).
    assert fulfilment.propose(ctx, fulfilment.Selection("customer_order",
                                                        delivery_to=day(4, 3))) == []
    sel = fulfilment.Selection("customer_order", delivery_to=day(10, 3))
    [p] = fulfilment.propose(ctx, sel)
    # Residual 100, 50 on hand; due by 10 March only the 30 of 5 March.
    assert (p.residual, p.to_ship) == (d("100"), d("30"))
    # On hand 50, committed 60 (100 less the 40 forecast): the order's own 60 is its to
    # share, so 50 − 60 + 60 = 50 may be taken.
    assert p.available == d("50")
    [done] = fulfilment.fulfil(ctx, [p], day=day(10, 3))
    assert shipped(done.document.id) == [d("30")]
    # On hand 50 − 30 = 20; committed: residual 70 less forecast 40 = 30.
    assert (level(ctx).on_hand, level(ctx).committed) == (d("20"), d("30"))
    assert [s.delivered for s in open_orders.schedule(ctx, doc.id)] == [d("30"), d("0"),
                                                                       d("0")]
    # By 20 April the second firm 30 is due as well, not the forecast 40; only 20 are
    # on hand (20 − 30 committed + the order's own 30), so 20 ship and 10 stay due.
    [p] = fulfilment.propose(ctx, fulfilment.Selection("customer_order",
                                                       delivery_to=day(20, 4)))
    assert (p.residual, p.to_ship, p.available) == (d("70"), d("20"), d("20"))
    [done] = fulfilment.fulfil(ctx, [p], day=day(20, 4))
    assert shipped(done.document.id) == [d("20")]
    assert [s.left for s in open_orders.schedule(ctx, doc.id)] == [d("0"), d("10"),
                                                                  d("40")]


def test_manual_fulfilment_may_ship_ahead_of_the_schedule_and_says_so(ctx):
    doc = scheduled_order(ctx)
    sel = fulfilment.Selection("customer_order", delivery_to=day(10, 3))
    [p] = fulfilment.propose(ctx, sel, mode="manual")
    assert (p.scheduled, p.to_ship) == (d("30"), d("30"))
    p.to_ship = d("45")  # the customer wants 15 of the April delivery now
    [done] = fulfilment.fulfil(ctx, [p], day=day(10, 3))
    assert shipped(done.document.id) == [d("45")]
    number = doc.number
    assert any(w.startswith(f"Ordine {number} del 02/03/2026 riga 1: spediti 45, oltre le "
                            "consegne programmate dovute (30)") for w in done.warnings), \
        done.warnings
    # The 15 come off the next firm delivery: 30 − 15 = 15 left of 15 April.
    assert [s.left for s in open_orders.schedule(ctx, doc.id)] == [d("0"), d("15"),
                                                                  d("40")]


def test_fulfilment_without_a_date_takes_what_is_due_today(ctx):
    scheduled_order(ctx)
    plain = order(ctx, "customer_order", "C001", [("A22", "5")], day(3, 3))
    # Today (the tests' clock) is 15 March 2026.
    proposed = {p.order_id: p.to_ship for p in fulfilment.propose(
        ctx, fulfilment.Selection("customer_order"))}
    # The scheduled line: the 30 due 5 March (not the firm 30 of 15 April); the order
    # without a schedule: all its 5.
    assert sorted(proposed.values()) == [d("5"), d("30")]
    assert proposed[plain.id] == d("5")


def test_a_supplier_open_order_receives_the_firm_deliveries_due(ctx):
    doc = order(ctx, "supplier_order", "F001", [("A10", "60")], day(2, 3))
    open_orders.set_schedule(ctx, doc.id, 1, parse("01/04/2026:20:F, 01/05/2026:40:P",
                                                   day(2, 3)))
    [p] = fulfilment.propose(ctx, fulfilment.Selection("supplier_order",
                                                       delivery_to=day(15, 4)))
    assert (p.residual, p.to_ship) == (d("60"), d("20"))


def test_amending_an_open_order_keeps_the_schedules_of_surviving_lines(ctx):
    doc = order(ctx, "customer_order", "C001", [("A22", "100"), ("A10", "10")], day(2, 3))
    open_orders.set_schedule(ctx, doc.id, 1, parse(
        "05/03/2026:30:F, 15/04/2026:30:F, 15/05/2026:40:P", day(2, 3)))
    open_orders.set_schedule(ctx, doc.id, 2, parse("10/03/2026:10:F", day(2, 3)))
    # Line 1 grows to 120 (20 more left unscheduled); line 2 now sells another article.
    saved = amend.amend(ctx, doc.id, {"lines": [{"article": "A22", "qty": "120"},
                                                {"article": "A04", "qty": "10"}]})
    assert [(s.position, s.day, s.qty, s.firm) for s in open_orders.schedule(ctx, doc.id)] == [
        (1, day(5, 3), d("30"), True), (1, day(15, 4), d("30"), True),
        (1, day(15, 5), d("40"), False)]
    assert any("riga 2: consegne programmate eliminate" in w for w in saved.warnings)
    # Committed A22: 120 less the 40 forecast = 80.
    assert level(ctx).committed == d("80")


def test_an_amendment_below_the_scheduled_total_is_refused(ctx):
    doc = scheduled_order(ctx)
    with pytest.raises(ValidationError, match="riga 1.*90 sotto il totale delle consegne "
                                              "programmate 100"):
        amend.amend(ctx, doc.id, {"lines": [{"article": "A22", "qty": "90"}]})
    # Nothing changed: 100 ordered, 60 committed, the schedule whole.
    assert shipped(doc.id) == [d("100")]
    assert level(ctx).committed == d("60")
    assert len(open_orders.schedule(ctx, doc.id)) == 3


def test_amending_only_the_header_keeps_the_schedule_and_the_forecast_out(ctx):
    doc = scheduled_order(ctx)
    amend.amend(ctx, doc.id, {"notes": "consegne concordate al telefono"})
    assert [s.qty for s in open_orders.schedule(ctx, doc.id)] == [d("30"), d("30"), d("40")]
    # Still 100 less the 40 forecast committed.
    assert level(ctx).committed == d("60")


@pytest.fixture
def lot_ctx(admin_ctx):
    prepare_lots(admin_ctx)
    receive(admin_ctx, "LATTE", "10", lot="L1", lot_expiry="30/04/2026")
    return admin_ctx


def test_an_order_commitment_carries_the_lines_lot(lot_ctx):
    ctx = lot_ctx
    doc = issue(ctx, {"kind": "customer_order", "customer": "C001", "date": day(5, 3),
                      "lines": [{"article": "LATTE", "qty": "8", "lot": "L1"}]}).document
    line = DocumentLine.get(DocumentLine.document == doc.id, DocumentLine.position == 1)
    moved = [(m.committed, m.lot.code if m.lot_id else None) for m in StockMovement.select()
             .where(StockMovement.line == line.id)]
    assert moved == [(d("8"), "L1")]
    # 3 firm on 20 March, 5 forecast on 20 April: the lot holds 3 for C001 like the article.
    open_orders.set_schedule(ctx, doc.id, 1, parse("20/03/2026:3:F, 20/04/2026:5:P",
                                                   day(5, 3)))
    [l1] = lots.balances(ctx, "LATTE", party_id=party("C002").id)
    # L1: 10 on hand, 3 committed to C001 → 10 − 3 = 7 for C002.
    assert (l1.on_hand, l1.committed, l1.available) == (d("10"), d("3"), d("7"))
    assert lots.available_to(ctx, "LATTE", party("C002").id) == d("7")
