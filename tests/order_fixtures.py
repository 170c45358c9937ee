"""Orders on top of the sales fixtures: a second customer C002, a supplier F001, and
helpers to place and read orders."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from gamma.master import parties
from gamma.master.article_common import find_article
from gamma.orders import residuals
from gamma.sales import stock
from models import Document, DocumentLine
from tests.sales_fixtures import d, issue, load, prepare

__all__ = ["d", "order", "line", "level", "prepare_orders", "load"]


def prepare_orders(ctx, stock_qty: str = "") -> None:
    """C001 and C002 customers, F001 supplier, articles A22/A10/A04 with `stock_qty` of
    each in depot 01 (none by default)."""
    prepare(ctx, stock_qty)
    parties.save_from_form(ctx, {"code": "C002", "name": "Trattoria Da Gino",
                                 "payment_term": "RB306090", "price_list": "1"})
    parties.save_from_form(ctx, {"code": "F001", "name": "Viteria Lombarda S.p.A.",
                                 "is_customer": "N", "is_supplier": "S"})


def order(ctx, customer: str, *lines, kind: str = "customer_order", day: int = 2,
          **head) -> Document:
    """A confirmed order of (article, qty) lines, dated March `day`, 2026."""
    key = "supplier" if kind == "supplier_order" else "customer"
    return issue(ctx, {"kind": kind, key: customer, "date": date(2026, 3, day),
                       "lines": [{"article": a, "qty": q} for a, q in lines], **head}).document


def line(doc: Document, position: int = 1) -> DocumentLine:
    return DocumentLine.get(DocumentLine.document == doc, DocumentLine.position == position)


def level(ctx, code: str) -> stock.Level:
    return stock.level(ctx, find_article(ctx, code))


def residual(doc: Document, position: int = 1) -> Decimal:
    fresh = line(doc, position)
    return residuals.residual(fresh, Document.get_by_id(doc.id))


__all__ += ["residual", "date"]
