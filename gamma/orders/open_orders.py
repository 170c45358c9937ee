"""Open orders (ordini aperti): an order line delivered in scheduled instalments, each
firm (consolidata: date and quantity as good as certain) or forecast (previsionale).

The line's quantity is the whole; the schedule splits it (any part left unscheduled
counts as firm, due at the line's own date). What was delivered (the line's picked
quantity) settles the deliveries in date order. Firm deliveries are held as committed
(customer) or on order (supplier) stock, like any order line; forecast ones are not:
a movement without a line, tagged with the line, takes their undelivered part back out
of the balance. They count only in the rolling availability (gamma.orders.rolling).
Fulfilling an open order ships the firm deliveries due by a date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Iterable

from peewee import fn

from gamma import dates, functions
from gamma.audit import log
from gamma.context import Context
from gamma.errors import GammaError, NotFound, ValidationError
from gamma.orders import residuals
from gamma.orders.reorder import quantity_of
from gamma.rows import insert as insert_rows
from gamma.sales import stock
from gamma.service import operation
from models import DeliverySchedule, Document, DocumentLine, StockMovement

ZERO = Decimal(0)


@dataclass(frozen=True)
class Delivery:
    day: date
    qty: Decimal
    firm: bool


@dataclass
class Scheduled:
    """One scheduled delivery as reports show it: what is left of it after deliveries."""

    line_id: int
    position: int
    article: str
    day: date
    qty: Decimal
    firm: bool
    delivered: Decimal

    @property
    def left(self) -> Decimal:
        return self.qty - self.delivered

    def as_dict(self) -> dict[str, Any]:
        return {"position": self.position, "article": self.article,
                "date": self.day.isoformat(), "qty": str(self.qty), "firm": self.firm,
                "delivered": str(self.delivered), "left": str(self.left)}


def tag(line_id: int) -> str:
    """The note of the movements that keep a line's forecast deliveries out of stock."""
    return f"ordine aperto riga {line_id}"


def parse(text: str, today: date) -> list[Delivery]:
    """Deliveries as typed: "15/04/2026:100:F, 15/05/2026:80:P" (F firm, P forecast;
    firm when left out)."""
    out = []
    for n, item in enumerate(p.strip() for p in text.replace(";", ",").split(",")):
        if not item:
            continue
        parts = item.split(":")
        label = f"Consegna {n + 1}"
        if len(parts) not in (2, 3):
            raise ValidationError("schedule", "scrivere DATA:QUANTITÀ[:F|P]", label)
        day = dates.parse_date(parts[0], today, "schedule", label)
        qty = quantity_of(parts[1], "schedule", label)
        kind = parts[2].strip().upper() if len(parts) == 3 else "F"
        if kind not in ("F", "P"):
            raise ValidationError("schedule", "F (consolidata) o P (previsionale)", label)
        out.append(Delivery(day, qty or ZERO, kind == "F"))
    return out


def _order(ctx: Context, order_id: int) -> Document:
    order = Document.get_or_none(Document.company == ctx.require_company(),
                                 Document.id == order_id)
    if order is None:
        raise NotFound(f"Ordine {order_id} inesistente")
    if not residuals.is_order(order.kind):
        raise GammaError(f"Documento {order_id}: non è un ordine")
    if order.status == "draft":
        raise GammaError(f"Ordine {order_id}: da confermare prima di programmarne le consegne")
    return order


def _line(order: Document, position: int) -> DocumentLine:
    line = DocumentLine.get_or_none(DocumentLine.document == order,
                                    DocumentLine.position == position)
    if line is None or line.line_kind != "article" or line.qty is None:
        raise ValidationError("position", f"l'ordine non ha una riga articolo {position}",
                              "Riga")
    return line


@operation(functions.OPEN_ORDERS)
def set_schedule(ctx: Context, order_id: int, position: int,
                 deliveries: list[Delivery]) -> list[Scheduled]:
    """Replace the scheduled deliveries of an order line (an empty list removes them)."""
    order = _order(ctx, order_id)
    line = _line(order, position)
    label = f"Ordine {order.number} riga {position}"
    days = [d.day for d in deliveries]
    if len(set(days)) != len(days):
        raise ValidationError("schedule", "una sola consegna per data", label)
    for d in deliveries:
        if d.qty <= 0:
            raise ValidationError("schedule", "quantità maggiore di zero", label)
        if d.day < order.date:
            raise ValidationError("schedule", "data non anteriore a quella dell'ordine", label)
    total = sum((d.qty for d in deliveries), ZERO)
    if total > line.qty:
        raise ValidationError("schedule", f"totale {total.normalize():f} oltre la quantità "
                              f"della riga {line.qty.normalize():f}", label)
    DeliverySchedule.delete().where(DeliverySchedule.line == line).execute()
    insert_rows(DeliverySchedule, [
        {"company": ctx.company.id, "document": order.id, "line": line.id, "date": d.day,
         "qty": d.qty, "firm": d.firm, "delivered": ZERO} for d in sorted(deliveries,
                                                                         key=lambda d: d.day)])
    log.record(ctx, "schedule", "document", str(order.id), message=f"{label}: " + ", ".join(
        f"{d.day:%d/%m/%Y} {d.qty.normalize():f} {'F' if d.firm else 'P'}" for d in deliveries))
    sync(ctx, [order.id])
    return schedule(ctx, order_id)


def _settled(rows: list[DeliverySchedule], line: DocumentLine) -> list[Decimal]:
    """What the line's deliveries so far settle of each scheduled delivery, in date
    order."""
    left = line.picked_qty
    out = []
    for row in rows:
        take = min(left, row.qty)
        out.append(take)
        left -= take
    return out


def held_out(line_ids: Iterable[int]) -> dict[int, Decimal]:
    """Per scheduled line: what its movements keep out of the stock held (committed or on
    order) for its undelivered forecast deliveries, as a negative quantity."""
    tags = {tag(i): i for i in set(line_ids)}
    if not tags:
        return {}
    column = StockMovement.committed + StockMovement.on_order
    query = (StockMovement.select(StockMovement.note, fn.SUM(column))
             .where(StockMovement.line.is_null(), StockMovement.note.in_(list(tags)))
             .group_by(StockMovement.note))
    return {tags[note]: StockMovement.committed.python_value(total)
            for note, total in query.tuples() if total}


def sync(ctx: Context, order_ids: Iterable[int]) -> None:
    """Bring the forecast part held out of stock to what is left of each line's forecast
    deliveries (at most its residual), and record what each delivery has had."""
    ids = sorted(set(order_ids))
    rows = list(DeliverySchedule.select().where(DeliverySchedule.document.in_(ids))
                .order_by(DeliverySchedule.line, DeliverySchedule.date)) if ids else []
    by_line: dict[int, list[DeliverySchedule]] = {}
    for row in rows:
        by_line.setdefault(row.line_id, []).append(row)
    lines = list(DocumentLine.select(DocumentLine, Document).join(Document).where(
        DocumentLine.document.in_(ids), DocumentLine.line_kind == "article")) if ids else []
    held = held_out(line.id for line in lines)
    moves = []
    for line in lines:
        order = line.document
        mine = by_line.get(line.id, [])
        forecast_left = ZERO
        for row, had in zip(mine, _settled(mine, line)):
            if row.delivered != had:
                DeliverySchedule.update(delivered=had).where(
                    DeliverySchedule.id == row.id).execute()
            if not row.firm:
                forecast_left += row.qty - had
        want = -min(forecast_left, residuals.residual(line, order))
        _, reason = residuals.HOLDS[order.kind]
        now = held.get(line.id, ZERO)
        if want != now:
            why = stock.reason(ctx, reason)
            qty = want - now
            moves.append({"company": ctx.company.id, "article": line.article_id,
                          "depot": line.depot_id, "reason": why.id, "date": ctx.today(),
                          "qty": qty, "on_hand": qty * why.on_hand,
                          "committed": qty * why.committed, "on_order": qty * why.on_order,
                          "party": order.party_id, "document": order.id,
                          "lot": line.lot_id, "note": tag(line.id)})
    if moves:  # written here, not by stock.move, which keeps no note
        insert_rows(StockMovement, moves)
        deltas: dict[tuple[int, int], list[Decimal]] = {}
        for m in moves:
            delta = deltas.setdefault((m["article"], m["depot"]), [ZERO, ZERO, ZERO])
            delta[0] += m["on_hand"]
            delta[1] += m["committed"]
            delta[2] += m["on_order"]
        stock.add_to_balances(ctx, deltas)


@operation(functions.OPEN_ORDERS, write=False)
def schedule(ctx: Context, order_id: int) -> list[Scheduled]:
    """The scheduled deliveries of an order, by line and date."""
    order = _order(ctx, order_id)
    rows = list(DeliverySchedule.select(DeliverySchedule, DocumentLine)
                .join(DocumentLine).where(DeliverySchedule.document == order)
                .order_by(DocumentLine.position, DeliverySchedule.date))
    codes = {line.id: line.code for line in DocumentLine.select(
        DocumentLine.id, DocumentLine.code).where(DocumentLine.document == order)}
    return [Scheduled(r.line_id, r.line.position, codes.get(r.line_id, ""), r.date, r.qty,
                      r.firm, r.delivered) for r in rows]


@operation(functions.OPEN_ORDERS, write=False)
def due(ctx: Context, order_id: int, up_to: date | None = None) -> dict[int, Decimal]:
    """Per line id: the firm deliveries due by `up_to` (today) not yet delivered, within
    the line's residual; lines without a schedule, or with nothing due, are left out."""
    order = _order(ctx, order_id)
    ids = [line.id for line in DocumentLine.select(DocumentLine.id)
           .where(DocumentLine.document == order)]
    return {i: q for i, q in due_by(ids, up_to or ctx.today()).items() if q > 0}


def _left(line_ids: Iterable[int]) -> dict[int, tuple[DocumentLine, list[Delivery]]]:
    """Per scheduled line among `line_ids`: the line (its order joined) and its deliveries
    in date order with what is left of each, the line's deliveries so far settling them."""
    ids = sorted(set(line_ids))
    rows: dict[int, list[DeliverySchedule]] = {}
    for row in (DeliverySchedule.select().where(DeliverySchedule.line.in_(ids))
                .order_by(DeliverySchedule.date)) if ids else []:
        rows.setdefault(row.line_id, []).append(row)
    if not rows:
        return {}
    return {line.id: (line, [Delivery(r.date, r.qty - had, r.firm) for r, had in
                             zip(rows[line.id], _settled(rows[line.id], line))])
            for line in DocumentLine.select(DocumentLine, Document).join(Document)
            .where(DocumentLine.id.in_(list(rows)))}


def due_by(line_ids: Iterable[int], up_to: date) -> dict[int, Decimal]:
    """Per scheduled line among `line_ids`: what its firm deliveries due by `up_to` still
    want (zero when nothing is due), within the line's residual. Lines without a schedule
    are left out: their whole residual is due at their date. Order fulfilment reads it
    too, so both ship the same."""
    return {i: min(sum((x.qty for x in left if x.firm and x.day <= up_to), ZERO),
                   residuals.residual(line, line.document))
            for i, (line, left) in _left(line_ids).items()}


def pending(line_ids: Iterable[int]) -> dict[int, list[Delivery]]:
    """Per scheduled line: its deliveries with what is left of each (nothing left: out),
    the line's deliveries so far settling them in date order."""
    return {i: [x for x in left if x.qty > 0] for i, (_, left) in _left(line_ids).items()}


@dataclass(frozen=True)
class Kept:
    """A line's schedule held across a change to its order, to give back to the line at
    the same position with the same article."""

    position: int
    article_id: int | None
    deliveries: tuple[Delivery, ...]


def keep(order: Document) -> list[Kept]:
    """The schedules of an order about to be rewritten (amend replaces its lines, and with
    them their schedules)."""
    rows: dict[int, list[DeliverySchedule]] = {}
    for row in (DeliverySchedule.select().where(DeliverySchedule.document == order.id)
                .order_by(DeliverySchedule.date)):
        rows.setdefault(row.line_id, []).append(row)
    if not rows:
        return []
    lines = DocumentLine.select(DocumentLine.id, DocumentLine.position,
                                DocumentLine.article).where(DocumentLine.id.in_(list(rows)))
    return [Kept(line.position, line.article_id,
                 tuple(Delivery(r.date, r.qty, r.firm) for r in rows[line.id]))
            for line in sorted(lines, key=lambda line: line.position)]


def give_back(ctx: Context, order: Document, kept: list[Kept]) -> list[str]:
    """After the order was rewritten: each kept schedule back on the line at its position
    with its article; a line now ordering less than its schedule is refused (the change
    is not made). Returns a warning for each schedule whose line is gone."""
    if not kept:
        return []
    DeliverySchedule.delete().where(DeliverySchedule.document == order.id).execute()
    lines = {line.position: line for line in DocumentLine.select().where(
        DocumentLine.document == order.id, DocumentLine.line_kind == "article")}
    rows, warnings = [], []
    for k in kept:
        label = f"Ordine {order.number} riga {k.position}"
        line = lines.get(k.position)
        if line is None or line.article_id != k.article_id or line.qty is None:
            warnings.append(f"{label}: consegne programmate eliminate (riga tolta o con un "
                            "altro articolo)")
            continue
        total = sum((d.qty for d in k.deliveries), ZERO)
        if line.qty < total:
            raise ValidationError("qty", f"{line.qty.normalize():f} sotto il totale delle "
                                  f"consegne programmate {total.normalize():f}: ridurre prima "
                                  "il programma (gamma order schedule set)", label)
        rows += [{"company": ctx.company.id, "document": order.id, "line": line.id,
                  "date": d.day, "qty": d.qty, "firm": d.firm, "delivered": ZERO}
                 for d in k.deliveries]
    insert_rows(DeliverySchedule, rows)
    return warnings


TARGETS = {"customer_order": "delivery_note", "supplier_order": "goods_receipt"}


@operation(functions.OPEN_ORDERS)
def fulfil_due(ctx: Context, order_id: int, up_to: date | None = None,
               day: date | None = None) -> Document:
    """Ship (customer order: a delivery note) or receive (supplier order: a goods receipt)
    the firm deliveries due by `up_to`, picking from the order; the deliveries settled
    and the stock held brought up to date."""
    from gamma.sales import documents, pickup
    from gamma.sales.confirm import confirm
    order = _order(ctx, order_id)
    quantities = due(ctx, order_id, up_to)
    if not quantities:
        when = up_to or ctx.today()
        raise GammaError(f"Ordine {order.number}: nessuna consegna consolidata da evadere "
                         f"entro il {when:%d/%m/%Y}")
    others = {line.id: ZERO for line in DocumentLine.select(DocumentLine.id).where(
        DocumentLine.document == order, DocumentLine.qty.is_null(False))}
    target = TARGETS[order.kind]
    key = "supplier" if order.kind == "supplier_order" else "customer"
    saved = documents.save_draft(ctx, {
        "kind": target, "date": day or ctx.today(), key: order.party.code,
        "lines": pickup.lines_to_pick(ctx, [order.id], others | quantities)})
    doc = confirm(ctx, saved.document.id).document
    sync(ctx, [order.id])
    return doc


def after_post(ctx: Context, doc: Document, rows: list[dict]) -> None:
    """At a confirmation (or re-posting) of a document picking from order lines: the
    scheduled orders among them settle their deliveries again (what was shipped may have
    been forecast)."""
    origins = [r["origin"] for r in rows if r.get("origin")]
    if not origins:
        return
    orders = {s.document_id for s in DeliverySchedule.select(DeliverySchedule.document)
              .where(DeliverySchedule.line.in_(origins))}
    if orders:
        sync(ctx, orders)
