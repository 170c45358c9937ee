"""Deferred invoicing: the confirmed sale delivery notes up to a date, with something
left to invoice, grouped by customer, destination and payment term, each group picked up
into one deferred invoice and confirmed. Every group is its own transaction: a customer
whose invoice cannot be made (a credit block, a missing price) is reported and the others
are still invoiced."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from gamma import db, functions
from gamma.context import Context
from gamma.errors import GammaError
from gamma.sales import documents, kinds, pickup
from gamma.sales.confirm import confirm
from gamma.service import operation
from models import Document, DocumentLine, Party


@dataclass
class Outcome:
    customer: str
    notes: list[Document]
    invoice: Document | None = None
    error: str = ""
    warnings: list[str] | None = None


def groups(ctx: Context, to_date: date, from_date: date | None = None,
           customers: tuple[str, ...] = ()) -> dict[tuple, list[Document]]:
    """Delivery notes to invoice, by (customer, destination, payment term)."""
    open_lines = (DocumentLine.select(DocumentLine.document)
                  .where(DocumentLine.line_kind.in_(("article", "manual", "amount")),
                         DocumentLine.closed == False,  # noqa: E712
                         DocumentLine.qty.is_null() | (DocumentLine.qty > DocumentLine.picked_qty)))
    query = (Document.select(Document, Party).join(Party)
             .where(Document.company == ctx.company, Document.kind == "delivery_note",
                    Document.subkind == "sale", Document.status != kinds.DRAFT,
                    Document.date <= to_date, Document.id.in_(open_lines))
             .order_by(Party.code, Document.date, Document.number))
    if from_date is not None:
        query = query.where(Document.date >= from_date)
    if customers:
        query = query.where(Party.code.in_([c.upper() for c in customers]))
    out: dict[tuple, list[Document]] = {}
    for note in query:
        out.setdefault((note.party.code, note.destination_id, note.payment_term_id), []
                       ).append(note)
    return out


@operation(functions.DEFERRED_INVOICING, write=False)
def run(ctx: Context, to_date: date, *, from_date: date | None = None,
        customers: tuple[str, ...] = (), series: str = "", invoice_date: date | None = None,
        dry_run: bool = False) -> list[Outcome]:
    """One deferred invoice per group, dated `invoice_date` (default `to_date`)."""
    results = []
    for (customer, _, _), notes in groups(ctx, to_date, from_date, customers).items():
        outcome = Outcome(customer, notes)
        results.append(outcome)
        if dry_run:
            continue
        first = notes[0]
        data = {"kind": "deferred_invoice", "series": series, "customer": customer,
                "date": invoice_date or to_date,
                "destination": first.destination.number if first.destination_id else None,
                "payment_term": first.payment_term.code if first.payment_term_id else "",
                "lines": pickup.lines_to_pick(ctx, [n.id for n in notes])}
        try:
            with db.transaction():
                saved = documents.save_draft(ctx, data)
                done = confirm(ctx, saved.document.id)
            outcome.invoice, outcome.warnings = done.document, done.warnings
        except GammaError as exc:
            outcome.error = exc.message
    return results
