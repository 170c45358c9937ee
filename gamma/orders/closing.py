"""Marking orders or order lines not to fulfil (and back): their residual drops out of
fulfilment and the stock it held (committed or on order) is released, in one
transaction, audited."""

from __future__ import annotations

from gamma import functions
from gamma.access import permissions
from gamma.audit import log
from gamma.context import Context
from gamma.errors import GammaError, ValidationError
from gamma.orders import residuals
from gamma.sales import documents, kinds
from gamma.service import operation
from models import Document, DocumentLine

EDIT = {"customer_order": functions.CUSTOMER_ORDER_EDIT,
        "supplier_order": functions.SUPPLIER_ORDER_EDIT}


def find_order(ctx: Context, order_id: int, for_update: bool = False) -> Document:
    doc = documents.find(ctx, order_id, for_update=for_update)
    if not residuals.is_order(doc.kind):
        raise ValidationError("order", f"{documents.name(doc)}: non è un ordine", "Ordine")
    return doc


@operation(None)
def set_not_to_fulfil(ctx: Context, order_id: int, positions: tuple[int, ...] = (),
                      value: bool = True) -> Document:
    """Close (value True) or reopen the whole order, or only the lines at `positions`."""
    order = find_order(ctx, order_id, for_update=True)
    permissions.require(ctx, EDIT[order.kind])
    documents.require_right(ctx, order, "modify")
    if order.status == kinds.DRAFT:
        raise GammaError(f"{documents.name(order)}: bozza, si modifica normalmente")
    goods = {line.position: line for line in order.lines.where(
        DocumentLine.line_kind.in_(("article", "manual")))}
    for position in positions:
        if position not in goods:
            raise ValidationError("line", f"riga {position} inesistente o senza merce",
                                  "Riga")
    chosen = [goods[p] for p in positions] if positions else list(goods.values())
    if not positions:
        order.not_to_fulfil = value
        Document.update(not_to_fulfil=value, version=Document.version + 1).where(
            Document.id == order.id).execute()
    ids = [line.id for line in chosen if line.not_to_fulfil != value]
    if ids:
        (DocumentLine.update(not_to_fulfil=value, version=DocumentLine.version + 1)
         .where(DocumentLine.id.in_(ids)).execute())
    residuals.sync(ctx, [line.id for line in chosen], order, ctx.today())
    what = (f"righe {', '.join(str(p) for p in positions)}" if positions else "intero ordine")
    log.record(ctx, "close" if value else "reopen", "document", str(order.id),
               message=f"{documents.name(order)}: {what} "
                       + ("non evadibile" if value else "di nuovo da evadere"))
    return Document.get_by_id(order.id)
