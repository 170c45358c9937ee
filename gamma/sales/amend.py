"""Changing a confirmed document, and its last steps (archiving).

A confirmed or printed document is changed only by operators holding the kind's modify
right: what its confirmation wrote (stock movements, instalments, pick-ups) is undone,
the document rewritten with its number kept, then posted again, all in one transaction;
the audit log keeps the totals before and after. Its kind and year do not change, and a
document whose instalments were already presented or collected is not changed here.
"""

from __future__ import annotations

from typing import Any

from gamma import functions, records
from gamma.audit import log
from gamma.context import Context
from gamma.errors import GammaError, ValidationError
from gamma.orders import open_orders, residuals
from gamma.sales import kinds, values
from gamma.sales.confirm import post, unpost
from gamma.sales.documents import Saved, find, goods_rows, name, require_right, write
from gamma.service import operation
from models import Document, DocumentLine, Instalment


@operation(functions.DOCUMENT_EDIT)
def amend(ctx: Context, document_id: int, data: dict[str, Any], *,
          residual: str | None = None) -> Saved:
    """`residual` answers, for a document that fulfilled orders, whether their residuals
    follow the change ("adjust") or stay ("keep"); needed when orders.residual_on_change
    is "confirm" (residuals.ResidualQuestion asks it)."""
    doc = find(ctx, document_id, for_update=True)
    if doc.status == kinds.DRAFT:
        raise GammaError(f"{name(doc)}: è una bozza, si modifica normalmente")
    if doc.status == kinds.ARCHIVED:
        raise GammaError(f"{name(doc)}: archiviato, non si modifica")
    require_right(ctx, doc, "modify")
    if data.get("kind") not in (None, doc.kind):
        raise ValidationError("kind", "il tipo di un documento confermato non cambia",
                              "Tipo documento")
    day = values.day(data.get("date"), "date", "Data")
    if day is not None and day.year != doc.year:
        raise ValidationError("date", f"deve restare nell'anno {doc.year} del numero", "Data")
    if (Instalment.select().where(Instalment.document == doc, Instalment.status != "open")
            .exists()):
        raise GammaError(f"{name(doc)}: scadenze già presentate o incassate; emettere una "
                         "nota di credito o di debito")
    if "lines" in data and (DocumentLine.select().where(
            DocumentLine.document == doc,
            (DocumentLine.picked_qty != 0) | DocumentLine.closed).exists()):
        raise GammaError(f"{name(doc)}: righe già prelevate da altri documenti, non si "
                         "cambiano")
    before = (doc.total, doc.due)
    taken = residuals.picked_from_orders(doc)
    kept = open_orders.keep(doc)  # an open order's schedules outlive its rewritten lines
    unpost(ctx, doc)
    saved = write(ctx, data, doc)
    saved.warnings += open_orders.give_back(ctx, saved.document, kept)
    saved.warnings += post(ctx, saved.document, goods_rows(saved.document))
    if kept:
        open_orders.sync(ctx, [doc.id])
    residuals.after_change(ctx, saved.document, taken, residual)
    after = saved.document
    log.record(ctx, "amend", "document", str(doc.id), always=True,
               message=f"{name(after)} modificato dopo la conferma: totale {before[0]:f} → "
                       f"{after.total:f}, da pagare {before[1]:f} → {after.due:f}")
    return saved


@operation(functions.DOCUMENT_EDIT)
def archive(ctx: Context, document_id: int) -> Document:
    """Move a confirmed or printed document to the archive (history): no more changes."""
    doc = find(ctx, document_id, for_update=True)
    if kinds.ARCHIVED not in kinds.TRANSITIONS[doc.status]:
        raise GammaError(f"{name(doc)}: {kinds.STATUS_LABELS[doc.status].lower()}, non si "
                         "archivia")
    require_right(ctx, doc, "history")
    return records.update(ctx, doc, status=kinds.ARCHIVED)
