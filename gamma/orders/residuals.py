"""What is left of an order, and the stock it holds.

An order line's residual is its quantity less what later documents picked from it
(`picked_qty`), nothing once the line or the whole order is marked not to fulfil. A
confirmed customer order holds its residual as committed stock, a supplier order as
stock on order: `sync` writes the movement that brings what a line holds to its
residual, in the transaction of whatever changed it (the order's confirmation, a
delivery note or goods receipt picking from it, a change to that document, a closure).
Each such movement carries the document that caused it, so undoing that document's
movements (amending it) undoes its effect on the order too, and the line's lot, so a lot's
commitment is read from the movements like its stock.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Iterable

from peewee import fn

from gamma.context import Context
from gamma.errors import GammaError, ValidationError
from gamma.sales import kinds, stock
from models import Document, DocumentLine, StockMovement

ZERO = Decimal(0)
# Which balance an order's residual holds, and with which stock reason.
HOLDS = {"customer_order": ("committed", "ORC"), "supplier_order": ("on_order", "ORF")}
ORDER_KINDS = tuple(HOLDS)
OPEN, PARTIAL, FULFILLED, CLOSED = "open", "partial", "fulfilled", "closed"
STATUS_LABELS = {OPEN: "Aperto", PARTIAL: "Evaso in parte", FULFILLED: "Evaso",
                 CLOSED: "Chiuso"}


def is_order(kind: str) -> bool:
    return kind in HOLDS


def residual(line: DocumentLine, order: Document | None = None) -> Decimal:
    """What is still to fulfil of an order line (zero for lines without a quantity)."""
    if line.qty is None or line.closed or line.not_to_fulfil:
        return ZERO
    if order is not None and (order.not_to_fulfil or order.status == kinds.DRAFT):
        return ZERO
    return max(line.qty - line.picked_qty, ZERO)


def line_status(line: DocumentLine) -> str:
    if line.qty is None:
        return CLOSED if line.closed else OPEN
    if line.picked_qty >= line.qty:
        return FULFILLED
    if line.closed or line.not_to_fulfil:
        return CLOSED
    return PARTIAL if line.picked_qty else OPEN


def status(order: Document, lines: Iterable[DocumentLine]) -> str:
    """Open (nothing shipped), partial, fulfilled (everything shipped) or closed
    (something given up and nothing left to ship)."""
    goods = [line for line in lines if line.line_kind in ("article", "manual")
             and line.qty is not None]
    states = {line_status(line) for line in goods}
    if order.not_to_fulfil and states - {FULFILLED}:
        return CLOSED
    if not goods or states == {FULFILLED}:
        return FULFILLED
    if states <= {FULFILLED, CLOSED}:
        return CLOSED
    if states == {OPEN} and not any(line.picked_qty for line in goods):
        return OPEN
    return PARTIAL


def held(line_ids: list[int]) -> dict[int, tuple[Decimal, Decimal]]:
    """Per order line: the committed and on-order quantity its movements add up to."""
    if not line_ids:
        return {}
    scale = Decimal("0.001")  # SUM reads the stored thousandths
    query = (StockMovement.select(StockMovement.line,
                                  fn.SUM(StockMovement.committed).alias("committed"),
                                  fn.SUM(StockMovement.on_order).alias("on_order"))
             .where(StockMovement.line.in_(line_ids)).group_by(StockMovement.line))
    return {row.line_id: (Decimal(row.committed or 0) * scale,
                          Decimal(row.on_order or 0) * scale) for row in query.objects()}


def sync(ctx: Context, line_ids: Iterable[int], cause: Document, day: date | None = None
         ) -> None:
    """Bring what each order line among `line_ids` holds (committed or on order) to its
    residual, with movements on behalf of `cause`. Lines of other documents are ignored."""
    ids = sorted(set(i for i in line_ids if i))
    if not ids:
        return
    # Only the columns `residual` reads (this runs at every confirmation that picks up).
    lines = list(DocumentLine.select(
        DocumentLine.id, DocumentLine.article, DocumentLine.depot, DocumentLine.lot,
        DocumentLine.qty, DocumentLine.picked_qty, DocumentLine.closed, DocumentLine.not_to_fulfil,
        Document.id, Document.kind, Document.status, Document.not_to_fulfil, Document.party)
        .join(Document)
        .where(DocumentLine.id.in_(ids), Document.kind.in_(ORDER_KINDS),
               DocumentLine.line_kind == "article", DocumentLine.article.is_null(False)))
    if not lines:
        return
    now = held([line.id for line in lines])
    reasons: dict[str, object] = {}
    moves = []
    for line in lines:
        order = line.document
        what, reason_code = HOLDS[order.kind]
        committed, on_order = now.get(line.id, (ZERO, ZERO))
        delta = residual(line, order) - (committed if what == "committed" else on_order)
        if not delta:
            continue
        if reason_code not in reasons:
            reasons[reason_code] = stock.reason(ctx, reason_code)
        moves.append({"article": line.article_id, "depot": line.depot_id,
                      "reason": reasons[reason_code], "date": day or cause.date,
                      "qty": delta, "party": order.party_id, "document": cause.id,
                      "line": line.id, "lot": line.lot_id})
    stock.move(ctx, moves)


def after_post(ctx: Context, doc: Document, rows: list[dict]) -> None:
    """At a confirmation (or re-posting after a change): an order holds its lines'
    residuals; a document picking from order lines releases what it took."""
    ids = [r["origin"] for r in rows if r.get("origin")]
    if is_order(doc.kind):
        ids += [r["id"] for r in rows if r.get("id")]
    if ids:
        sync(ctx, ids, doc)


def picked_from_orders(doc: Document) -> dict[int, Decimal]:
    """Per order line this document picks from: the quantity it takes."""
    taken: dict[int, Decimal] = defaultdict(Decimal)
    origins = DocumentLine.alias()
    query = (DocumentLine.select(DocumentLine.origin, DocumentLine.qty)
             .join(origins, on=(DocumentLine.origin == origins.id))
             .join(Document, on=(origins.document == Document.id))
             .where(DocumentLine.document == doc.id, Document.kind.in_(ORDER_KINDS),
                    DocumentLine.qty.is_null(False)))
    for line in query:
        taken[line.origin_id] += abs(line.qty)
    return dict(taken)


class ResidualQuestion(GammaError):
    """A change to a document that fulfilled orders, with orders.residual_on_change
    "confirm": the caller asks the operator and calls again with the answer."""

    def __init__(self, message: str, changes: list[str]):
        super().__init__(message)
        self.changes = changes


def after_change(ctx: Context, doc: Document, before: dict[int, Decimal],
                 answer: str | None) -> None:
    """After a confirmed document was changed and posted again: the orders it picks from
    already follow its new quantities; with "keep" they are put back as they were."""
    after = picked_from_orders(doc)
    changed = {line_id: (before.get(line_id, ZERO), after.get(line_id, ZERO))
               for line_id in set(before) | set(after)
               if before.get(line_id, ZERO) != after.get(line_id, ZERO)}
    if not changed:
        return
    if answer not in (None, "adjust", "keep"):
        raise ValidationError("residual", "adjust o keep", "Residuo ordini")
    if answer is None and ctx.settings.orders.residual_on_change == "confirm":
        lines = {line.id: line for line in DocumentLine.select(DocumentLine, Document)
                 .join(Document).where(DocumentLine.id.in_(list(changed)))}
        changes = []
        for line_id, (old, new) in sorted(changed.items()):
            line = lines[line_id]
            left = line.qty - line.picked_qty
            changes.append(f"{kinds.label(line.document.kind)} {line.document.number} riga "
                           f"{line.position}: evaso {_q(old)} → {_q(new)}, residuo "
                           f"{_q(left + new - old)} → {_q(left)}")
        raise ResidualQuestion("Aggiornare il residuo degli ordini? " + "; ".join(changes),
                               changes)
    if answer != "keep":
        return
    for line_id, (old, new) in changed.items():
        (DocumentLine.update(picked_qty=DocumentLine.picked_qty + (old - new),
                             version=DocumentLine.version + 1)
         .where(DocumentLine.id == line_id).execute())
    sync(ctx, list(changed), doc)


def _q(value: Decimal) -> str:
    return format(value.normalize(), "f") if value else "0"
