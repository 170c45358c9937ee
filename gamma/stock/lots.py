"""Lots: finding or creating them by code, what each holds per depot (from its movements),
the lot to take first on a sale (FEFO: first expiring, first out), and lots reserved to
a customer.

Lots are created where goods come in (a load, a return, `gamma stock import`), inside the
transaction of the operation that loads them: `resolve` checks no function of its own, the
caller's operation already did. Reserving a lot is function 311.

What a customer may take of a lot: its on hand at the depot, less what other customers'
orders committed of it; none of it when the lot is reserved to another customer.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Iterable

from peewee import JOIN, fn

from gamma import functions, records
from gamma.context import Context
from gamma.errors import NotFound, ValidationError
from gamma.master.article_common import get_article
from gamma.service import operation
from models import Article, DocumentLine, Lot, Party, StockMovement
from models.tables import Depot

ZERO = Decimal(0)
CODE_LENGTH = 30
LABEL = "Lotto"
SCALE = Decimal("0.001")  # SUM reads the stored integers: thousandths


def _id(value: Any) -> int | None:
    return value.id if hasattr(value, "id") else value


def qty_text(value: Decimal) -> str:
    """A quantity as messages show it: 100, 2,5 (no trailing zeros)."""
    return format(value.normalize(), "f").replace(".", ",") if value else "0"


def article_of(ctx: Context, article: Article | int | str) -> Article:
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


def find(ctx: Context, article: Article | int | str, code: str) -> Lot:
    """The lot `code` of `article`; NotFound when there is none."""
    article = article_of(ctx, article)
    lot = Lot.get_or_none(Lot.article == article, Lot.code == normalize(code))
    if lot is None:
        raise NotFound(f"Lotto {normalize(code)} inesistente per l'articolo {article.code}")
    return lot


def resolve(ctx: Context, article: Article | int | str, code: str,
            expiry: date | None = None, create: bool = True, *,
            supplier: Party | int | None = None, produced: date | None = None) -> Lot:
    """The lot `code` of `article`; created (with its expiry, production date, supplier)
    when it does not exist and `create` is true, refused otherwise. An expiry different
    from the stored one is refused: one lot has one expiry."""
    article = article_of(ctx, article)
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
    changes: dict[str, Any] = {}
    if expiry is not None and lot.expiry is None:
        changes["expiry"] = expiry
    if supplier is not None and lot.supplier_id is None:
        changes["supplier"] = supplier
    if changes:
        records.update(ctx, lot, **changes)
    return lot


@dataclass(frozen=True)
class LotBalance:
    """A lot at a depot: on hand, committed by customer orders (all, and for others than
    the customer asked about), and the customer it is reserved to."""

    lot_id: int
    code: str
    expiry: date | None
    depot_id: int
    depot: str
    on_hand: Decimal
    committed: Decimal
    committed_by_others: Decimal
    reserved_to_id: int | None

    @property
    def available(self) -> Decimal:
        return self.on_hand - self.committed_by_others


def balances(ctx: Context, article: Article | int | str, depot_id: int | None = None,
             *, party_id: int | None = None, with_empty: bool = False,
             lot_ids: Iterable[int] | None = None) -> list[LotBalance]:
    """Per lot and depot of an article, summed from the movements: on hand, committed,
    and what is available to `party_id` (a lot reserved to someone else gives it none).
    Earliest expiry first; lots without expiry last."""
    article = article_of(ctx, article)
    # An order line's lot: its commitment holds that lot (movements carry the lot of the
    # line they come from when their writer does not).
    lot = fn.COALESCE(StockMovement.lot, DocumentLine.lot)
    query = (StockMovement
             .select(lot, StockMovement.depot, StockMovement.party,
                     fn.SUM(StockMovement.on_hand).alias("on_hand"),
                     fn.SUM(StockMovement.committed).alias("committed"))
             .join(DocumentLine, JOIN.LEFT_OUTER, on=(StockMovement.line == DocumentLine.id))
             .where(StockMovement.article == article, lot.is_null(False))
             .group_by(lot, StockMovement.depot, StockMovement.party))
    if depot_id is not None:
        query = query.where(StockMovement.depot == depot_id)
    if lot_ids is not None:
        query = query.where(lot.in_(list(lot_ids)))
    sums: dict[tuple[int, int], list[Decimal]] = defaultdict(lambda: [ZERO, ZERO, ZERO])
    for lot_id, depot, party, held, committed in query.tuples():
        item = sums[(lot_id, depot)]
        item[0] += Decimal(held or 0) * SCALE
        item[1] += Decimal(committed or 0) * SCALE
        if party is None or party != party_id:
            item[2] += Decimal(committed or 0) * SCALE
    lots = {lot.id: lot for lot in Lot.select().where(Lot.id.in_({k[0] for k in sums}))}
    depots = {d.id: d.code for d in Depot.select(Depot.id, Depot.code)
              .where(Depot.id.in_({k[1] for k in sums}))}
    out = []
    for (lot_id, depot), (held, committed, by_others) in sums.items():
        lot = lots[lot_id]
        if lot.reserved_to_id is not None and lot.reserved_to_id != party_id:
            by_others = max(held, by_others)  # none of it for anyone else
        if with_empty or held or committed:
            out.append(LotBalance(lot_id, lot.code, lot.expiry, depot, depots[depot], held,
                                  committed, by_others, lot.reserved_to_id))
    out.sort(key=lambda b: (b.expiry is None, b.expiry or date.min, b.code, b.depot))
    return out


def on_hand(ctx: Context, lot: Lot, depot_id: int | None = None) -> Decimal:
    """What a lot holds (at a depot, or in all)."""
    return sum((b.on_hand for b in balances(ctx, lot.article_id, depot_id, with_empty=True,
                                            lot_ids=[lot.id])), ZERO)


def fefo(ctx: Context, article: Article | int | str, qty: Decimal,
         depot_id: int | None = None, party_id: int | None = None,
         day: date | None = None) -> LotBalance | None:
    """The lot to sell `qty` from: the first to expire, not expired on `day`, that has
    `qty` available to the customer at the depot (lots without expiry after the others).
    None when no lot has enough."""
    day = day or ctx.today()
    for item in balances(ctx, article, depot_id, party_id=party_id):
        if item.expiry is not None and item.expiry < day:
            continue
        if item.available >= qty:
            return item
    return None


def available_to(ctx: Context, article: Article | int | str, party_id: int | None,
                 depot_id: int | None = None) -> Decimal:
    """What a customer may take of a lot-tracked article: the lots' on hand less the lots
    reserved to, or committed by, other customers."""
    return sum((max(b.available, ZERO) for b in balances(ctx, article, depot_id,
                                                        party_id=party_id)), ZERO)


def reserved_to_others(ctx: Context, article_ids: Iterable[int], party_id: int | None,
                       depot_id: int | None = None) -> dict[int, Decimal]:
    """Per article: the on hand of its lots reserved to customers other than `party_id`
    (not available to that customer's sales)."""
    ids = list(set(article_ids))
    if not ids:
        return {}
    query = (StockMovement.select(StockMovement.article, fn.SUM(StockMovement.on_hand))
             .join(Lot, on=(StockMovement.lot == Lot.id))
             .where(StockMovement.article.in_(ids), Lot.reserved_to.is_null(False))
             .group_by(StockMovement.article))
    if party_id is not None:
        query = query.where(Lot.reserved_to != party_id)
    if depot_id is not None:
        query = query.where(StockMovement.depot == depot_id)
    found = {a: Decimal(q or 0) * SCALE for a, q in query.tuples()}
    return {i: found.get(i, ZERO) for i in ids}


@operation(functions.LOTS)
def reserve(ctx: Context, article: Article | str, code: str,
            customer: Party | None) -> Lot:
    """Keep a whole lot for one customer (None: free it again)."""
    lot = find(ctx, article, code)
    if customer is not None and not customer.is_customer:
        raise ValidationError("customer", f"{customer.code} non è un cliente", "Cliente")
    return records.update(ctx, lot, reserved_to=customer)


@operation(functions.LOTS)
def edit(ctx: Context, article: Article | str, code: str, **values: Any) -> Lot:
    """Change a lot's expiry, production date, supplier or notes."""
    allowed = {"expiry", "produced", "supplier", "notes"}
    unknown = set(values) - allowed
    if unknown:
        raise ValidationError(sorted(unknown)[0], "non modificabile", LABEL)
    return records.update(ctx, find(ctx, article, code), **values)


@operation(functions.LOTS, write=False)
def listing(ctx: Context, article: Article | str, *, with_empty: bool = False
            ) -> list[dict[str, Any]]:
    """An article's lots with expiry, supplier, reservation and on hand per depot."""
    article = article_of(ctx, article)
    held: dict[int, list[LotBalance]] = defaultdict(list)
    for b in balances(ctx, article, with_empty=True):
        held[b.lot_id].append(b)
    lots = (Lot.select().where(Lot.article == article)
            .order_by(Lot.expiry.is_null(), Lot.expiry, Lot.code))
    parties = {p.id: p.code for p in Party.select(Party.id, Party.code).where(
        Party.id.in_({x for lot in lots for x in (lot.supplier_id, lot.reserved_to_id)
                      if x}))}
    out = []
    for lot in lots:
        on_hand = sum((b.on_hand for b in held[lot.id]), ZERO)
        if not with_empty and not on_hand and not any(b.committed for b in held[lot.id]):
            continue
        out.append({"lot": lot.code, "expiry": lot.expiry, "produced": lot.produced,
                    "supplier": parties.get(lot.supplier_id),
                    "reserved_to": parties.get(lot.reserved_to_id), "on_hand": on_hand,
                    "committed": sum((b.committed for b in held[lot.id]), ZERO),
                    "depots": {b.depot: b.on_hand for b in held[lot.id] if b.on_hand},
                    "notes": lot.notes})
    return out
