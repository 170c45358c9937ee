"""Orders as lists and as integrations read them: per order its status (open, partial,
fulfilled, closed), per line what was ordered, fulfilled and is left."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from peewee import JOIN

from gamma import functions
from gamma.context import Context
from gamma.errors import ValidationError
from gamma.orders import residuals
from gamma.service import operation
from models import Document, DocumentLine, Party


def _n(value: Decimal | None) -> str | None:
    return None if value is None else (format(value.normalize(), "f") if value else "0")


def line_figures(line: DocumentLine, order: Document) -> dict[str, Any]:
    """What `gamma doc show --json` adds to an order line."""
    if line.qty is None:
        return {}
    return {"ordered": _n(line.qty), "fulfilled": _n(line.picked_qty),
            "residual": _n(residuals.residual(line, order)),
            "delivery_date": (line.delivery_date or order.delivery_date or None)
            and (line.delivery_date or order.delivery_date).isoformat(),
            "not_to_fulfil": line.not_to_fulfil, "line_status": residuals.line_status(line)}


def order_figures(order: Document, lines: list[DocumentLine]) -> dict[str, Any]:
    """What `gamma doc show --json` adds to an order's header."""
    return {"order_status": residuals.status(order, lines),
            "delivery_date": order.delivery_date.isoformat() if order.delivery_date else None,
            "priority": order.priority, "not_to_fulfil": order.not_to_fulfil}


def orders(ctx: Context, kind: str = "customer_order", party: str = "",
           status: str = "") -> list[dict[str, Any]]:
    """Confirmed orders of a kind with their status; `status` keeps only those. Customer
    orders need function 401, supplier orders 403."""
    if kind not in residuals.ORDER_KINDS:
        raise ValidationError("kind", "customer_order o supplier_order", "Tipo ordini")
    listed = _customer_orders if kind == "customer_order" else _supplier_orders
    return listed(ctx, kind, party, status)


@operation(functions.CUSTOMER_ORDERS, write=False)
def _customer_orders(ctx: Context, kind: str, party: str, status: str) -> list[dict[str, Any]]:
    return _orders(ctx, kind, party, status)


@operation(functions.SUPPLIER_ORDERS, write=False)
def _supplier_orders(ctx: Context, kind: str, party: str, status: str) -> list[dict[str, Any]]:
    return _orders(ctx, kind, party, status)


def _orders(ctx: Context, kind: str, party: str, status: str) -> list[dict[str, Any]]:
    if status and status not in residuals.STATUS_LABELS:
        raise ValidationError("status", "uno di " + ", ".join(residuals.STATUS_LABELS),
                              "Stato")
    query = (Document.select(Document, Party).join(Party, JOIN.LEFT_OUTER)
             .where(Document.company == ctx.require_company(), Document.kind == kind,
                    Document.status != "draft")
             .order_by(Document.date, Document.series, Document.number))
    if party:
        query = query.where(Party.code == party.strip().upper())
    found = list(query)
    lines: dict[int, list[DocumentLine]] = defaultdict(list)
    if found:
        for line in DocumentLine.select().where(
                DocumentLine.document.in_([o.id for o in found])):
            lines[line.document_id].append(line)
    out = []
    for order in found:
        state = residuals.status(order, lines[order.id])
        if status and state != status:
            continue
        left = sum((residuals.residual(line, order) for line in lines[order.id]
                    if line.line_kind in ("article", "manual")), Decimal(0))
        out.append({"id": order.id, "series": order.series, "number": order.number,
                    "date": order.date.isoformat(),
                    "party": order.party.code if order.party_id else None,
                    "name": order.party.name if order.party_id else "",
                    "delivery_date": order.delivery_date.isoformat()
                    if order.delivery_date else None,
                    "priority": order.priority, "status": state,
                    "status_label": residuals.STATUS_LABELS[state],
                    "residual_qty": _n(left), "total": f"{order.total:.2f}"})
    return out
