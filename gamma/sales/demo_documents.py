"""Demo sales: opening stock and a few documents in the demo company, so that a newcomer
finds invoices to print, delivery notes to invoice, a quote to pick up, a credit note,
price conditions and a transport charge — all written through the services.

The documents are dated the company's "today" (the demo's list prices start that day), the
opening stock the first of the year."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from gamma import db
from gamma.context import Context
from gamma.master import tables
from gamma.sales import documents, price_rules, stock
from gamma.sales.confirm import confirm
from models import Article, Party


def _customers(ctx: Context) -> list[Party]:
    return list(Party.select().where(Party.company == ctx.company, Party.is_customer,
                                     Party.active, Party.sales_block == False,  # noqa: E712
                                     Party.country == "IT", Party.payment_term.is_null(False))
                .order_by(Party.code).limit(6))


def _articles(ctx: Context) -> list[Article]:
    return list(Article.select().where(Article.company == ctx.company)
                .order_by(Article.code))


def _issue(ctx: Context, data: dict) -> int:
    saved = documents.save_draft(ctx, data)
    return confirm(ctx, saved.document.id).document.id


def load(ctx: Context) -> int:
    """Stock, conditions and documents; returns how many documents were made."""
    today = ctx.today()
    items = _articles(ctx)
    customers = _customers(ctx)
    if len(items) < 20 or len(customers) < 4:
        return 0
    depot = tables.find(ctx, "depot", ctx.settings.sales.depot)
    opening = tables.find(ctx, "stock_reason", "INV")
    with db.transaction():
        stock.move(ctx, [{"article": a.id, "depot": depot.id, "reason": opening,
                          "date": date(today.year, 1, 1),
                          "qty": Decimal(20 + (n * 37) % 180)}
                         for n, a in enumerate(items)])
    first, second, third, fourth = customers[:4]
    price_rules.add(ctx, "customer_article", party=first.code, article=items[0].code,
                    price=Decimal("1.50"), description="Prezzo concordato")
    price_rules.add(ctx, "promotion", article=items[3].code, buy_qty=3, pay_qty=2,
                    description="Promozione 3×2")
    tables.save(ctx, "charge_rule", {"code": "TRA", "description": "Spese di trasporto",
                                     "kinds": "invoice,delivery_note", "freight_terms": "FA",
                                     "basis": "amount", "mode": "fixed",
                                     "value": Decimal("12.00"), "vat_code": "22"})
    day = today
    made = 0

    def lines(*picks: tuple[int, str]) -> list[dict]:
        return [{"article": items[i].code, "qty": q} for i, q in picks]

    invoice = _issue(ctx, {"kind": "invoice", "date": day, "customer": first.code,
                           "lines": lines((0, "24"), (5, "10"), (9, "3"))
                           + [{"comment": "Merce consegnata al magazzino"}]})
    _issue(ctx, {"kind": "invoice", "date": day, "customer": second.code,
                 "freight_terms": "FA", "lines": lines((3, "6"), (12, "2"))})
    for offset, customer in ((4, third), (3, third), (2, fourth)):
        _issue(ctx, {"kind": "delivery_note", "date": today,
                     "customer": customer.code, "packages": 2,
                     "lines": lines((offset, "5"), (offset + 10, "2"))})
        made += 1
    quote = _issue(ctx, {"kind": "quote", "date": today,
                         "customer": fourth.code, "lines": lines((15, "50"), (16, "20"))})
    from gamma.sales import pickup
    inv_lines = [x for x in documents.lines_of(documents.find(ctx, invoice))
                 if x.line_kind == "article"]
    _issue(ctx, {"kind": "credit_note", "date": today, "customer": first.code,
                 "lines": pickup.lines_to_pick(ctx, [invoice], {
                     inv_lines[0].id: Decimal("4"), inv_lines[1].id: Decimal("0"),
                     inv_lines[2].id: Decimal("0")})})
    documents.save_draft(ctx, {"kind": "invoice", "date": today, "customer": second.code,
                               "lines": lines((20, "1"))})
    return made + 5 + (1 if quote else 0)
