"""Open orders: scheduled deliveries per order line, firm ones committed (or on order),
forecast ones only in the rolling availability; fulfilment of the firm deliveries due."""

from __future__ import annotations

from datetime import date

import pytest

from gamma.errors import GammaError, ValidationError
from gamma.master.article_common import find_article
from gamma.orders import open_orders, rolling
from gamma.orders.open_orders import Delivery, parse
from gamma.sales import stock
from models import DocumentLine
from tests.order_fixtures_h5 import order, put, setup
from tests.sales_fixtures import d


def day(n: int, month: int) -> date:
    return date(2026, month, n)


@pytest.fixture
def ctx(admin_ctx):
    setup(admin_ctx)
    put(admin_ctx, "A22", "CAR", "50")
    return admin_ctx


def level(ctx, code="A22"):
    return stock.level(ctx, find_article(ctx, code))


def test_firm_deliveries_are_committed_forecast_ones_only_rolling(ctx):
    doc = order(ctx, "customer_order", "C001", [("A22", "100")], day(2, 3))
    assert level(ctx).committed == d("100")
    schedule = parse("15/03/2026:30:F, 15/04/2026:30, 15/05/2026:40:P", day(10, 3))
    assert schedule[1] == Delivery(day(15, 4), d("30"), True)  # firm when not said
    open_orders.set_schedule(ctx, doc.id, 1, schedule)
    # Committed: 100 less the forecast 40 = 60.
    assert level(ctx).committed == d("60")
    # Rolling: on hand 50; 15/3 −30 → 20; 15/4 −30 → −10; 15/5 −40 (forecast) → −50.
    steps = rolling.rolling(ctx, "A22").steps
    assert [(s.day, s.outgoing, s.firm, s.available) for s in steps] == [
        (day(15, 3), d("30"), True, d("20")), (day(15, 4), d("30"), True, d("-10")),
        (day(15, 5), d("40"), False, d("-50"))]
    # The forecast becomes firm: all 100 committed again.
    open_orders.set_schedule(ctx, doc.id, 1, parse(
        "15/03/2026:30:F, 15/04/2026:30:F, 15/05/2026:40:F", day(10, 3)))
    assert level(ctx).committed == d("100")


def test_fulfilment_takes_the_due_deliveries(ctx):
    doc = order(ctx, "customer_order", "C001", [("A22", "100")], day(2, 3))
    open_orders.set_schedule(ctx, doc.id, 1, parse(
        "05/03/2026:30:F, 15/04/2026:30:F, 15/05/2026:40:P", day(10, 3)))
    line = DocumentLine.get(DocumentLine.document == doc.id, DocumentLine.position == 1)
    # Due by 10 March: the 30 of 5 March only.
    assert open_orders.due(ctx, doc.id, day(10, 3)) == {line.id: d("30")}
    note = open_orders.fulfil_due(ctx, doc.id, day(10, 3))
    assert note.kind == "delivery_note"
    assert [(x.qty, x.origin_id) for x in DocumentLine.select().where(
        DocumentLine.document == note, DocumentLine.line_kind == "article")] == [
        (d("30"), line.id)]
    # On hand 50 − 30 = 20; committed: residual 70 less forecast 40 = 30.
    assert (level(ctx).on_hand, level(ctx).committed) == (d("20"), d("30"))
    assert [(s.day, s.delivered) for s in open_orders.schedule(ctx, doc.id)] == [
        (day(5, 3), d("30")), (day(15, 4), d("0")), (day(15, 5), d("0"))]
    with pytest.raises(GammaError, match="nessuna consegna"):
        open_orders.fulfil_due(ctx, doc.id, day(10, 3))


def test_supplier_open_order_expects_only_firm_deliveries(ctx):
    doc = order(ctx, "supplier_order", "F001", [("A10", "60")], day(2, 3))
    open_orders.set_schedule(ctx, doc.id, 1, parse("01/04/2026:20:F, 01/05/2026:40:P",
                                                   day(10, 3)))
    assert level(ctx, "A10").on_order == d("20")


def test_a_schedule_is_checked(ctx):
    doc = order(ctx, "customer_order", "C001", [("A22", "10")], day(2, 3))
    with pytest.raises(ValidationError, match="oltre la quantità"):
        open_orders.set_schedule(ctx, doc.id, 1, parse("15/03/2026:8, 15/04/2026:5",
                                                       day(10, 3)))
    with pytest.raises(ValidationError, match="anteriore"):
        open_orders.set_schedule(ctx, doc.id, 1, parse("01/02/2026:5", day(10, 3)))
    with pytest.raises(ValidationError, match="DATA:QUANTITÀ"):
        parse("15/03/2026", day(10, 3))
    with pytest.raises(ValidationError, match="riga articolo 2"):
        open_orders.set_schedule(ctx, doc.id, 2, parse("15/03/2026:5", day(10, 3)))
    assert level(ctx).committed == d("10")  # nothing changed


def test_a_delivery_note_shipping_past_the_firm_deliveries_settles_the_forecast(ctx):
    from gamma.sales import documents, pickup
    from gamma.sales.confirm import confirm
    put(ctx, "A22", "CAR", "50")  # 100 on hand
    doc = order(ctx, "customer_order", "C001", [("A22", "100")], day(2, 3))
    open_orders.set_schedule(ctx, doc.id, 1, parse(
        "05/03/2026:30:F, 15/04/2026:30:F, 15/05/2026:40:P", day(10, 3)))
    line = DocumentLine.get(DocumentLine.document == doc.id, DocumentLine.position == 1)
    saved = documents.save_draft(ctx, {"kind": "delivery_note", "date": day(10, 3),
                                       "customer": "C001", "lines": pickup.lines_to_pick(
                                           ctx, [doc.id], {line.id: d("70")})})
    confirm(ctx, saved.document.id)
    # 70 shipped settle 30 + 30 firm and 10 of the forecast 40: what is left (30) is all
    # forecast, so nothing stays committed; on hand 100 − 70 = 30.
    assert (level(ctx).on_hand, level(ctx).committed) == (d("30"), d("0"))
    assert [s.delivered for s in open_orders.schedule(ctx, doc.id)] == [
        d("30"), d("30"), d("10")]
