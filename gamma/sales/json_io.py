"""Documents as JSON, for integrations (a CRM sends an order, a web shop a sale).

In: one document object or a list of them (README, "Documenti in JSON"). Header keys are
those of gamma.sales.header.LABELS (`customer` is the customer's code); lines carry
article/barcode/customer_code, qty, price, discounts, vat_code, or description + amount,
or comment, or `deduct_advance` (an advance invoice's id: its storno on a final
invoice, whole or, with `amount`, that part of it). Prices, discounts and VAT codes left out come from the pricing engine and the
master data. A file is imported whole or not at all; the error names the document
(by position) and the line.

Out: a document's header, lines (with what is still to pick up of each), totals, VAT
summary and instalments; amounts as strings with a dot ("12.50"), dates ISO.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

from peewee import JOIN

from gamma import functions
from gamma.access import permissions
from gamma.context import Context
from gamma.errors import GammaError, ValidationError
from gamma.orders import listing as order_listing
from gamma.orders import residuals
from gamma.sales import advances, documents, header, kinds, pickup
from gamma.sales.confirm import confirm
from gamma.service import operation
from models import Document, DocumentLine, DocumentVat, Instalment, Party

LINE_KEYS = {"article", "barcode", "customer_code", "supplier_code", "description", "qty", "qty_mode",
             "packages", "pieces", "gross", "tare", "capacity", "length", "width", "height",
             "price", "discounts", "amount", "vat_code", "gift", "depot", "keeps_vat",
             "withholding", "comment", "text", "code", "unit", "origin", "delivery_date",
             "not_to_fulfil", "explode"}
LINE_KEYS |= {"lot", "lot_expiry", "serials"}  # lot- and serial-tracked articles
LINE_KEYS |= {"deduct_advance"}  # the id of an advance invoice to deduct (advances.py)
HEADER_KEYS = set(header.LABELS) | {"lines", "depot_code"}
METHODS = {"MP01": "contanti", "MP02": "assegno", "MP05": "bonifico", "MP08": "carta",
           "MP12": "riba", "MP19": "sdd", "MP20": "sdd_core", "MP21": "sdd_b2b"}


class DocumentError(GammaError):
    """A bad document in a file, named by its position."""


def _money(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def _number(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def read(text: str) -> list[dict[str, Any]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise GammaError(f"JSON non valido alla riga {exc.lineno}, colonna {exc.colno}: "
                         f"{exc.msg}") from None
    items = data if isinstance(data, list) else [data]
    if not items or not all(isinstance(i, dict) for i in items):
        raise GammaError("Il file deve contenere un documento (oggetto) o un elenco di "
                         "documenti")
    return items


def _check_keys(item: dict[str, Any]) -> None:
    unknown = set(item) - HEADER_KEYS
    if unknown:
        raise ValidationError(sorted(unknown)[0], "campo sconosciuto (campi ammessi: "
                              "vedere README, Documenti in JSON)")
    lines = item.get("lines", [])
    if not isinstance(lines, list):
        raise ValidationError("lines", "deve essere un elenco di righe")
    for number, line in enumerate(lines, start=1):
        if isinstance(line, dict) and set(line) - LINE_KEYS:
            bad = sorted(set(line) - LINE_KEYS)[0]
            raise ValidationError(bad, "campo di riga sconosciuto", f"Riga {number}, {bad}")


@operation(functions.DOCUMENT_IMPORT)
def import_documents(ctx: Context, items: list[dict[str, Any]],
                     confirm_them: bool = False) -> list[dict[str, Any]]:
    """Every document of the file as a draft (confirmed with `confirm_them`), all in one
    transaction; the JSON of each as `show` gives it, with its warnings."""
    out = []
    for position, item in enumerate(items, start=1):
        try:
            _check_keys(item)
            if item.get("kind") not in kinds.KINDS:
                raise ValidationError("kind", "uno di " + ", ".join(kinds.KINDS),
                                      "Tipo documento")
            saved = documents.save_draft(ctx, advances.expand(ctx, item))
            warnings = list(saved.warnings)
            doc = saved.document
            if confirm_them:
                done = confirm(ctx, doc.id)
                doc, warnings = done.document, warnings + done.warnings
        except GammaError as exc:
            where = f"Documento {position}" if len(items) > 1 else "Documento"
            raise DocumentError(f"{where}: {exc.message}") from None
        out.append(as_json(Document.get_by_id(doc.id)) | {"warnings": warnings})
    return out


def references(doc: Document) -> dict[str, Any]:
    """The customer's references and the deferred-VAT flag, as the import takes them."""
    out: dict[str, Any] = {key: getattr(doc, key) for key in header.REFERENCE_TEXTS}
    out.update({key: getattr(doc, key).isoformat() if getattr(doc, key) else None
                for key in header.REFERENCE_DATES})
    out["vat_deferred"] = doc.vat_deferred
    return out


def as_json(doc: Document, with_lines: bool = False) -> dict[str, Any]:
    result: dict[str, Any] = {
        "id": doc.id, "kind": doc.kind, "subkind": doc.subkind or None, "series": doc.series,
        "number": doc.number, "date": doc.date.isoformat(), "status": doc.status,
        "customer": doc.party.code if doc.party_id else None,
        "payment_term": doc.payment_term.code if doc.payment_term_id else None,
        "vat_regime": doc.vat_regime,
        "references": references(doc),
        "currency": doc.currency.code if doc.currency_id else "EUR",
        "totals": {"goods": _money(doc.goods), "charges": _money(doc.charges),
                   "taxable": _money(doc.taxable), "vat": _money(doc.vat),
                   "stamp_duty": _money(doc.stamp_duty),
                   "withholding": _money(doc.withholding), "total": _money(doc.total),
                   "due": _money(doc.due), "total_euro": _money(doc.total_euro)},
        "vat_summary": [
            {"vat_code": row.vat_code.code, "rate": _number(row.rate),
             "nature": row.nature or None, "taxable": _money(row.taxable),
             "vat": _money(row.vat)}
            for row in DocumentVat.select().where(DocumentVat.document == doc)
            .order_by(DocumentVat.id)],
        "instalments": [
            {"due_date": i.due_date.isoformat(), "amount": _money(i.amount),
             "method": METHODS.get(i.method, i.method), "method_code": i.method}
            for i in Instalment.select().where(Instalment.document == doc)
            .order_by(Instalment.number)],
    }
    if with_lines:
        lines = documents.lines_of(doc)
        result["lines"] = [_line(line) for line in lines]
        if residuals.is_order(doc.kind):  # order status and line residuals, for a CRM
            result.update(order_listing.order_figures(doc, lines))
            for data, line in zip(result["lines"], lines):
                data.update(order_listing.line_figures(line, doc))
    return result


def _line(line: DocumentLine) -> dict[str, Any]:
    left = pickup.residual(line)
    return {"position": line.position, "kind": line.line_kind,
            "article": line.article.code if line.article_id else None, "code": line.code,
            "description": line.description or line.long_text, "unit": line.unit,
            "qty": _number(line.qty), "price": _number(line.price),
            "discounts": line.discounts, "amount": _money(line.amount),
            "vat_code": line.vat_code.code if line.vat_code_id else None,
            "gift": line.gift or None, "price_source": line.price_source,
            "picked_qty": _number(line.picked_qty) if line.qty is not None else None,
            "residual": _number(left) if left is not None else None,
            "origin": line.origin_id, "lot": line.lot.code if line.lot_id else None,
            "serials": line.serials.split() if line.serials else None}


@operation(functions.DOCUMENT_LIST, write=False)
def show(ctx: Context, document_id: int) -> dict[str, Any]:
    return as_json(documents.get(ctx, document_id), with_lines=True)


@operation(functions.DOCUMENT_LIST, write=False)
def listing(ctx: Context, kind: str | None = None, date_from: date | None = None,
            date_to: date | None = None, customer: str | None = None,
            status: str | None = None) -> list[dict[str, Any]]:
    query = (Document.select(Document, Party).join(Party, JOIN.LEFT_OUTER)
             .where(Document.company == ctx.require_company())
             .order_by(Document.date, Document.kind, Document.series, Document.number))
    if kind:
        kinds.get(kind)
        query = query.where(Document.kind == kind)
    if date_from:
        query = query.where(Document.date >= date_from)
    if date_to:
        query = query.where(Document.date <= date_to)
    if customer:
        query = query.where(Party.code == customer.strip().upper())
    if status:
        query = query.where(Document.status == status)
    sees_others: dict[str, bool] = {}

    def visible(d: Document) -> bool:
        if not d.created_by or d.created_by == ctx.login:
            return True
        if d.kind not in sees_others:
            sees_others[d.kind] = permissions.document_rights(ctx.operator, d.kind).view_others
        return sees_others[d.kind]

    return [{"id": d.id, "kind": d.kind, "series": d.series, "number": d.number,
             "date": d.date.isoformat(), "customer": d.party.code if d.party_id else None,
             "status": d.status, "total": _money(d.total)} for d in query if visible(d)]
