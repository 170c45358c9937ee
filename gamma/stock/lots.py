"""Lots: finding or creating them by code, what each holds per depot (from its movements),
the lot to take first on a sale (FEFO: first expiring, first out), and lots reserved to
a customer.

Lots are created where goods come in (a load, a return, `gamma stock import`), inside the
transaction of the operation that loads them: `resolve` checks no function of its own, the
caller's operation already did. Editing or reserving a lot is function 311.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from peewee import JOIN, fn

from gamma import functions, records
from gamma.context import Context
from gamma.errors import NotFound, ValidationError
from gamma.master.article_common import get_article
from gamma.service import operation
from models import Article, Lot, Party, StockMovement
from models.tables import Depot

ZERO = Decimal(0)
CODE_LENGTH = 30
LABEL = "Lotto"


def _article(ctx: Context, article: Article | int | str) -> Article:
    if isinstance(article, int):
        found = Article.get_or_none(Article.company == ctx.company, Article.id == article)
        if found is None:
            raise NotFound(f"Articolo {article} inesistente")
        return found
    return get_article(ctx, article)


def normalize(code: str | None, field: str = "lot") -> str:
    """A lot code as stored: trimmed, upper case, at most 30 characters."""
    code = (code or "").strip().upper()
    if not code:
        raise ValidationError(field, "obbligatorio", LABEL)
    if len(code) > CODE_LENGTH:
        raise ValidationError(field, f"al massimo {CODE_LENGTH} caratteri", LABEL)
    return code


def find(ctx: Context, article: Article | int | str, code: str) -> Lot | None:
    article = _article(ctx, article)
    return Lot.get_or_none(Lot.article == article, Lot.code == normalize(code))


def resolve(ctx: Context, article: Article | int | str, code: str,
            expiry: date | None = None, create: bool = True, *,
            supplier: Party | int | None = None, produced: date | None = None) -> Lot:
    """The lot `code` of `article`; created (with its expiry, production date, supplier)
    when it does not exist and `create` is true, refused otherwise. An expiry different
    from the stored one is refused: one lot has one expiry."""
    article = _article(ctx, article)
    code = normalize(code)
    if not article.lot_tracked:
        raise ValidationError("lot", f"l'articolo {article.code} non è gestito a lotti", LABEL)
    lot = Lot.get_or_none(Lot.article == article, Lot.code == code)
    if lot is None:
        if not create:
            raise ValidationError("lot", f"{code} inesistente per l'articolo {article.code}",
                                  LABEL)
        return records.insert(ctx, Lot, company=ctx.require_company(), article=article,
                              code=code, expiry=expiry, produced=produced,
                              supplier=supplier)
    if expiry is not None and lot.expiry is not None and lot.expiry != expiry:
        raise ValidationError("expiry", f"il lotto {code} scade il {lot.expiry:%d/%m/%Y}, "
                              f"non il {expiry:%d/%m/%Y}", "Scadenza")
    changes = {}
    if expiry is not None and lot.expiry is None:
        changes["expiry"] = expiry
    if supplier is not None and lot.supplier_id is None:
        changes["supplier"] = supplier
    if changes:
        records.update(ctx, lot, **changes)
    return lot


@dataclass(frozen=True)
class LotBalance:
    lot_id: int
    code: str
    expiry: date | None
    depot_id: int
    depot: str
    on_hand: Decimal
    committed: Decimal
    reserved_to_id: int | None

    @property
    def available(self) -> Decimal:
        return self.on_hand - self.committed


def balances(ctx: Context, article: Article | int | str, depot_id: int | None = None,
             *, with_empty: bool = False) -> list[LotBalance]:
    """On hand and committed per lot and depot of an article, summed from the movements,
    earliest expiry first (lots without expiry last)."""
    article = _article(ctx, article)
    on_hand = fn.COALESCE(fn.SUM(StockMovement.on_hand), 0)
    committed = fn.COALESCE(fn.SUM(StockMovement.committed), 0)
    query = (Lot.select(Lot.id, Lot.code, Lot.expiry, Lot.reserved_to, Depot.id.alias("depot_id"),
                        Depot.code.alias("depot_code"), on_hand.alias("on_hand"),
                        committed.alias("committed"))
             .join(StockMovement, JOIN.INNER, on=(StockMovement.lot == Lot.id))
             .join(Depot, on=(StockMovement.depot == Depot.id))
             .where(Lot.article == article)
             .group_by(Lot.id, Lot.code, Lot.expiry, Lot.reserved_to, Depot.id, Depot.code))
    if depot_id is not None:
        query = query.where(StockMovement.depot == depot_id)
    scale = Decimal("0.001")  # SUM reads the stored integers: thousandths
    out = []
    for row in query.dicts():
        item = LotBalance(row["id"], row["code"], row["expiry"], row["depot_id"],
                          row["depot_code"], Decimal(row["on_hand"]) * scale,
                          Decimal(row["committed"]) * scale, row["reserved_to"])
        if with_empty or item.on_hand or item.committed:
            out.append(item)
    out.sort(key=lambda b: (b.expiry is None, b.expiry or date.min, b.code, b.depot))
    return out


def on_hand(ctx: Context, lot: Lot, depot_id: int | None = None) -> Decimal:
    """What a lot holds (at a depot, or in all)."""
    return sum((b.on_hand for b in balances(ctx, lot.article_id, depot_id, with_empty=True)
                if b.lot_id == lot.id), ZERO)


@operation(functions.LOTS)
def reserve(ctx: Context, article: Article | str, code: str,
            customer: Party | None) -> Lot:
    """Keep a whole lot for one customer (None: free it again)."""
    lot = find(ctx, article, code)
    if lot is None:
        raise NotFound(f"Lotto {normalize(code)} inesistente")
    if customer is not None and not customer.is_customer:
        raise ValidationError("customer", f"{customer.code} non è un cliente", "Cliente")
    return records.update(ctx, lot, reserved_to=customer)
