"""Pre-orders: noted by the confirmation of an order or a sale asking for more than is
available (with orders.auto_preorders on), or by hand; converted into supplier orders
grouped by supplier, or into customer orders."""

from __future__ import annotations

import dataclasses
import json
from datetime import date

import pytest

from gamma.errors import GammaError, ValidationError
from gamma.master.article_common import find_article
from gamma.orders import preorders
from gamma.sales import stock
from models import DocumentLine, PreOrder
from tests.conftest import make_settings
from tests.order_fixtures_h5 import company_ctx, order, params, put, setup
from tests.sales_fixtures import d, issue
from tests.test_cli import gamma  # noqa: F401  (the fixture)

MAR2 = date(2026, 3, 2)


@pytest.fixture
def settings():
    return make_settings(**{"orders.auto_preorders": True})


@pytest.fixture
def ctx(admin_ctx):
    setup(admin_ctx)
    params(admin_ctx, "A22", supplier="F001")
    params(admin_ctx, "A10", supplier="F002")
    put(admin_ctx, "A22", "CAR", "10")
    put(admin_ctx, "A10", "CAR", "3")
    return admin_ctx


def level(ctx, code):
    return stock.level(ctx, find_article(ctx, code))


def test_a_shortfall_notes_a_preorder_and_conversion_orders_it(ctx):
    # Order 15 of A22 with 10 on hand: available 10 − 15 = −5 → pre-order of 5.
    first = order(ctx, "customer_order", "C001", [("A22", "15")], MAR2)
    # A second order of 2: available −7, but only its own 2 are noted.
    second = order(ctx, "customer_order", "C001", [("A22", "2")], MAR2)
    # A sale (invoice) of 4 A10 with 3 on hand: 1 short.
    sale = issue(ctx, {"kind": "invoice", "date": MAR2, "customer": "C001",
                       "lines": [{"article": "A10", "qty": "4"}]})
    assert any("preordine di 1" in w for w in sale.warnings)
    open_ = preorders.listing(ctx)
    assert [(p.article.code, p.qty, p.customer.code, p.supplier.code, p.source_id, p.origin)
            for p in open_] == [
        ("A22", d("5"), "C001", "F001", first.id, "shortfall"),
        ("A22", d("2"), "C001", "F001", second.id, "shortfall"),
        ("A10", d("1"), "C001", "F002", sale.document.id, "shortfall")]
    orders = preorders.convert(ctx, [p.id for p in open_], "supplier")
    assert [(o.kind, o.party.code) for o in orders] == [("supplier_order", "F001"),
                                                       ("supplier_order", "F002")]
    lines = [(line.article.code, line.qty) for line in DocumentLine.select()
             .where(DocumentLine.document == orders[0]).order_by(DocumentLine.position)]
    assert lines == [("A22", d("5")), ("A22", d("2"))]
    # On order: A22 5 + 2 = 7, A10 1; availability back to 10 − 17 + 7 = 0.
    assert level(ctx, "A22").on_order == d("7")
    assert level(ctx, "A10").on_order == d("1")
    assert preorders.listing(ctx) == []
    converted = preorders.listing(ctx, status="converted")
    assert {p.order_id for p in converted} == {orders[0].id, orders[1].id}
    with pytest.raises(GammaError, match="già convertiti"):
        preorders.convert(ctx, [converted[0].id])


def test_what_is_on_order_covers_a_shortfall(ctx):
    put(ctx, "A04", "ORF", "10")
    order(ctx, "customer_order", "C001", [("A04", "8")], MAR2)  # 0 − 8 + 10 = 2: covered
    assert preorders.listing(ctx) == []


def test_by_hand_and_into_a_customer_order(ctx):
    pre = preorders.add(ctx, "A10", "3", customer="C001", notes="Richiesta telefonica")
    assert pre.supplier.code == "F002"  # the article's preferred supplier
    with pytest.raises(ValidationError, match="Quantità"):
        preorders.add(ctx, "A10", "0")
    made = preorders.convert(ctx, [pre.id], "customer")
    assert [(o.kind, o.party.code) for o in made] == [("customer_order", "C001")]
    # Committed 3 of A10 for the customer order.
    assert level(ctx, "A10").committed == d("3")
    assert PreOrder.get_by_id(pre.id).status == "converted"


def test_a_supplier_is_needed_to_order(ctx):
    pre = preorders.add(ctx, "A04", "2")  # A04 has no preferred supplier
    with pytest.raises(ValidationError, match="A04"):
        preorders.convert(ctx, [pre.id], "supplier")
    [made] = preorders.convert(ctx, [pre.id], "supplier", party="F002")
    assert made.party.code == "F002"


def test_nothing_noted_with_the_setting_off(ctx):
    off = dataclasses.replace(ctx, settings=make_settings())
    order(off, "customer_order", "C001", [("A22", "15")], MAR2)
    assert preorders.listing(ctx) == []


def test_preorders_from_the_command_line(gamma, db_url):  # noqa: F811
    with company_ctx(db_url) as admin:
        setup(admin)
        params(admin, "A22", supplier="F001")
    result = gamma("preorder", "add", "A22", "6", "--customer", "C001")
    assert result.exit_code == 0, result.output
    listed = json.loads(gamma("preorder", "list", "--json").stdout)
    assert [(p["article"], p["qty"], p["supplier"]) for p in listed] == [
        ("A22", "6.000", "F001")]
    assert "A22" in gamma("preorder", "list").stdout
    result = gamma("preorder", "convert", str(listed[0]["id"]))
    assert result.exit_code == 0, result.output
    assert "Ordine fornitore 1 del" in result.stdout and "F001" in result.stdout
    assert json.loads(gamma("preorder", "list", "--json").stdout) == []
