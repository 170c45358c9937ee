"""Reorder (riordino): the articles whose availability has fallen under the minimum stock,
and how much to order of each so that it climbs back: the shortfall rounded up to the
reorder lot, never past the maximum stock, grouped by the article's preferred supplier.

Availability here counts what is coming: on hand − committed + on order, over all depots.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Any

from peewee import JOIN, fn

from gamma import functions, records
from gamma.context import Context
from gamma.errors import ValidationError
from gamma.master import parties
from gamma.master.article_common import find_article
from gamma.service import operation
from models import Article, Party, StockBalance

ZERO = Decimal(0)


def reorder_qty(min_stock: Decimal, available: Decimal, lot: Decimal | None = None,
                max_stock: Decimal | None = None) -> Decimal:
    """What to order to bring `available` back to `min_stock`: the shortfall rounded up
    to whole reorder lots. A maximum stock caps it: the most whole lots that fit under it,
    or, when not even one lot fits, just the room left (storage is the harder limit)."""
    need = max(ZERO, min_stock - available)
    if not need:
        return ZERO
    if lot and lot > 0:
        need = (need / lot).to_integral_value(rounding=ROUND_CEILING) * lot
    if max_stock is not None and available + need > max_stock:
        room = max(ZERO, max_stock - available)
        lots = (room / lot).to_integral_value(rounding=ROUND_FLOOR) * lot if lot else room
        need = lots or room
    return need


@dataclass(frozen=True)
class Need:
    """An article under its minimum stock, with the figures the proposal comes from."""

    article_id: int
    code: str
    description: str
    location: str
    supplier_id: int | None
    supplier_code: str
    supplier_name: str
    on_hand: Decimal
    committed: Decimal
    on_order: Decimal
    min_stock: Decimal
    max_stock: Decimal | None
    reorder_lot: Decimal | None

    @property
    def available(self) -> Decimal:
        return self.on_hand - self.committed + self.on_order

    @property
    def proposed(self) -> Decimal:
        return reorder_qty(self.min_stock, self.available, self.reorder_lot, self.max_stock)

    def as_dict(self) -> dict[str, Any]:
        return {"article": self.code, "description": self.description,
                "supplier": self.supplier_code or None, "on_hand": str(self.on_hand),
                "committed": str(self.committed), "on_order": str(self.on_order),
                "available": str(self.available), "min_stock": str(self.min_stock),
                "max_stock": None if self.max_stock is None else str(self.max_stock),
                "reorder_lot": None if self.reorder_lot is None else str(self.reorder_lot),
                "proposed": str(self.proposed)}


def needs(ctx: Context, supplier: Party | None = None) -> list[Need]:
    """Articles with a minimum stock whose availability is under it, by supplier and code:
    one query, the balances summed over the depots."""
    to_qty = StockBalance.on_hand.python_value
    available = fn.COALESCE(fn.SUM(StockBalance.on_hand - StockBalance.committed
                                   + StockBalance.on_order), 0)
    # Stored as thousandths both: the comparison with the minimum is left to the database.
    query = (Article.select(
        Article.id, Article.code, Article.description, Article.location,
        Article.preferred_supplier, Party.code, Party.name,
        fn.COALESCE(fn.SUM(StockBalance.on_hand), 0),
        fn.COALESCE(fn.SUM(StockBalance.committed), 0),
        fn.COALESCE(fn.SUM(StockBalance.on_order), 0),
        Article.min_stock, Article.max_stock, Article.reorder_lot)
        .join(StockBalance, JOIN.LEFT_OUTER, on=(StockBalance.article == Article.id))
        .switch(Article)
        .join(Party, JOIN.LEFT_OUTER, on=(Party.id == Article.preferred_supplier))
        .where(Article.company == ctx.require_company(), Article.active == True,  # noqa: E712
               Article.obsolete == False, Article.min_stock > 0)  # noqa: E712
        .group_by(Article.id, Party.id)
        .having(available < Article.min_stock))
    if supplier is not None:
        query = query.where(Article.preferred_supplier == supplier.id)
    found = [Need(a, code, text, where, sup, sup_code or "", sup_name or "", to_qty(on_hand),
                  to_qty(committed), to_qty(on_order), low, high, lot)
             for (a, code, text, where, sup, sup_code, sup_name, on_hand, committed, on_order,
                  low, high, lot) in query.tuples()]
    found.sort(key=lambda n: (n.supplier_code == "", n.supplier_code, n.code))
    return found


def supplier_line(article: Article, qty: Decimal) -> dict[str, Any]:
    """A supplier order line for `qty` of `article`, priced at its last cost when known
    (the sale price lists would otherwise price a purchase)."""
    line: dict[str, Any] = {"article": article.code, "qty": str(qty)}
    if article.cost_last is not None:
        line["price"] = str(article.cost_last)
    return line


def supplier_of(ctx: Context, code: str | None, field: str = "supplier") -> Party | None:
    """The supplier named by `code` (None for no code); not a supplier is refused."""
    if not code:
        return None
    party = parties.find(ctx, code)
    if not party.is_supplier:
        raise ValidationError(field, f"{party.code} non è un fornitore", "Fornitore")
    return party


@operation(functions.BELOW_MINIMUM, write=False)
def below_minimum(ctx: Context, supplier: str | None = None) -> list[Need]:
    """The below-minimum report (articoli sotto scorta), of one supplier or all."""
    return needs(ctx, supplier_of(ctx, supplier))


def quantity_of(value: Any, field: str, label: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        qty = Decimal(str(value).replace(",", "."))
    except ArithmeticError:
        raise ValidationError(field, "deve essere un numero", label) from None
    if qty < 0:
        raise ValidationError(field, "non può essere negativo", label)
    return qty


UNSET = object()


@operation(functions.ARTICLE_EDIT)
def set_parameters(ctx: Context, article_code: str, *, min_stock: Any = UNSET,
                   max_stock: Any = UNSET, reorder_lot: Any = UNSET,
                   supplier: Any = UNSET) -> Article:
    """Change an article's reorder parameters: minimum and maximum stock, reorder lot,
    preferred supplier ("" or None clears one). The maximum may not be under the minimum."""
    article = find_article(ctx, article_code)
    values: dict[str, Any] = {}
    for name, given, label in (("min_stock", min_stock, "Scorta minima"),
                               ("max_stock", max_stock, "Scorta massima"),
                               ("reorder_lot", reorder_lot, "Lotto di riordino")):
        if given is not UNSET:
            values[name] = quantity_of(given, name, label)
    if supplier is not UNSET:
        values["preferred_supplier"] = supplier_of(ctx, supplier, "preferred_supplier")
    low = values.get("min_stock", article.min_stock)
    high = values.get("max_stock", article.max_stock)
    if low is not None and high is not None and high < low:
        raise ValidationError("max_stock", f"non inferiore alla scorta minima ({low})",
                              "Scorta massima")
    return records.update(ctx, article, **values)
