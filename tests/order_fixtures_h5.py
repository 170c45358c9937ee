"""Suppliers, reorder parameters and stock for the reorder, pre-order, open-order and
order-report tests, on top of tests.sales_fixtures (customer C001, articles A22, A10, A04)."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date
from decimal import Decimal

from gamma import db
from gamma.master import parties, tables
from gamma.master.article_common import find_article
from gamma.orders import reorder
from gamma.sales import stock
from tests.sales_fixtures import issue, prepare

SUPPLIERS = (("F001", "Ferramenta Nord S.p.A."), ("F002", "Alimentari Sud S.r.l."))


def setup(ctx) -> None:
    """The sales fixture without stock, and two suppliers."""
    prepare(ctx, stock_qty="")
    for code, name in SUPPLIERS:
        parties.save_from_form(ctx, {"code": code, "name": name, "is_customer": False,
                                     "is_supplier": True})


def put(ctx, code: str, reason: str, qty: str, day: date = date(2026, 1, 1)) -> None:
    """A bare movement (CAR loads on hand, ORC commits, ORF puts on order)."""
    with db.transaction():
        stock.move(ctx, [{"article": find_article(ctx, code).id,
                          "depot": tables.find(ctx, "depot", "01").id,
                          "reason": stock.reason(ctx, reason), "date": day,
                          "qty": Decimal(qty)}])


def params(ctx, code: str, **values) -> None:
    reorder.set_parameters(ctx, code, **values)


def order(ctx, kind: str, party: str, lines: list[tuple[str, str]], day: date, **head):
    """A confirmed customer or supplier order."""
    return issue(ctx, {"kind": kind, "date": day, "customer": party, **head,
                       "lines": [{"article": a, "qty": q} for a, q in lines]}).document


def reorder_example(ctx) -> None:
    """A22: min 10, lots of 6, supplier F001; on hand 3, committed 4, on order 2
    (available 3 − 4 + 2 = 1: 9 short, two lots = 12 to order)."""
    params(ctx, "A22", min_stock="10", reorder_lot="6", supplier="F001")
    put(ctx, "A22", "CAR", "3")
    put(ctx, "A22", "ORC", "4")
    put(ctx, "A22", "ORF", "2")


@contextmanager
def company_ctx(db_url: str):
    """The administrator on company 1 of the database the CLI tests run on."""
    from gamma import companies
    from gamma.access import operators
    from gamma.context import Context
    from tests.conftest import make_settings
    db.connect(db_url)
    try:
        yield companies.open_company(
            Context(make_settings(), operator=operators.find("admin")), 1)
    finally:
        db.close()
