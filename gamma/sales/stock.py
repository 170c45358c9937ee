"""Stock as documents see it: on hand and available per article (at a depot or in
all), the check a line makes against them, and the movements a confirmation writes."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable

from peewee import fn

from gamma import db
from gamma import rows as rows_
from gamma.context import Context
from gamma.errors import ValidationError
from gamma.master import tables
from models import (Article, Document, DocumentLine, StockBalance, StockMovement,
                    StockReason)

ZERO = Decimal(0)


@dataclass(frozen=True)
class Level:
    on_hand: Decimal
    committed: Decimal
    on_order: Decimal

    @property
    def available(self) -> Decimal:
        return self.on_hand - self.committed


def levels(ctx: Context, article_ids: Iterable[int], depot_id: int | None = None
           ) -> dict[int, Level]:
    """Per article: on hand, committed and on order at `depot_id` (None: every depot)."""
    ids = list(set(article_ids))
    if not ids:
        return {}
    query = (StockBalance.select(StockBalance.article,
                                 fn.SUM(StockBalance.on_hand).alias("on_hand"),
                                 fn.SUM(StockBalance.committed).alias("committed"),
                                 fn.SUM(StockBalance.on_order).alias("on_order"))
             .where(StockBalance.company == ctx.company, StockBalance.article.in_(ids))
             .group_by(StockBalance.article))
    if depot_id is not None:
        query = query.where(StockBalance.depot == depot_id)
    scale = Decimal("0.001")  # SUM reads the stored integers: thousandths
    found = {row.article_id: Level(Decimal(row.on_hand or 0) * scale,
                                   Decimal(row.committed or 0) * scale,
                                   Decimal(row.on_order or 0) * scale)
             for row in query.objects()}
    return {i: found.get(i, Level(ZERO, ZERO, ZERO)) for i in ids}


def level(ctx: Context, article: Article, depot_id: int | None = None) -> Level:
    return levels(ctx, [article.id], depot_id)[article.id]


def _q(value: Decimal) -> str:
    """A quantity as messages show it: 100, 2.5 (no trailing zeros)."""
    return format(value.normalize(), "f") if value else "0"


def check(ctx: Context, outgoing: dict[tuple[int, int], Decimal],
          where: dict[tuple[int, int], str],
          released: dict[tuple[int, int], Decimal] | None = None) -> list[str]:
    """Lines unloading `outgoing` (per article and depot): beyond what is available (on
    hand less what customer orders committed) warns or blocks as configured, below the
    minimum stock warns. `released` is the commitment of the orders these very lines
    fulfil: theirs to take, so counted as available. Returns the warnings."""
    rule, minimum = ctx.settings.sales.negative_stock, ctx.settings.sales.below_minimum
    if rule == "allow" and minimum == "allow" or not outgoing:
        return []
    released = released or {}
    warnings = []
    ids = sorted({a for a, _ in outgoing})
    database = db.current()
    marks = ", ".join([database.param] * len(ids))
    found = database.execute_sql(
        "SELECT a.id, a.code, a.min_stock, b.depot_id, b.on_hand, b.committed FROM article a "
        f"LEFT JOIN stock_balance b ON b.article_id = a.id WHERE a.id IN ({marks})", ids)
    on_hand: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    committed: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    articles: dict[int, tuple[str, Decimal | None]] = {}
    to_qty = StockBalance.on_hand.python_value
    for article_id, code, min_stock, depot_id, qty, held in found.fetchall():
        articles[article_id] = (code, to_qty(min_stock))
        if depot_id is not None:
            on_hand[(article_id, depot_id)] += to_qty(qty) or ZERO
            committed[(article_id, depot_id)] += to_qty(held) or ZERO
    for key, qty in sorted(outgoing.items()):
        code, min_stock = articles[key[0]]
        had = on_hand[key]
        others = max(committed[key] - released.get(key, ZERO), ZERO)
        available = had - others
        left = had - qty
        label = where[key]
        if available - qty < 0 and rule != "allow":
            if others:
                problem = (f"disponibilità insufficiente (giacenza {_q(had)}, impegnati da "
                           f"altri ordini {_q(others)}, disponibili {_q(available)}, "
                           f"richiesti {_q(qty)})")
            else:
                problem = f"giacenza insufficiente (disponibili {_q(had)}, richiesti {_q(qty)})"
            if rule == "block":
                raise ValidationError("qty", problem, f"{label}, articolo {code}")
            warnings.append(f"{label}, articolo {code}: {problem}")
        elif minimum == "warn" and min_stock is not None and left < min_stock:
            warnings.append(f"{label}, articolo {code}: sotto la scorta minima "
                            f"({_q(left)} < {_q(min_stock)})")
    return warnings


def released_by(ctx: Context, rows: list[dict]) -> dict[tuple[int, int], Decimal]:
    """Per (article, depot): the commitment that lines picking from customer orders
    release, at most what each order line still holds (its residual)."""
    origins: dict[int, Decimal] = defaultdict(Decimal)
    for r in rows:
        if r.get("origin") and r.get("line_kind", "article") == "article":
            origin = r["origin"]
            origins[int(origin.id if hasattr(origin, "id") else origin)] += abs(
                r.get("qty") or ZERO)
    if not origins:
        return {}
    out: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    # Only the columns needed (this runs at every confirmation that picks up).
    query = (DocumentLine.select(DocumentLine.id, DocumentLine.article, DocumentLine.depot,
                                 DocumentLine.qty, DocumentLine.picked_qty)
             .join(Document)
             .where(DocumentLine.id.in_(list(origins)), Document.kind == "customer_order",
                    Document.not_to_fulfil == False, DocumentLine.closed == False,  # noqa: E712
                    DocumentLine.not_to_fulfil == False,  # noqa: E712
                    DocumentLine.article.is_null(False), DocumentLine.qty.is_null(False)))
    for line in query:
        left = max(line.qty - line.picked_qty, ZERO)
        out[(line.article_id, line.depot_id)] += min(origins[line.id], left)
    return dict(out)


def reason(ctx: Context, code: str) -> StockReason:
    found = rows_.fetch_one(StockReason, company=ctx.company, code=code)
    if found is None:  # the table's own message
        return tables.find(ctx, "stock_reason", code, "stock_reason", "Causale di magazzino")
    return found


def move(ctx: Context, rows: list[dict]) -> None:
    """Write movements (dicts with article, depot, reason (StockReason), date, qty, and
    optionally unit_value, party, document, line) and add them to the balances: one
    INSERT for the movements, one upsert per article and depot in a fixed order."""
    if not rows:
        return
    company = ctx.company.id
    movements, deltas = [], defaultdict(lambda: [ZERO, ZERO, ZERO])
    for r in rows:
        why: StockReason = r["reason"]
        on_hand, committed, on_order = (r["qty"] * why.on_hand, r["qty"] * why.committed,
                                        r["qty"] * why.on_order)
        movements.append({"company": company, "article": r["article"], "depot": r["depot"],
                          "reason": why.id, "date": r["date"], "qty": r["qty"],
                          "on_hand": on_hand, "committed": committed, "on_order": on_order,
                          "unit_value": r.get("unit_value"), "party": r.get("party"),
                          "document": r.get("document"), "line": r.get("line"),
                          "lot": r.get("lot"), "serial": r.get("serial")})
        delta = deltas[(r["article"], r["depot"])]
        delta[0] += on_hand
        delta[1] += committed
        delta[2] += on_order
    rows_.insert(StockMovement, movements)
    add_to_balances(ctx, deltas)
    if any(r.get("serial") for r in rows):
        from gamma.stock import serials
        serials.refresh(ctx, [r["serial"] for r in rows if r.get("serial")])


def add_to_balances(ctx: Context, deltas: dict[tuple[int, int], list[Decimal]]) -> None:
    """Add [on_hand, committed, on_order] per (article, depot) to the balances, creating
    the missing ones: one upsert."""
    # Sorted so that two confirmations touching the same articles lock them in one order.
    balances = [{"company": ctx.company.id, "article": a, "depot": d, "on_hand": v[0],
                 "committed": v[1], "on_order": v[2]} for (a, d), v in sorted(deltas.items())]
    rows_.insert(StockBalance, balances, conflict=("article", "depot"),
                 add=("on_hand", "committed", "on_order"))


def unmove(ctx: Context, document_id: int) -> None:
    """Take a document's movements out of the balances and delete them."""
    found = list(StockMovement.select().where(StockMovement.document == document_id))
    units = [m.serial_id for m in found if m.serial_id]  # their status changes back
    for m in found:
        (StockBalance.update(on_hand=StockBalance.on_hand - m.on_hand,
                             committed=StockBalance.committed - m.committed,
                             on_order=StockBalance.on_order - m.on_order)
         .where(StockBalance.article == m.article_id, StockBalance.depot == m.depot_id)
         .execute())
    StockMovement.delete().where(StockMovement.document == document_id).execute()
    if units:
        from gamma.stock import serials
        serials.refresh(ctx, units)
