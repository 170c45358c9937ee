"""Suppliers, reorder parameters and stock for the reorder, pre-order, open-order and
order-report tests, on top of tests.sales_fixtures (customer C001, articles A22, A10, A04)."""

from __future__ import annotations

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
