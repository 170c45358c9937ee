"""Availability of an article: on hand, committed (customer orders), on order (supplier
orders), available = on hand − committed, and the forecast = available + on order; per
depot and in total. Every screen and command shows these figures from here, read from the
balances as gamma.sales.stock.levels reads them, so they agree with what documents check.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from gamma import functions
from gamma.context import Context
from gamma.errors import NotFound, ValidationError
from gamma.master import article_common
from gamma.sales import stock as sales_stock
from gamma.sales.stock import Level
from gamma.service import operation
from models import Article, Depot, StockBalance


@dataclass(frozen=True)
class Row(Level):
    """One depot's figures (depot "" for the total): Level's, with the forecast."""

    depot: str = ""
    description: str = ""

    @property
    def forecast(self) -> Decimal:
        return self.available + self.on_order

    def as_dict(self) -> dict:
        return {"depot": self.depot, "description": self.description,
                "on_hand": self.on_hand, "committed": self.committed,
                "on_order": self.on_order, "available": self.available,
                "forecast": self.forecast}


@dataclass(frozen=True)
class Availability:
    article: str
    description: str
    depots: list[Row]
    total: Row

    def as_dict(self) -> dict:
        return {"article": self.article, "description": self.description,
                "depots": [r.as_dict() for r in self.depots], "total": self.total.as_dict()}


def _row(code: str, description: str, level: Level) -> Row:
    return Row(level.on_hand, level.committed, level.on_order, code, description)


def of_article(ctx: Context, article: Article | str, depot: str | None = None) -> Availability:
    """An article's figures at each depot that has any (or only at `depot`), and the total
    (of those depots)."""
    try:
        found = article_common.get_article(ctx, article)
    except NotFound as exc:
        raise ValidationError("article", str(exc), "Articolo") from None
    depot_row = None
    if depot:
        depot_row = Depot.get_or_none(Depot.company == ctx.company,
                                      Depot.code == depot.strip().upper())
        if depot_row is None:
            raise ValidationError("depot", f"codice {depot!r} inesistente", "Deposito")
    query = (StockBalance.select(StockBalance, Depot).join(Depot)
             .where(StockBalance.company == ctx.company, StockBalance.article == found)
             .order_by(Depot.code))
    if depot_row is not None:
        query = query.where(StockBalance.depot == depot_row)
    rows = [Row(b.on_hand, b.committed, b.on_order, b.depot.code, b.depot.description)
            for b in query if depot_row is not None or b.on_hand or b.committed or b.on_order]
    total = sales_stock.level(ctx, found, depot_row.id if depot_row else None)
    return Availability(found.code, found.description, rows, _row("", "Totale", total))


@operation(functions.STOCK_AVAILABILITY, write=False)
def query(ctx: Context, article: str, depot: str | None = None) -> Availability:
    """The availability an operator asks for (function 303)."""
    return of_article(ctx, article, depot)
