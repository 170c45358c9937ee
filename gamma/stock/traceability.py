"""Traceability: from a lot or a serial to every movement, document and party it touched
(the supplier it came from, the customers it went to), and back: from a customer or a
document to every lot and serial it received or gave.

Everything is read from the stock movements, which carry the lot, the serial, the party
and the document of each unit moved."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any, Iterable

from peewee import JOIN

from gamma import functions
from gamma.context import Context
from gamma.errors import NotFound
from gamma.master import parties
from gamma.sales import kinds
from gamma.service import operation
from gamma.stock import lots, serials
from models import Article, Document, Lot, Party, Serial, StockMovement, StockReason
from models.tables import Depot

ZERO = Decimal(0)


def _document(doc: Document | None) -> dict[str, Any] | None:
    if doc is None:
        return None
    series = f"{doc.series}/" if doc.series else ""
    return {"id": doc.id, "kind": doc.kind, "label": kinds.label(doc.kind, doc.subkind),
            "number": f"{series}{doc.number}" if doc.number is not None else None,
            "date": doc.date}


def _movements(where) -> list[dict[str, Any]]:
    """The movements matching `where`, in date order, with what a reader needs of each."""
    query = (StockMovement
             .select(StockMovement, Article.code, StockReason.code, StockReason.description,
                     Depot.code, Party.id, Party.code, Party.name, Document.id, Document.kind,
                     Document.subkind, Document.series, Document.number, Document.date,
                     Lot.id, Lot.code, Lot.expiry, Serial.id, Serial.code)
             .join_from(StockMovement, Article)
             .join_from(StockMovement, StockReason)
             .join_from(StockMovement, Depot)
             .join_from(StockMovement, Party, JOIN.LEFT_OUTER)
             .join_from(StockMovement, Document, JOIN.LEFT_OUTER)
             .join_from(StockMovement, Lot, JOIN.LEFT_OUTER)
             .join_from(StockMovement, Serial, JOIN.LEFT_OUTER)
             .where(where)
             .order_by(StockMovement.date, StockMovement.id))
    out = []
    for m in query:
        direction = "in" if m.on_hand > 0 else "out" if m.on_hand < 0 else ""
        out.append({
            "date": m.date, "article": m.article.code, "reason": m.reason.code,
            "reason_label": m.reason.description, "depot": m.depot.code,
            "qty": m.on_hand if m.on_hand else m.qty, "direction": direction,
            "committed": m.committed,
            "lot": m.lot.code if m.lot_id else None,
            "expiry": m.lot.expiry if m.lot_id else None,
            "serial": m.serial.code if m.serial_id else None,
            "party": m.party.code if m.party_id else None,
            "party_name": m.party.name if m.party_id else None,
            "document": _document(m.document if m.document_id else None)})
    return out


def _summary(moves: list[dict[str, Any]]) -> dict[str, Any]:
    """Who supplied (parties of loads), who received (parties of unloads, returns
    netted), and the documents, each once in date order."""
    suppliers: list[str] = []
    customers: dict[str, Decimal] = defaultdict(Decimal)
    names: dict[str, str] = {}
    documents: dict[int, dict[str, Any]] = {}
    for m in moves:
        if m["party"]:
            names[m["party"]] = m["party_name"]
            if m["direction"] == "out" or (m["direction"] == "in" and m["party"] in customers):
                customers[m["party"]] -= m["qty"]
            elif m["direction"] == "in" and m["party"] not in suppliers:
                suppliers.append(m["party"])
        if m["document"] is not None:
            documents.setdefault(m["document"]["id"], m["document"])
    return {"suppliers": [{"code": c, "name": names[c]} for c in suppliers],
            "customers": [{"code": c, "name": names[c], "qty": q}
                          for c, q in customers.items()],
            "documents": list(documents.values()),
            "on_hand": sum((m["qty"] for m in moves if m["direction"]), ZERO)}


@operation(functions.LOT_TRACE, write=False)
def trace_lot(ctx: Context, article: Article | str, code: str) -> dict[str, Any]:
    """A lot's life: its movements, documents, supplier(s) and customers."""
    lot = lots.find(ctx, article, code)
    moves = _movements(StockMovement.lot == lot.id)
    supplier = Party.get_by_id(lot.supplier_id) if lot.supplier_id else None
    reserved = Party.get_by_id(lot.reserved_to_id) if lot.reserved_to_id else None
    return {"article": lot.article.code, "lot": lot.code, "expiry": lot.expiry,
            "produced": lot.produced, "supplier": supplier.code if supplier else None,
            "reserved_to": reserved.code if reserved else None,
            "serials": [s.code for s in lot.serials.order_by(Serial.code)],
            **_summary(moves), "movements": moves}


@operation(functions.LOT_TRACE, write=False)
def trace_serial(ctx: Context, code: str, article: Article | str | None = None
                 ) -> list[dict[str, Any]]:
    """A serial's life (one entry per article carrying that serial)."""
    target = lots.article_of(ctx, article) if article is not None else None
    out = []
    for serial in serials.find(ctx, code, target):
        moves = _movements(StockMovement.serial == serial.id)
        out.append({"article": serial.article.code, "serial": serial.code,
                    "lot": serial.lot.code if serial.lot_id else None,
                    "status": serial.status,
                    "status_label": serials.status_label(serial.status),
                    **_summary(moves), "movements": moves})
    return out


def _received(moves: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per article, lot and serial: the quantity received (net of what went back) and
    the documents."""
    grouped: dict[tuple, dict[str, Any]] = {}
    for m in moves:
        key = (m["article"], m["lot"], m["serial"])
        item = grouped.setdefault(key, {"article": m["article"], "lot": m["lot"],
                                        "expiry": m["expiry"], "serial": m["serial"],
                                        "qty": ZERO, "documents": []})
        item["qty"] -= m["qty"] if m["direction"] else ZERO
        if m["document"] is not None and m["document"] not in item["documents"]:
            item["documents"].append(m["document"])
    return sorted(grouped.values(), key=lambda i: (i["article"], i["lot"] or "",
                                                    i["serial"] or ""))


@operation(functions.LOT_TRACE, write=False)
def party_lots(ctx: Context, party: Party | str) -> dict[str, Any]:
    """Every lot and serial a customer received (quantity net of returns; negative for
    what a supplier gave)."""
    found = party if isinstance(party, Party) else parties.find(ctx, party)
    moves = _movements((StockMovement.party == found.id)
                       & (StockMovement.lot.is_null(False)
                          | StockMovement.serial.is_null(False))
                       & (StockMovement.on_hand != 0))
    return {"party": found.code, "name": found.name, "lots": _received(moves)}


@operation(functions.LOT_TRACE, write=False)
def document_lots(ctx: Context, document_id: int) -> dict[str, Any]:
    """The lots and serials a document moved."""
    doc = Document.get_or_none(Document.company == ctx.require_company(),
                               Document.id == document_id)
    if doc is None:
        raise NotFound(f"Documento {document_id} inesistente")
    moves = _movements((StockMovement.document == doc.id)
                       & (StockMovement.lot.is_null(False)
                          | StockMovement.serial.is_null(False)))
    return {"document": _document(doc), "lots": _received(moves)}
