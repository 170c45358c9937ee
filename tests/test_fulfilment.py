"""Order fulfilment: partial fulfilment and its residual, a change to the delivery note
moving the residual (automatically or when confirmed), lines and orders not to fulfil,
automatic fulfilment by priority with limited stock, supplier orders received in part."""

from __future__ import annotations

import dataclasses

import pytest

from gamma.errors import GammaError
from gamma.orders import closing, fulfilment, residuals
from gamma.orders.fulfilment import Selection
from gamma.sales import amend, json_io
from models import Document, DocumentLine
from tests.order_fixtures import d, date, level, line, load, order, prepare_orders, residual


@pytest.fixture
def ctx(admin_ctx):
    prepare_orders(admin_ctx)
    return admin_ctx


def ship(ctx, sel: Selection, quantities: dict[int, str] | None = None, **options):
    """Propose (manual when quantities are given) and fulfil; the outcomes."""
    mode = "manual" if quantities is not None else "automatic"
    proposed = fulfilment.propose(ctx, sel, mode, partial=options.pop("partial", True))
    if quantities is not None:
        for p in proposed:
            p.to_ship = d(quantities.get(p.line_id, "0"))
    return fulfilment.fulfil(ctx, proposed, kind=sel.kind, day=date(2026, 3, 10), **options)


def test_a_partial_fulfilment_leaves_the_right_residual(ctx):
    load(ctx, {"A22": d("20")})
    first = order(ctx, "C001", ("A22", "10"), ("A10", "3"))
    # Ship 6 of the 10 screws, nothing of the pasta.
    [done] = ship(ctx, Selection(orders=(first.id,)), {line(first, 1).id: "6"})
    note = done.document
    assert note.kind == "delivery_note" and done.error == ""
    picked = DocumentLine.get(DocumentLine.document == note, DocumentLine.article.is_null(False))
    assert (picked.qty, picked.origin_id) == (d("6"), line(first, 1).id)
    # Residual 10 − 6 = 4; on hand 20 − 6 = 14; committed 4 (screws) — the pasta's 3
    # committed stay with its article.
    assert residual(first, 1) == d("4") and residual(first, 2) == d("3")
    now = level(ctx, "A22")
    assert (now.on_hand, now.committed) == (d("14"), d("4"))
    shown = json_io.show(ctx, first.id)
    assert shown["order_status"] == "partial"
    goods = [x for x in shown["lines"] if x["kind"] == "article"]
    assert [(x["ordered"], x["fulfilled"], x["residual"]) for x in goods] == [
        ("10", "6", "4"), ("3", "0", "3")]
    # The rest later: the order is fulfilled, nothing committed.
    ship(ctx, Selection(orders=(first.id,)), {line(first, 1).id: "4", line(first, 2).id: "3"})
    assert json_io.show(ctx, first.id)["order_status"] == "fulfilled"
    assert level(ctx, "A22").committed == d("0") and level(ctx, "A10").committed == d("0")


def _note_lines(note: Document, qty: str) -> list[dict]:
    picked = DocumentLine.get(DocumentLine.document == note, DocumentLine.article.is_null(False))
    return [{"article": "A22", "qty": qty, "origin": picked.origin_id}]


def test_editing_the_delivery_note_quantity_adjusts_the_residual(ctx):
    load(ctx, {"A22": d("20")})
    first = order(ctx, "C001", ("A22", "10"))
    [done] = ship(ctx, Selection(orders=(first.id,)), {line(first).id: "6"})
    # The note's 6 become 4: residual 10 − 4 = 6, committed 6, on hand 20 − 4 = 16.
    amend.amend(ctx, done.document.id, {"lines": _note_lines(done.document, "4")})
    assert residual(first) == d("6")
    now = level(ctx, "A22")
    assert (now.on_hand, now.committed) == (d("16"), d("6"))


def test_with_confirmation_the_residual_moves_only_when_the_operator_says_so(ctx):
    asking = dataclasses.replace(
        ctx, settings=ctx.settings.replace(**{"orders.residual_on_change": "confirm"}))
    load(ctx, {"A22": d("20")})
    first = order(ctx, "C001", ("A22", "10"))
    [done] = ship(ctx, Selection(orders=(first.id,)), {line(first).id: "6"})
    with pytest.raises(residuals.ResidualQuestion, match=r"evaso 6 → 4, residuo 4 → 6"):
        amend.amend(asking, done.document.id, {"lines": _note_lines(done.document, "4")})
    assert residual(first) == d("4")  # the question changed nothing
    # "keep": the note ships 4, the order's residual stays 4 (the 2 are given up) and
    # so does its commitment; on hand 20 − 4 = 16.
    amend.amend(asking, done.document.id, {"lines": _note_lines(done.document, "4")},
                residual="keep")
    assert residual(first) == d("4")
    now = level(ctx, "A22")
    assert (now.on_hand, now.committed) == (d("16"), d("4"))
    # Then 4 → 5 answered "adjust": residual 4 − 1 = 3, committed 3, on hand 15.
    amend.amend(asking, done.document.id, {"lines": _note_lines(done.document, "5")},
                residual="adjust")
    assert residual(first) == d("3")
    now = level(ctx, "A22")
    assert (now.on_hand, now.committed) == (d("15"), d("3"))


def test_a_line_marked_not_to_fulfil_drops_out_and_releases_its_commitment(ctx):
    load(ctx, {"A22": d("50"), "A10": d("50")})
    first = order(ctx, "C001", ("A22", "10"), ("A10", "5"))
    assert level(ctx, "A10").committed == d("5")
    closing.set_not_to_fulfil(ctx, first.id, (2,))
    assert level(ctx, "A10").committed == d("0")
    proposed = fulfilment.propose(ctx, Selection(orders=(first.id,)))
    assert [(p.article, p.to_ship) for p in proposed] == [("A22", d("10"))]
    [done] = fulfilment.fulfil(ctx, proposed, day=date(2026, 3, 10))
    shipped = [x.article.code for x in done.document.lines if x.article_id]
    assert shipped == ["A22"]
    # Line 1 fulfilled, line 2 given up: the order is closed.
    assert json_io.show(ctx, first.id)["order_status"] == "closed"


def test_a_whole_order_not_to_fulfil_is_left_out_and_can_be_reopened(ctx):
    load(ctx, {"A22": d("50")})
    first = order(ctx, "C001", ("A22", "10"))
    closing.set_not_to_fulfil(ctx, first.id)
    assert level(ctx, "A22").committed == d("0")
    assert fulfilment.propose(ctx, Selection()) == []
    closing.set_not_to_fulfil(ctx, first.id, value=False)
    assert level(ctx, "A22").committed == d("10")
    assert [p.to_ship for p in fulfilment.propose(ctx, Selection())] == [d("10")]


def test_automatic_fulfilment_serves_priority_then_delivery_date_with_limited_stock(ctx):
    load(ctx, {"A22": d("10")})
    late = order(ctx, "C001", ("A22", "6"), day=1, delivery_date="2026-03-20")
    urgent = order(ctx, "C002", ("A22", "8"), day=3, priority="1")
    soon = order(ctx, "C001", ("A22", "3"), day=2, delivery_date="2026-03-12")
    # 10 on hand, all committed to the three orders (6 + 8 + 3 = 17).
    # Priority 1 first: urgent takes 8 (2 left); then priority 5 by delivery date:
    # soon (12/03) takes 2 of its 3, late (20/03) nothing.
    proposed = fulfilment.propose(ctx, Selection())
    assert [(p.order_id, p.to_ship) for p in proposed] == [
        (urgent.id, d("8")), (soon.id, d("2")), (late.id, d("0"))]
    results = fulfilment.fulfil(ctx, proposed, day=date(2026, 3, 10))
    assert [r.orders for r in results] == [[proposed[0].order], [proposed[1].order]]
    assert all(r.document is not None for r in results), [r.error for r in results]
    # On hand 10 − 8 − 2 = 0; committed: soon's 1 and late's 6 = 7.
    now = level(ctx, "A22")
    assert (now.on_hand, now.committed) == (d("0"), d("7"))
    assert (residual(urgent), residual(soon), residual(late)) == (d("0"), d("1"), d("6"))


def test_full_fulfilment_ships_an_order_only_when_all_of_it_is_available(ctx):
    load(ctx, {"A22": d("10"), "A10": d("1")})
    first = order(ctx, "C001", ("A22", "4"), ("A10", "2"))  # only 1 of the 2 A10
    second = order(ctx, "C002", ("A22", "5"), day=3)
    proposed = fulfilment.propose(ctx, Selection(), partial=False)
    # The first order cannot ship whole: nothing of it; its 4 screws stay for the
    # second order, which ships its 5.
    assert [(p.order_id, p.article, p.to_ship) for p in proposed] == [
        (first.id, "A22", d("0")), (first.id, "A10", d("0")), (second.id, "A22", d("5"))]


def test_selection_by_number_party_article_delivery_date_and_priority(ctx):
    load(ctx, {"A22": d("100"), "A10": d("100")})
    one = order(ctx, "C001", ("A22", "1"), delivery_date="2026-03-05")
    two = order(ctx, "C002", ("A10", "1"), priority="2")
    three = order(ctx, "C002", ("A22", "1"), delivery_date="2026-03-30")

    def ids(**sel):
        return [p.order_id for p in fulfilment.propose(ctx, Selection(**sel))]

    assert ids(number_from=two.number, number_to=three.number) == [two.id, three.id]
    assert ids(party_from="C002", party_to="C002") == [two.id, three.id]
    assert ids(article="A22") == [one.id, three.id]
    # By 10/03: one (05/03) and two (no date: due now); three (30/03) waits.
    assert ids(delivery_to=date(2026, 3, 10)) == [two.id, one.id]
    assert ids(priority=2) == [two.id]


def test_a_supplier_order_received_in_part_raises_on_hand_and_lowers_on_order(ctx):
    expected = order(ctx, "F001", ("A10", "10"), kind="supplier_order")
    assert expected.party.code == "F001"
    now = level(ctx, "A10")
    assert (now.on_hand, now.on_order) == (d("0"), d("10"))
    [done] = ship(ctx, Selection(kind="supplier_order"), {line(expected).id: "4"})
    assert done.document.kind == "goods_receipt", done.error
    # Received 4: on hand 0 + 4 = 4, on order 10 − 4 = 6, residual 6.
    now = level(ctx, "A10")
    assert (now.on_hand, now.on_order) == (d("4"), d("6"))
    assert residual(expected) == d("6")
    assert json_io.show(ctx, expected.id)["order_status"] == "partial"


def test_a_supplier_order_takes_a_supplier_and_a_customer_order_a_customer(ctx):
    with pytest.raises(GammaError, match="C001 non è un fornitore"):
        order(ctx, "C001", ("A10", "1"), kind="supplier_order")
    with pytest.raises(GammaError, match="F001 non è un cliente"):
        order(ctx, "F001", ("A10", "1"))


def test_fulfilment_as_invoice_and_one_document_per_customer(ctx):
    load(ctx, {"A22": d("10")})
    order(ctx, "C001", ("A22", "2"))
    order(ctx, "C001", ("A22", "3"), day=3)
    results = ship(ctx, Selection(), target="invoice", group="party")
    [done] = results
    assert done.document.kind == "invoice", done.error
    # 2 + 3 = 5 screws at 10,00 = 50,00 + 22 % = 61,00.
    assert done.document.total == d("61.00")
    assert level(ctx, "A22").on_hand == d("5")


def test_an_order_picked_up_from_a_quote_commits_and_closes_the_quote(ctx):
    from gamma.sales import pickup
    from tests.order_fixtures import issue
    quote = issue(ctx, {"kind": "quote", "customer": "C001", "date": date(2026, 3, 1),
                        "lines": [{"article": "A22", "qty": "4", "price": "9.50"}]}).document
    placed = issue(ctx, {"kind": "customer_order", "customer": "C001",
                         "date": date(2026, 3, 2),
                         "lines": pickup.lines_to_pick(ctx, [quote.id])}).document
    goods = line(placed, 2)  # after the "Rif. Preventivo" comment
    # The quote's price and quantity; 4 committed; nothing left on the quote.
    assert (goods.qty, goods.price, goods.origin_id) == (d("4"), d("9.50"), line(quote).id)
    assert level(ctx, "A22").committed == d("4")
    assert pickup.residual(line(quote)) == d("0")


def test_manual_lines_ship_their_residual_and_wait_with_a_whole_order(ctx):
    load(ctx, {"A22": d("1")})
    first = issue_order(ctx, [{"article": "A22", "qty": "2"},
                              {"description": "Montaggio", "qty": "1", "price": "40.00"}])
    # Only 1 of the 2 screws: partially, the screw's 1 and the fitting ship; whole
    # orders only, nothing ships.
    assert [(p.article, p.to_ship) for p in fulfilment.propose(ctx, Selection())] == [
        ("A22", d("1")), ("", d("1"))]
    assert [p.to_ship for p in fulfilment.propose(ctx, Selection(), partial=False)] == [
        d("0"), d("0")]
    [done] = ship(ctx, Selection())
    assert done.error == "" and residual(first, 2) == d("0") and residual(first, 1) == d("1")


def issue_order(ctx, lines: list[dict]) -> Document:
    from tests.order_fixtures import issue
    return issue(ctx, {"kind": "customer_order", "customer": "C001",
                       "date": date(2026, 3, 2), "lines": lines}).document


def test_close_rest_gives_up_what_a_partial_shipment_leaves(ctx):
    load(ctx, {"A22": d("5")})
    first = order(ctx, "C001", ("A22", "4"))
    second = order(ctx, "C001", ("A22", "4"), day=3)
    # 5 on hand for 8 ordered: the first order ships 4, the second 1 and gives up 3.
    [done] = ship(ctx, Selection(), group="party", close_rest=True)
    assert done.error == ""
    assert (residual(first), residual(second)) == (d("0"), d("0"))
    assert line(second).not_to_fulfil
    now = level(ctx, "A22")
    assert (now.on_hand, now.committed) == (d("0"), d("0"))
    assert json_io.show(ctx, second.id)["order_status"] == "closed"
