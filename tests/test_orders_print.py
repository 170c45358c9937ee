"""The order confirmation print (config/layouts/order.toml), the purchase order to a
supplier (supplier_order.toml) and the goods receipt (goods_receipt.toml, no prices)."""

from __future__ import annotations

import pytest

from gamma.orders import fulfilment
from gamma.sales import printing
from tests.order_fixtures import date, order, prepare_orders


@pytest.fixture
def ctx(admin_ctx):
    prepare_orders(admin_ctx)
    return admin_ctx


def test_a_customer_order_prints_as_the_order_confirmation(ctx):
    confirmed = order(ctx, "C001", ("A22", "3"), delivery_date="2026-03-20")
    text = printing.render(ctx, confirmed.id, "text")
    assert "Conferma d'ordine" in text and "Bar Sport" in text
    assert "Consegna richiesta: 20/03/2026" in text
    # 3 × 10,00 = 30,00 + 22 % = 36,60; no instalments on a confirmation.
    assert "36,60" in text and "Scadenze" not in text


def test_a_supplier_order_and_its_goods_receipt(ctx):
    expected = order(ctx, "F001", ("A10", "4"), kind="supplier_order")
    text = printing.render(ctx, expected.id, "text")
    assert "Ordine a fornitore" in text and "Viteria Lombarda" in text
    assert "Indicare il numero del presente ordine" in text
    [done] = fulfilment.fulfil(ctx, fulfilment.propose(
        ctx, fulfilment.Selection(kind="supplier_order")), kind="supplier_order",
        day=date(2026, 3, 10))
    received = printing.render(ctx, done.document.id, "text")
    assert "Carico da fornitore" in received and "5,50" not in received
