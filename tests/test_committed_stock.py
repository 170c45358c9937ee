"""Committed stock: a confirmed customer order reserves its quantities, which are then
not available to a sale for another customer, but are to the delivery note that fulfils
that very order; fulfilment and closing release the commitment."""

from __future__ import annotations

import dataclasses

import pytest

from gamma.errors import ValidationError
from gamma.sales import pickup
from tests.order_fixtures import d, date, issue, level, line, load, order, prepare_orders


@pytest.fixture
def ctx(admin_ctx):
    prepare_orders(admin_ctx)
    load(admin_ctx, {"A22": d("10")})
    return admin_ctx


def sale(ctx, customer: str, qty: str, **extra):
    return issue(ctx, {"kind": "delivery_note", "customer": customer,
                       "date": date(2026, 3, 5),
                       "lines": [{"article": "A22", "qty": qty, **extra}]})


def test_an_order_commits_and_a_sale_to_another_customer_finds_it_unavailable(ctx):
    first = order(ctx, "C001", ("A22", "8"))
    # 10 on hand, 8 committed to order A: 2 available.
    now = level(ctx, "A22")
    assert (now.on_hand, now.committed, now.available) == (d("10"), d("8"), d("2"))
    # A sale of 5 to C002: 2 available < 5 → warned (sales.negative_stock = warn).
    warned = sale(ctx, "C002", "5")
    assert warned.warnings == [
        "Riga 1, articolo A22: disponibilità insufficiente (giacenza 10, impegnati da altri "
        "ordini 8, disponibili 2, richiesti 5)"]
    assert first.kind == "customer_order"


def test_blocked_for_another_customer_but_fine_for_the_order_itself(ctx):
    blocking = dataclasses.replace(
        ctx, settings=ctx.settings.replace(**{"sales.negative_stock": "block"}))
    first = order(ctx, "C001", ("A22", "8"))
    with pytest.raises(ValidationError, match="disponibilità insufficiente"):
        sale(blocking, "C002", "5")
    # Fulfilling order A with 8: its own commitment is its to take → no warning; then
    # on hand 10 − 8 = 2, committed 8 − 8 = 0.
    done = sale(blocking, "C001", "8", origin=line(first).id)
    assert done.warnings == []
    now = level(ctx, "A22")
    assert (now.on_hand, now.committed, now.available) == (d("2"), d("0"), d("2"))
    assert pickup.residual(line(first)) == d("0")


def test_lines_or_orders_entered_not_to_fulfil_commit_nothing(ctx):
    issue(ctx, {"kind": "customer_order", "customer": "C001", "date": date(2026, 3, 2),
                "lines": [{"article": "A22", "qty": "3"},
                          {"article": "A22", "qty": "4", "not_to_fulfil": True}]})
    # Only the first line's 3 are committed.
    assert level(ctx, "A22").committed == d("3")
    issue(ctx, {"kind": "customer_order", "customer": "C002", "date": date(2026, 3, 2),
                "not_to_fulfil": "S", "lines": [{"article": "A22", "qty": "5"}]})
    assert level(ctx, "A22").committed == d("3")
