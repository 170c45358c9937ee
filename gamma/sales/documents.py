"""Writing documents: drafts saved as the operator goes (no number), their lines, the
totals and VAT summary recomputed at every save, reading and deleting them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any


from gamma import db, functions, records
from gamma.access import permissions
from gamma.audit import log
from gamma.context import Context
from gamma.errors import GammaError, NotFound
from gamma.master import tables
from gamma.rows import fetch_one
from gamma.rows import insert as insert_rows
from gamma.sales import header, kinds, pickup, stock
from gamma.sales import fund
from gamma.sales.document_totals import tax_lines, totals_of
from gamma.sales.lines import Resolver
from gamma.sales.totals import Totals
from gamma.service import operation
from models import Company, Document, DocumentLine, DocumentVat, VatCode

LINE_FIELDS = ("line_kind", "article", "code", "description", "long_text", "unit", "qty",
               "qty_entry", "price", "discounts", "amount", "vat_code", "keeps_vat", "gift",
               "depot", "price_source", "cost", "withholding", "origin", "delivery_date",
               "not_to_fulfil")
LINE_FIELDS += ("lot", "serials")  # lot- and serial-tracked articles (gamma.stock)
TOTAL_FIELDS = ("goods", "charges", "taxable", "vat", "stamp_duty", "withholding", "total",
                "due")


@dataclass
class Saved:
    document: Document
    warnings: list[str] = field(default_factory=list)
    totals: Totals | None = None


def name(doc: Document) -> str:
    """How messages name a document: "Fattura A/12 del 10/03/2026" or "Bozza di fattura"."""
    label = kinds.label(doc.kind, doc.subkind)
    if doc.number is None:
        return f"Bozza di {label.lower()} del {doc.date:%d/%m/%Y}"
    series = f"{doc.series}/" if doc.series else ""
    return f"{label} {series}{doc.number} del {doc.date:%d/%m/%Y}"


def find(ctx: Context, document_id: int, for_update: bool = False) -> Document:
    # SQLite's BEGIN IMMEDIATE already serialises writers; PostgreSQL locks the row.
    found = fetch_one(Document, for_update=for_update, company=ctx.require_company(),
                      id=document_id)
    if found is None:
        raise NotFound(f"Documento {document_id} inesistente")
    return found


def require_right(ctx: Context, doc: Document | str, right: str) -> None:
    kind = doc if isinstance(doc, str) else doc.kind
    permissions.require_document_right(ctx, kind, right, kinds.label(kind))
    if not isinstance(doc, str) and doc.created_by and doc.created_by != ctx.login:
        others = "modify_others" if right in ("insert", "modify") else "view_others"
        permissions.require_document_right(ctx, kind, others, kinds.label(kind))


_IDS = {"article": "article_id", "depot": "depot_id", "origin": "origin_id", "lot": "lot_id"}


def row_of(line: DocumentLine) -> dict[str, Any]:
    """A stored line as the resolver gives one, for recomputing totals: related records as
    ids (reading each would cost a query per line), the VAT code as joined."""
    return ({name: getattr(line, _IDS.get(name, name)) for name in LINE_FIELDS}
            | {"position": line.position, "id": line.id})


_GOODS_SQL = ("SELECT {lines}, v.code, v.rate, v.nature FROM document_line l "
              "LEFT JOIN vat_code v ON v.id = l.vat_code_id "
              "WHERE l.document_id = {p} AND l.line_kind <> 'charge' ORDER BY l.position")
_LINE_COLUMNS = ("id", "position") + LINE_FIELDS


def enasarco_of(doc: Document) -> Decimal:
    """The agent's ENASARCO share the principal withholds on this document (0 when the
    customer withholds nothing or the company has no ENASARCO rate): what the e-invoice
    reports as RT04 and the print shows between the total and what is due."""
    if doc.withholding_rate is None:
        return Decimal(0)
    company = (Company.select(Company.enasarco_rate)
               .where(Company.id == doc.company_id).first())
    if company is None or not company.enasarco_rate:
        return Decimal(0)
    return fund.enasarco(company.enasarco_rate, tax_lines(goods_rows(doc)), doc.discounts)


def goods_rows(doc: Document) -> list[dict[str, Any]]:
    """The document's lines but charges, as row_of gives them, in one plain query (this
    runs at every confirmation)."""
    fields = [DocumentLine._meta.fields[n] for n in _LINE_COLUMNS]
    database = db.current()
    sql = _GOODS_SQL.format(lines=", ".join(f"l.{f.column_name}" for f in fields),
                            p=database.param)
    vats: dict[int, VatCode] = {}
    rows = []
    for record in database.execute_sql(sql, (doc.id,)).fetchall():
        # Related records as ids (a foreign key reads back as its id), the VAT code whole.
        row = {f.name: f.python_value(v) for f, v in zip(fields, record)}
        vat_id = row["vat_code"]
        if vat_id is not None:
            if vat_id not in vats:
                code, rate, nature = record[len(fields):]
                vats[vat_id] = VatCode(id=vat_id, code=code, rate=VatCode.rate.python_value(
                    rate), nature=nature)
            row["vat_code"] = vats[vat_id]
        rows.append(row)
    return rows


@operation(functions.DOCUMENT_EDIT)
def save_draft(ctx: Context, data: dict[str, Any], document_id: int | None = None) -> Saved:
    """Create a draft (document_id None) or change one: the header keys given, and the
    lines when `lines` is given (they replace the old ones)."""
    current = find(ctx, document_id, for_update=True) if document_id else None
    if current is not None and current.status != kinds.DRAFT:
        raise GammaError(f"{name(current)}: già confermato; si modifica con «modifica "
                         "documento confermato»")
    if current is not None and data.get("kind") and data["kind"] != current.kind:
        raise GammaError("Il tipo di una bozza non si cambia: crearne una nuova "
                         "(o usare il banco, che sceglie il tipo alla conferma)")
    require_right(ctx, current if current is not None else kinds.get(
        data.get("kind") or "invoice").code, "insert" if current is None else "modify")
    return write(ctx, data, current)


def write(ctx: Context, data: dict[str, Any], current: Document | None) -> Saved:
    """Header, lines, totals and VAT summary of a new or existing document (the callers
    check status and rights)."""
    head = header.resolve(ctx, data, current)
    fields_ = head.fields
    warnings = list(head.warnings)
    if "lines" in data or current is None:
        resolved = Resolver(ctx, fields_, head.party).resolve(list(data.get("lines") or []))
        rows, new_lines = resolved.rows, True
        warnings += resolved.warnings
        pickup.check_origins(ctx, fields_, rows, current)
        warnings += stock_warnings(ctx, fields_, rows)
    else:
        rows, new_lines = goods_rows(current), False
    totals = totals_of(ctx, fields_, rows)
    fields_.update({name_: getattr(totals, name_) for name_ in TOTAL_FIELDS})
    fields_["total_euro"] = euro(fields_["total"], fields_.get("exchange_rate"))
    if current is None:
        doc = records.insert(ctx, Document, company=ctx.company, status=kinds.DRAFT,
                             created_by=ctx.login, **fields_)
    else:
        doc = records.update(ctx, current, **fields_)
    write_lines(ctx, doc, rows if new_lines else None, totals)
    return Saved(doc, warnings, totals)


def stock_warnings(ctx: Context, doc: dict[str, Any], rows: list[dict[str, Any]]) -> list[str]:
    """As lines are entered: what they would take below zero (a block refuses them, as
    configured) or below the minimum stock. Confirmation checks again."""
    sign, _ = kinds.stock_effect(kinds.get(doc["kind"]), doc.get("subkind", ""))
    if sign >= 0:
        return []
    outgoing: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    where: dict[tuple[int, int], str] = {}
    for row in rows:
        if row.get("line_kind") == "article" and row.get("qty") and row["qty"] > 0:
            key_ = (_id(row["article"]), _id(row["depot"]))
            outgoing[key_] += row["qty"]
            where.setdefault(key_, f"Riga {row['position']}")
    return stock.check(ctx, outgoing, where, stock.released_by(ctx, rows))


def _id(value: Any) -> int:
    return value.id if hasattr(value, "id") else value


def euro(amount: Decimal, rate: Decimal | None) -> Decimal | None:
    """The euro counter-value of an amount in a currency quoted as units per euro."""
    if rate is None:
        return None
    return (amount / rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _vat_ids(ctx: Context, rows: list[dict[str, Any]], totals: Totals) -> dict[str, int]:
    ids = {row["vat_code"].code: row["vat_code"].id for row in rows if row.get("vat_code")}
    for charge in totals.charge_lines:
        if charge.vat.code not in ids:
            ids[charge.vat.code] = tables.find(ctx, "vat_code", charge.vat.code).id
    return ids


_DEFAULTS = {name_: DocumentLine._meta.fields[name_].default for name_ in LINE_FIELDS}


def _full_row(company: int, document: int, row: dict[str, Any]) -> dict[str, Any]:
    """Every column in every row: a multi-row INSERT takes its columns from the first."""
    full = {"company": company, "document": document, "position": row["position"]}
    for key_, default in _DEFAULTS.items():
        value = row.get(key_)
        full[key_] = default if value is None else value
    return full


def write_lines(ctx: Context, doc: Document, rows: list[dict[str, Any]] | None,
                totals: Totals) -> None:
    """Replace the lines (when `rows` is given), the charge lines and the VAT summary."""
    company = ctx.company.id
    if rows is not None:
        DocumentLine.delete().where(DocumentLine.document == doc).execute()
        goods = rows
    else:
        DocumentLine.delete().where(DocumentLine.document == doc,
                                    DocumentLine.line_kind == "charge").execute()
        goods = goods_rows(doc)
    ids = _vat_ids(ctx, goods, totals)
    position = max((r["position"] for r in goods), default=0)
    new = [_full_row(company, doc.id, r) for r in rows] if rows is not None else []
    for charge in totals.charge_lines:
        position += 1
        new.append(_full_row(company, doc.id, {
            "position": position, "line_kind": "charge", "description": charge.description[:72],
            "amount": charge.amount, "vat_code": ids[charge.vat.code],
            "price_source": charge.kind}))
    insert_rows(DocumentLine, new)
    DocumentVat.delete().where(DocumentVat.document == doc).execute()
    split = doc.vat_regime == "split_payment"
    if totals.summary:
        insert_rows(DocumentVat, [
            {"company": company, "document": doc.id, "vat_code": ids[row.vat.code],
             "rate": row.vat.rate, "nature": row.vat.nature, "taxable": row.taxable,
             "vat": row.tax, "split_payment": split and row.tax != 0}
            for row in totals.summary])


@operation(functions.DOCUMENT_EDIT)
def delete_draft(ctx: Context, document_id: int) -> None:
    doc = find(ctx, document_id, for_update=True)
    if doc.status != kinds.DRAFT:
        raise GammaError(f"{name(doc)}: confermato, non si elimina")
    require_right(ctx, doc, "modify")
    DocumentVat.delete().where(DocumentVat.document == doc).execute()
    DocumentLine.delete().where(DocumentLine.document == doc).execute()
    records.delete(ctx, doc)


@operation(functions.DOCUMENT_LIST, write=False)
def get(ctx: Context, document_id: int) -> Document:
    doc = find(ctx, document_id)
    if doc.created_by and doc.created_by != ctx.login:
        permissions.require_document_right(ctx, doc.kind, "view_others", kinds.label(doc.kind))
    return doc


def lines_of(doc: Document) -> list[DocumentLine]:
    return list(doc.lines.order_by(DocumentLine.position))


def note_change(ctx: Context, doc: Document, action: str, message: str) -> None:
    log.record(ctx, action, "document", str(doc.id), message=message)
