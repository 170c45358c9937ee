"""The movements list (function 301): filtered by article, depot, reason and dates,
newest first, as plain rows for the screen and the CLI."""

from __future__ import annotations

from datetime import date

from peewee import JOIN

from gamma import functions
from gamma.context import Context
from gamma.errors import NotFound, ValidationError
from gamma.master import article_common, tables
from gamma.service import operation
from models import Article, Depot, Document, StockMovement, StockReason

LIMIT = 500


def _document(m: StockMovement) -> str:
    doc = m.document
    if doc is None:
        return ""
    number = getattr(doc, "number", None)
    return f"{doc.kind} {number}" if number else f"{doc.kind} #{doc.id}"


def row(m: StockMovement) -> dict:
    return {"id": m.id, "date": m.date, "article": m.article.code,
            "description": m.article.description, "depot": m.depot.code,
            "reason": m.reason.code, "qty": m.qty, "unit_value": m.unit_value,
            "currency": m.currency, "original_price": m.original_price,
            "exchange_rate": m.exchange_rate, "paired": m.paired_id, "note": m.note,
            "document": _document(m)}


@operation(functions.STOCK_MOVEMENTS, write=False)
def listing(ctx: Context, article: str = "", depot: str = "", reason: str = "",
            date_from: date | None = None, date_to: date | None = None,
            limit: int = LIMIT) -> list[dict]:
    """The movements matching the filters (blank: any), newest first, at most `limit`."""
    query = (StockMovement.select(StockMovement, Article, Depot, StockReason, Document)
             .join(Article).switch(StockMovement).join(Depot)
             .switch(StockMovement).join(StockReason)
             .switch(StockMovement).join(Document, JOIN.LEFT_OUTER)
             .where(StockMovement.company == ctx.company))
    if (article or "").strip():
        try:
            found = article_common.find_article(ctx, article, "article", "Articolo")
        except NotFound:
            raise ValidationError("article", f"codice {article!r} inesistente",
                                  "Articolo") from None
        query = query.where(StockMovement.article == found)
    if (depot or "").strip():
        query = query.where(StockMovement.depot == tables.find(ctx, "depot", depot, "depot",
                                                               "Deposito"))
    if (reason or "").strip():
        query = query.where(StockMovement.reason == tables.find(
            ctx, "stock_reason", reason, "reason", "Causale"))
    if date_from and date_to and date_from > date_to:
        raise ValidationError("date_to", "precedente alla data iniziale", "Alla data")
    if date_from:
        query = query.where(StockMovement.date >= date_from)
    if date_to:
        query = query.where(StockMovement.date <= date_to)
    query = query.order_by(StockMovement.date.desc(), StockMovement.id.desc()).limit(limit)
    return [row(m) for m in query]
