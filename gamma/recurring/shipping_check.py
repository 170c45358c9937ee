"""The data check of the generated recurring orders before they go to the warehouse
(controllo dati prima della spedizione): the orders delivered on a day that still have
something to ship, against what changed since they were made and the stock there is.

Errors: the customer deactivated or with sales blocked since; an article of a line still to
ship deactivated or obsolete since. Warnings: an article whose quantity still to ship on
the day, over all those orders, exceeds what is on hand in the depot of the lines (the
orders hold it as committed, so only the goods physically there can leave).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from gamma import functions
from gamma.context import Context
from gamma.orders import residuals
from gamma.recurring.check import ERROR, WARNING, Problem, qty_text
from gamma.sales import stock
from gamma.service import operation
from models import Article, Document, DocumentLine, Party, RecurringRun, RecurringTemplate


@operation(functions.RECURRING_PANEL, write=False)
def shipping_check(ctx: Context, day: date) -> list[Problem]:
    """The problems of the recurring orders to deliver on `day`, per order in customer
    order, then the stock warnings per article."""
    runs = list(RecurringRun.select(RecurringRun, RecurringTemplate, Document, Party)
                .join(RecurringTemplate).switch(RecurringRun).join(Document)
                .join(Party, on=(Document.party == Party.id))
                .where(RecurringRun.company == ctx.require_company(),
                       Document.delivery_date == day)
                .order_by(Party.code, RecurringTemplate.code))
    by_order = {run.document.id: run for run in runs}
    lines = (DocumentLine.select(DocumentLine, Article).join(Article)
             .where(DocumentLine.document.in_(list(by_order) or [0]))
             .order_by(DocumentLine.document, DocumentLine.position))
    out: list[Problem] = []
    to_ship: dict[tuple[int, int | None], Decimal] = defaultdict(Decimal)
    seen: set[int] = set()
    for line in lines:
        run = by_order[line.document_id]
        order = run.document
        left = residuals.residual(line, order)
        if left <= 0:
            continue
        where = f"ordine {order.number}"
        if order.id not in seen:
            seen.add(order.id)
            out += _customer(run.template.code, where, order.party)
        article = line.article
        if not article.active or article.obsolete:
            state = "disattivato" if not article.active else "obsoleto"
            out.append(Problem(run.template.code, ERROR,
                               f"{where}, riga {line.position}: articolo {article.code} "
                               f"{state}"))
        to_ship[(article.id, line.depot_id)] += left
    return out + _stock(ctx, to_ship)


def _customer(template: str, where: str, party: Party) -> list[Problem]:
    if not party.active:
        return [Problem(template, ERROR, f"{where}: cliente {party.code} disattivato")]
    if party.sales_block:
        reason = f": {party.block_reason}" if party.block_reason else ""
        return [Problem(template, ERROR, f"{where}: cliente {party.code} bloccato{reason}")]
    return []


def _stock(ctx: Context, to_ship: dict[tuple[int, int | None], Decimal]) -> list[Problem]:
    out = []
    codes = dict(Article.select(Article.id, Article.code)
                 .where(Article.id.in_([a for a, _ in to_ship] or [0])).tuples())
    for (article_id, depot_id), qty in sorted(to_ship.items(),
                                              key=lambda kv: codes[kv[0][0]]):
        level = stock.levels(ctx, [article_id], depot_id).get(article_id)
        on_hand = level.on_hand if level else Decimal(0)
        if qty > on_hand:
            out.append(Problem("tutti", WARNING, f"articolo {codes[article_id]}: da spedire "
                                            f"{qty_text(qty)}, in giacenza {qty_text(on_hand)}"))
    return out
