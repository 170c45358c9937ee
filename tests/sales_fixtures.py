"""A company ready to sell: customer C001 (RiBa 30/60/90 end of month), articles with
VAT 22, 10 and 4 % and list prices, 100 of each in depot 01."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from gamma import records
from gamma.master import article_prices, articles, parties, tables
from gamma.sales import documents, stock
from gamma.sales.confirm import confirm
from models import Party

ARTICLES = (("A22", "Vite inox M6", "22", "10.00"), ("A10", "Pasta di semola", "10", "5.50"),
            ("A04", "Pane comune", "4", "2.00"))


def d(text: str) -> Decimal:
    return Decimal(text)


def prepare(ctx, stock_qty: str = "100") -> None:
    parties.save_from_form(ctx, {"code": "C001", "name": "Bar Sport S.r.l.",
                                 "payment_term": "RB306090", "price_list": "1"})
    for code, description, vat, price in ARTICLES:
        articles.save_from_form(ctx, {"code": code, "description": description,
                                      "unit": "NR", "vat_code": vat})
        article_prices.set_price(ctx, code, 1, d(price), date(2026, 1, 1))
    if stock_qty:
        load(ctx, {code: d(stock_qty) for code, *_ in ARTICLES})


def load(ctx, quantities: dict[str, Decimal], day: date = date(2026, 1, 1)) -> None:
    from gamma import db
    from gamma.master.article_common import find_article
    depot = tables.find(ctx, "depot", "01")
    reason = tables.find(ctx, "stock_reason", "CAR")
    with db.transaction():
        stock.move(ctx, [{"article": find_article(ctx, code).id, "depot": depot.id,
                          "reason": reason, "date": day, "qty": qty}
                         for code, qty in quantities.items()])


def party(code: str = "C001") -> Party:
    return Party.get(Party.code == code)


def set_party(ctx, code: str = "C001", **values) -> Party:
    return records.update(ctx, party(code), **values)


def issue(ctx, data: dict, **confirm_args):
    saved = documents.save_draft(ctx, data)
    return confirm(ctx, saved.document.id, **confirm_args)
