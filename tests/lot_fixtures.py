"""Lot- and serial-tracked articles on top of the order fixtures (customers C001 and C002,
supplier F001): LATTE kept by lots, TV55 by serials, goods received and sold through
documents."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from gamma.master import article_prices, articles
from gamma.master.article_common import find_article
from gamma.stock import lots
from models import Article, Document, DocumentLine, Lot, Serial
from tests.order_fixtures import prepare_orders
from tests.sales_fixtures import d, issue

__all__ = ["d", "date", "prepare_lots", "receive", "sell", "lot", "serial", "on_hand"]


def prepare_lots(ctx) -> None:
    prepare_orders(ctx)
    articles.save_from_form(ctx, {"code": "LATTE", "description": "Latte UHT 1 l",
                                  "unit": "NR", "vat_code": "4", "lot_tracked": True})
    articles.save_from_form(ctx, {"code": "TV55", "description": "Televisore 55 pollici",
                                  "unit": "NR", "vat_code": "22", "serial_tracked": True})
    article_prices.set_price(ctx, "LATTE", 1, d("1.20"), date(2026, 1, 1))
    article_prices.set_price(ctx, "TV55", 1, d("500.00"), date(2026, 1, 1))


def receive(ctx, article: str, qty: str, day: date = date(2026, 3, 1), supplier="F001",
            **line) -> Document:
    """A confirmed goods receipt from the supplier of one line."""
    return issue(ctx, {"kind": "goods_receipt", "supplier": supplier, "date": day,
                       "lines": [{"article": article, "qty": qty, "price": "1.00",
                                  **line}]}).document


def sell(ctx, customer: str, article: str, qty: str, day: date = date(2026, 3, 10),
         kind: str = "delivery_note", **line):
    """A confirmed sale of one line; returns what confirm returns (document, warnings)."""
    return issue(ctx, {"kind": kind, "customer": customer, "date": day,
                       "lines": [{"article": article, "qty": qty, **line}]})


def lot(ctx, code: str, article: str = "LATTE") -> Lot:
    return lots.find(ctx, article, code)


def serial(code: str, article: str = "TV55") -> Serial:
    return Serial.get(Serial.code == code,
                      Serial.article == Article.get(Article.code == article))


def on_hand(ctx, code: str, article: str = "LATTE") -> Decimal:
    return lots.on_hand(ctx, lot(ctx, code, article))


def first_line(doc: Document) -> DocumentLine:
    return DocumentLine.get(DocumentLine.document == doc, DocumentLine.position == 1)


def article(ctx, code: str) -> Article:
    return find_article(ctx, code)
