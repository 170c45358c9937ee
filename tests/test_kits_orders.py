"""Fulfilability of open customer orders for kits: in delivery-date order, served from
the kit's stock, then built from the components, the first due taking what there is."""

from __future__ import annotations

from datetime import date

import pytest

from gamma.kits import fulfilability
from tests.kit_fixtures import lamp, move
from tests.sales_fixtures import issue, prepare


@pytest.fixture
def ctx(admin_ctx):
    prepare(admin_ctx, stock_qty="")
    lamp(admin_ctx)  # LAMP ← BASE, 2 BULB, 3 SCREW +10 %
    move(admin_ctx, {"LAMP": "1", "BASE": "10", "BULB": "10", "SCREW": "40"})
    return admin_ctx


def order(ctx, qty: str, delivery: date):
    return issue(ctx, {"kind": "customer_order", "date": date(2026, 2, 1), "customer": "C001",
                       "delivery_date": delivery,
                       "lines": [{"article": "LAMP", "qty": qty, "price": "30"}]}).document


def test_open_kit_orders_are_served_in_delivery_order(ctx):
    first = order(ctx, "3", date(2026, 2, 10))
    second = order(ctx, "2", date(2026, 2, 5))
    third = order(ctx, "4", date(2026, 2, 20))
    rows = fulfilability.simulate(ctx)
    # Due 05/02, 2 lamps: the one in stock, one built (BASE 1, BULB 2, SCREW 3,3 → 3):
    #   left BASE 9, BULB 8, SCREW 37.
    # Due 10/02, 3 lamps: built (BASE 3, BULB 6, SCREW 9,9 → 10): left BASE 6, BULB 2,
    #   SCREW 27.
    # Due 20/02, 4 lamps: 2 bulbs build one; 3 short.
    assert [(r.document_id, r.day, r.residual, r.from_stock, r.built, r.short)
            for r in rows] == [
        (second.id, date(2026, 2, 5), 2, 1, 1, 0),
        (first.id, date(2026, 2, 10), 3, 0, 3, 0),
        (third.id, date(2026, 2, 20), 4, 0, 1, 3)]
    assert [r.ships for r in rows] == [True, True, False]


def test_only_one_kit_and_nothing_written(ctx):
    order(ctx, "2", date(2026, 2, 5))
    assert [r.article for r in fulfilability.simulate(ctx, "LAMP")] == ["LAMP"]
    assert fulfilability.simulate(ctx, "BASE") == []
    # a simulation moves nothing: twice the same answer
    assert fulfilability.simulate(ctx) == fulfilability.simulate(ctx)
