"""The management panel of recurring orders (453): the orders the templates generated, by
date range, customer or template, with their number of lines (referenze), what is left
to ship and their status; and the distribution list (lista di distribuzione) of the
orders by delivery date and destination, the ones still to ship or all of them."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from gamma import functions
from gamma.context import Context
from gamma.errors import ValidationError
from gamma.orders import residuals
from gamma.recurring.check import qty_text
from gamma.sales import values
from gamma.service import operation
from models import (Company, Destination, Document, DocumentLine, Party, RecurringRun,
                    RecurringTemplate)
from printers import distribution_list

GOODS = ("article", "manual")


def _runs(ctx: Context, start: date, end: date, customer: str = "", template: str = "",
          by: str = "day"):
    if end < start:
        raise ValidationError("to", "non può precedere la data iniziale", "Alla data")
    column = RecurringRun.day if by == "day" else Document.delivery_date
    query = (RecurringRun.select(RecurringRun, RecurringTemplate, Document, Party)
             .join(RecurringTemplate).switch(RecurringRun).join(Document)
             .join(Party, on=(Document.party == Party.id))
             .where(RecurringRun.company == ctx.require_company(), column >= start,
                    column <= end)
             .order_by(column, Party.code, RecurringTemplate.code))
    if customer:
        query = query.where(Party.code == values.code(customer))
    if template:
        query = query.where(RecurringTemplate.code == values.code(template))
    return list(query)


def _lines(docs: list[Document]) -> dict[int, list[DocumentLine]]:
    found: dict[int, list[DocumentLine]] = defaultdict(list)
    if docs:
        for line in (DocumentLine.select().where(DocumentLine.document.in_(
                [d.id for d in docs])).order_by(DocumentLine.position)):
            found[line.document_id].append(line)
    return found


@operation(functions.RECURRING_PANEL, write=False)
def panel(ctx: Context, start: date, end: date, customer: str = "",
          template: str = "") -> list[dict[str, Any]]:
    """Per generated order: day, template, customer, order, delivery, lines, ordered and
    still-to-ship quantities, status."""
    runs = _runs(ctx, start, end, customer, template)
    lines = _lines([r.document for r in runs])
    out = []
    for run in runs:
        doc = run.document
        goods = [x for x in lines[doc.id] if x.line_kind in GOODS]
        left = sum((residuals.residual(x, doc) for x in goods), Decimal(0))
        state = residuals.status(doc, lines[doc.id])
        out.append({"id": doc.id, "day": run.day.isoformat(), "template": run.template.code,
                    "customer": doc.party.code, "name": doc.party.name,
                    "number": doc.number, "date": doc.date.isoformat(),
                    "delivery_date": doc.delivery_date.isoformat()
                    if doc.delivery_date else None,
                    "lines": len(goods), "ordered_qty": qty_text(sum((x.qty or 0 for x in goods),
                                                               Decimal(0))),
                    "residual_qty": qty_text(left), "status": state,
                    "status_label": residuals.STATUS_LABELS[state],
                    "total": f"{doc.total:.2f}"})
    return out


def _place(doc: Document, destinations: dict[int, Destination]) -> str:
    """Where the goods go: the destination, else the customer's own address."""
    party = doc.party
    where = destinations.get(doc.destination_id) if doc.destination_id else None
    if where is not None:
        return ", ".join(x for x in (f"{party.code} {where.name}", where.address,
                                     where.city) if x)
    return ", ".join(x for x in (f"{party.code} {party.name}", party.address, party.city)
                     if x)


@operation(functions.RECURRING_PANEL, write=False)
def distribution(ctx: Context, start: date, end: date | None = None,
                 complete: bool = False) -> dict[str, Any]:
    """The distribution list of the recurring orders delivered from `start` to `end`: by
    delivery date, then destination, each order's lines with ordered and still-to-ship
    quantities; only what is still to ship unless `complete`. Plain data for the print."""
    runs = _runs(ctx, start, end or start, by="delivery")
    docs = [r.document for r in runs]
    lines = _lines(docs)
    destinations = {x.id: x for x in Destination.select().where(Destination.id.in_(
        [d.destination_id for d in docs if d.destination_id] or [0]))}
    groups: dict[tuple[date, str], list[dict]] = defaultdict(list)
    for doc in docs:
        rows = []
        for x in lines[doc.id]:
            if x.line_kind not in GOODS:
                continue
            left = residuals.residual(x, doc)
            if left <= 0 and not complete:
                continue
            rows.append({"article": x.code, "description": x.description, "unit": x.unit,
                         "ordered": x.qty, "to_ship": left})
        if rows:
            groups[(doc.delivery_date or doc.date, _place(doc, destinations))].append(
                {"order": f"{doc.number} del {doc.date:%d/%m/%Y}", "customer": doc.party.code,
                 "name": doc.party.name, "lines": rows})
    company = Company.get_by_id(ctx.company.id)
    return {"company": company.name, "start": start, "end": end or start,
            "complete": complete,
            "groups": [{"date": day, "destination": place, "orders": orders}
                       for (day, place), orders in sorted(groups.items(),
                                                          key=lambda kv: kv[0])]}


def print_distribution(ctx: Context, path: Path, start: date, end: date | None = None,
                       complete: bool = False) -> dict[str, Any]:
    """Write the distribution list PDF to `path`; return its data."""
    data = distribution(ctx, start, end, complete)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(distribution_list.render_pdf(data))
    return data
