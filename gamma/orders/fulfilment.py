"""Order fulfilment (evasione): the open order lines a selection finds, how much of each
to ship, and the documents that ship it.

The selection (a preset's parameters) names the order kind and narrows by order number
range, party range, article, delivery date up to, priority up to. Automatic fulfilment
proposes everything available, orders by priority (1 first), then delivery date, then
order date and number: an earlier order takes the stock first. What other orders (not
selected) committed stays theirs; what the selected orders committed is theirs to share
in that order. Without `partial`, an order ships only when every line can ship whole.
Manual fulfilment proposes each residual for the operator to change. A line with
scheduled deliveries (an open order) wants only its firm deliveries due by the delivery
date (today when none is given), as gamma.orders.open_orders.fulfil_due ships them.

A customer fulfilment makes, per order (or per customer with `group` "customer"), a
delivery note or an invoice picking from the order lines; a supplier fulfilment a goods
receipt. Picking releases the commitment (gamma.orders.residuals). Each document is its
own transaction: one that cannot be made (a credit block, a closed period) is reported
and the others are still made. With `close_rest` the lines shipped in part are closed
(their residual is not to fulfil: "residuo sempre non evadibile").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from peewee import JOIN

from gamma import db, functions
from gamma.context import Context
from gamma.errors import GammaError, ValidationError
from gamma.orders import open_orders, residuals
from gamma.sales import documents, kinds, pickup, stock
from gamma.sales.confirm import confirm
from gamma.service import operation
from models import Article, Depot, Document, DocumentLine, Party

ZERO = Decimal(0)
TARGETS = {"customer_order": ("delivery_note", "invoice"), "supplier_order": ("goods_receipt",)}
LABELS = {"kind": "Tipo ordini", "number_from": "Da numero", "number_to": "A numero",
          "party_from": "Da cliente/fornitore", "party_to": "A cliente/fornitore",
          "article": "Articolo", "delivery_to": "Consegna entro", "priority": "Priorità fino a",
          "mode": "Modalità", "partial": "Evasione parziale", "target": "Documento da generare",
          "group": "Un documento per", "series": "Sezionale", "date": "Data documenti",
          "close_rest": "Residuo non evadibile"}
MODES = ("automatic", "manual")
GROUPS = ("order", "party")


@dataclass(frozen=True)
class Selection:
    kind: str = "customer_order"
    number_from: int | None = None
    number_to: int | None = None
    party_from: str = ""
    party_to: str = ""
    article: str = ""
    delivery_to: date | None = None
    priority: int | None = None
    orders: tuple[int, ...] = ()  # document ids, chosen directly


@dataclass
class Proposed:
    """One open order line and what to ship of it."""

    line_id: int
    order_id: int
    order: str  # as messages name it: "12 del 02/03/2026"
    party: str
    position: int
    article: str
    description: str
    depot: str
    residual: Decimal
    available: Decimal | None  # customer orders: what this line may take
    to_ship: Decimal
    priority: int
    delivery_date: date | None
    # An open order's line: its firm deliveries due by the date (None: not scheduled).
    scheduled: Decimal | None = None

    def as_json(self) -> dict[str, Any]:
        return {"line_id": self.line_id, "order_id": self.order_id, "order": self.order,
                "party": self.party, "position": self.position, "article": self.article,
                "description": self.description, "depot": self.depot,
                "residual": _n(self.residual),
                "available": None if self.available is None else _n(self.available),
                "to_ship": _n(self.to_ship), "priority": self.priority,
                "delivery_date": self.delivery_date.isoformat() if self.delivery_date
                else None,
                "scheduled": None if self.scheduled is None else _n(self.scheduled)}


@dataclass
class Outcome:
    party: str
    orders: list[str]
    lines: list[Proposed]
    document: Document | None = None
    error: str = ""
    warnings: list[str] = field(default_factory=list)


def _n(value: Decimal) -> str:
    return format(value.normalize(), "f") if value else "0"


def check_selection(sel: Selection) -> None:
    if sel.kind not in TARGETS:
        raise ValidationError("kind", "customer_order o supplier_order", LABELS["kind"])
    if sel.priority is not None and not 1 <= sel.priority <= 9:
        raise ValidationError("priority", "da 1 a 9", LABELS["priority"])
    if (sel.number_from is not None and sel.number_to is not None
            and sel.number_from > sel.number_to):
        raise ValidationError("number_to", "non può precedere il numero iniziale",
                              LABELS["number_to"])


def open_lines(ctx: Context, sel: Selection) -> list[DocumentLine]:
    """The selected order lines with a residual, the order and party joined, most urgent
    first."""
    check_selection(sel)
    # Manual lines (goods without an article: nothing in stock) are fulfilled too.
    # The columns the proposal reads only (a run may span many thousand lines); each
    # joined model with its id, which its foreign key takes from it.
    query = (DocumentLine.select(
        DocumentLine.id, DocumentLine.document, DocumentLine.position, DocumentLine.article,
        DocumentLine.depot, DocumentLine.code, DocumentLine.description, DocumentLine.qty,
        DocumentLine.picked_qty, DocumentLine.delivery_date, Document.id, Document.series,
        Document.number, Document.date, Document.priority, Document.delivery_date,
        Document.party, Party.id, Party.code, Article.id, Article.code, Depot.id, Depot.code)
             .join(Document).join(Party)
             .switch(DocumentLine).join(Article, JOIN.LEFT_OUTER)
             .switch(DocumentLine).join(Depot, JOIN.LEFT_OUTER)
             .where(Document.company == ctx.require_company(), Document.kind == sel.kind,
                    Document.status != kinds.DRAFT, Document.status != kinds.ARCHIVED,
                    Document.not_to_fulfil == False,  # noqa: E712
                    DocumentLine.line_kind.in_(("article", "manual")),
                    DocumentLine.closed == False,  # noqa: E712
                    DocumentLine.not_to_fulfil == False,  # noqa: E712
                    DocumentLine.qty > DocumentLine.picked_qty))
    if sel.orders:
        query = query.where(Document.id.in_(list(sel.orders)))
    if sel.number_from is not None:
        query = query.where(Document.number >= sel.number_from)
    if sel.number_to is not None:
        query = query.where(Document.number <= sel.number_to)
    if sel.party_from:
        query = query.where(Party.code >= sel.party_from.strip().upper())
    if sel.party_to:
        query = query.where(Party.code <= sel.party_to.strip().upper())
    if sel.article:
        query = query.where(Article.code == sel.article.strip().upper())
    if sel.priority is not None:
        query = query.where(Document.priority <= sel.priority)
    found = list(query)
    if sel.delivery_to is not None:  # a line without its own date has the order's
        # A scheduled line is due by its firm deliveries (propose ships those), not its date.
        scheduled = open_orders.due_by([line.id for line in found], sel.delivery_to)
        found = [line for line in found if (scheduled[line.id] > 0 if line.id in scheduled
                 else (due(line) or sel.delivery_to) <= sel.delivery_to)]
    found.sort(key=_urgency)
    return found


def due(line: DocumentLine) -> date | None:
    return line.delivery_date or line.document.delivery_date


def _urgency(line: DocumentLine) -> tuple:
    order = line.document
    when = due(line)
    return (order.priority, when is None, when or date.min, order.date, order.number or 0,
            order.id, line.position)


def _name(order: Document) -> str:
    series = f"{order.series}/" if order.series else ""
    return f"{series}{order.number} del {order.date:%d/%m/%Y}"


@operation(functions.ORDER_FULFILMENT, write=False)
def propose(ctx: Context, sel: Selection, mode: str = "automatic",
            partial: bool = True) -> list[Proposed]:
    """The open lines of the selection with what to ship of each."""
    if mode not in MODES:
        raise ValidationError("mode", "automatic o manual", LABELS["mode"])
    lines = open_lines(ctx, sel)
    # An open order's line ships its firm deliveries due by the date, not its residual.
    scheduled = open_orders.due_by([line.id for line in lines],
                                   sel.delivery_to or ctx.today())
    out = [Proposed(line.id, line.document_id, _name(line.document), line.document.party.code,
                    line.position, line.article.code if line.article_id else line.code,
                    line.description, line.depot.code if line.depot_id else "",
                    line.qty - line.picked_qty, None, ZERO, line.document.priority, due(line),
                    scheduled.get(line.id))
           for line in lines]
    stocked = []
    for line, p in zip(lines, out):
        if sel.kind == "customer_order" and line.article_id:
            stocked.append((line, p))
        else:  # goods expected, or not kept in stock: nothing to allocate
            p.to_ship = scheduled.get(line.id, p.residual)
    pool = _pool(ctx, [line for line, _ in stocked])
    by_order: dict[int, list[tuple[DocumentLine, Proposed]]] = defaultdict(list)
    for line, p in stocked:
        by_order[line.document_id].append((line, p))
    # Orders in the urgency of their most urgent line (the list is sorted so).
    for order_lines in by_order.values():
        taken: list[tuple[tuple[int, int], Decimal]] = []
        short = False
        for line, p in order_lines:
            key = (line.article_id, line.depot_id)
            p.available = max(pool[key], ZERO)
            want = scheduled.get(line.id, p.residual)
            ship = want if mode == "manual" else min(want, p.available)
            short = short or ship < want
            p.to_ship = ship
            if mode == "automatic":
                pool[key] -= ship
                taken.append((key, ship))
        if short and not partial and mode == "automatic":  # the whole order or nothing
            for key, ship in taken:
                pool[key] += ship
            for p in out:
                if p.order_id == line.document_id:
                    p.to_ship = ZERO
    return out


def _pool(ctx: Context, lines: list[DocumentLine]) -> dict[tuple[int, int], Decimal]:
    """Per article and depot: on hand less what orders outside the selection committed
    (the selected lines' commitment is theirs to share; an open order's line holds no
    commitment for its forecast deliveries)."""
    pool: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    for depot_id in {line.depot_id for line in lines}:
        ids = [line.article_id for line in lines if line.depot_id == depot_id]
        for article_id, level in stock.levels(ctx, ids, depot_id).items():
            pool[(article_id, depot_id)] = level.available
    forecast = open_orders.held_out(line.id for line in lines)
    for line in lines:
        pool[(line.article_id, line.depot_id)] += (line.qty - line.picked_qty
                                                   + forecast.get(line.id, ZERO))
    return pool


@operation(functions.ORDER_FULFILMENT, write=False)
def fulfil(ctx: Context, proposed: list[Proposed], *, kind: str = "customer_order",
           target: str = "", day: date | None = None, series: str = "",
           group: str = "order", close_rest: bool = False,
           dry_run: bool = False) -> list[Outcome]:
    """Ship the `to_ship` of each proposed line: one document per order (or per party,
    destination and payment term with `group` "party")."""
    target = target or TARGETS.get(kind, ("",))[0]
    if kind not in TARGETS:
        raise ValidationError("kind", "customer_order o supplier_order", LABELS["kind"])
    if target not in TARGETS[kind]:
        raise ValidationError("target", "uno di " + ", ".join(TARGETS[kind]), LABELS["target"])
    if group not in GROUPS:
        raise ValidationError("group", "order o party", LABELS["group"])
    for p in proposed:
        if p.to_ship < 0:
            raise ValidationError("to_ship", "non può essere negativa",
                                  f"Ordine {p.order} riga {p.position}")
        if p.to_ship > p.residual:
            raise ValidationError("to_ship", f"oltre il residuo {_n(p.residual)}",
                                  f"Ordine {p.order} riga {p.position}")
    shipping = [p for p in proposed if p.to_ship > 0]
    orders = {o.id: o for o in Document.select().where(
        Document.id.in_(sorted({p.order_id for p in shipping})))} if shipping else {}
    groups: dict[tuple, list[Proposed]] = {}
    for p in shipping:
        order = orders[p.order_id]
        key = ((order.party_id, order.destination_id, order.payment_term_id)
               if group == "party" else (order.id,))
        groups.setdefault(key, []).append(p)
    results = []
    for chosen in groups.values():
        names = list(dict.fromkeys(p.order for p in chosen))
        outcome = Outcome(chosen[0].party, names, chosen, warnings=_ahead(chosen))
        results.append(outcome)
        if dry_run:
            continue
        try:
            with db.transaction():
                done = _make(ctx, [orders[i] for i in dict.fromkeys(p.order_id for p in chosen)],
                             chosen, target, day or ctx.today(), series)
                if close_rest:
                    _close_rest(ctx, chosen)
            outcome.document = done.document
            outcome.warnings += done.warnings
        except GammaError as exc:
            outcome.error = exc.message
    return results


def _ahead(chosen: list[Proposed]) -> list[str]:
    """Lines of open orders shipping more than their firm deliveries due: allowed (a
    customer may want goods early), told, since the later deliveries get less."""
    return [f"Ordine {p.order} riga {p.position}: spediti {_n(p.to_ship)}, oltre le "
            f"consegne programmate dovute ({_n(p.scheduled)}): anticipate le successive"
            for p in chosen if p.scheduled is not None and p.to_ship > p.scheduled]


def _make(ctx: Context, orders: list[Document], chosen: list[Proposed], target: str,
          day: date, series: str):
    first = orders[0]
    # Every goods line of these orders not chosen ships nothing (lines_to_pick would
    # otherwise take its whole residual).
    quantities = {line.id: ZERO for line in DocumentLine.select(DocumentLine.id).where(
        DocumentLine.document.in_([o.id for o in orders]), DocumentLine.qty.is_null(False))}
    quantities.update({p.line_id: p.to_ship for p in chosen})
    key = "supplier" if kinds.get(target).supplier else "customer"
    data = {"kind": target, "series": series, key: first.party.code, "date": day,
            "destination": first.destination.number if first.destination_id else None,
            "payment_term": first.payment_term.code if first.payment_term_id else "",
            "lines": pickup.lines_to_pick(ctx, [o.id for o in orders], quantities)}
    saved = documents.save_draft(ctx, data)
    done = confirm(ctx, saved.document.id)
    done.warnings = saved.warnings + done.warnings
    return done


def _close_rest(ctx: Context, chosen: list[Proposed]) -> None:
    by_order: dict[int, list[int]] = defaultdict(list)
    for p in chosen:
        if p.to_ship < p.residual:
            by_order[p.order_id].append(p.line_id)
    for order_id, ids in by_order.items():
        (DocumentLine.update(not_to_fulfil=True, version=DocumentLine.version + 1)
         .where(DocumentLine.id.in_(ids)).execute())
        # On behalf of the order: re-posting it (a change) syncs its lines again.
        residuals.sync(ctx, ids, Document.get_by_id(order_id), ctx.today())
