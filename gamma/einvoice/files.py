"""E-invoice files of sales documents: export (a validated XML written to the outbox, a
file row in state "ready" with its first event), regeneration of a rejected one with a new
progressive, the list of files.

The progressive (ProgressivoInvio, and the file name's tail) is a company-wide counter that
never restarts: numbering's counter "einvoice", series "", on a fixed year. An invalid XML
is never written: the export fails listing the schema's messages, and the transaction
gives the progressive back.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from gamma import functions, numbering
from gamma.audit import log
from gamma.context import Context
from gamma.einvoice import export as xml_export
from gamma.einvoice import xml_text
from gamma.einvoice import schema as einvoice_schema
from gamma.errors import GammaError, NotFound
from gamma.sales import documents
from gamma.service import operation
from models import Company, Document, EInvoiceEvent, EInvoiceFile

REGISTER = "einvoice"
# The counter's year: fixed, so that the progressive runs on across years and never repeats.
PERPETUAL_YEAR = 1
# States in which a file stands for its document: another export would send it twice.
LIVE_STATES = ("ready", "sent", "delivered", "not_delivered", "accepted", "deemed_accepted")
STATE_LABELS = {"ready": "Pronto", "sent": "Inviato", "delivered": "Consegnato",
                "not_delivered": "Mancata consegna", "rejected": "Scartato",
                "accepted": "Accettato", "refused": "Rifiutato",
                "deemed_accepted": "Decorrenza termini"}


def outbox_dir(ctx: Context, outbox: Path | None = None) -> Path:
    if outbox is not None:
        return Path(outbox)
    configured = ctx.settings.einvoice.outbox
    if configured:
        return Path(configured).expanduser()
    return ctx.settings.data_dir / "einvoice" / "outbox"


def files_of(doc: Document) -> list[EInvoiceFile]:
    return list(EInvoiceFile.select().where(EInvoiceFile.document == doc)
                .order_by(EInvoiceFile.progressive))


def _pdf(ctx: Context, doc: Document) -> tuple[str, bytes]:
    from gamma.sales import printing
    from printers.document_pdf import render_pdf
    data = printing.print_data(ctx, doc)
    content = render_pdf(data, printing.layout_for(ctx, doc))
    return f"{doc.kind}_{xml_export.number_text(doc).replace('/', '-')}.pdf", content


def _write(directory: Path, name: str, content: bytes) -> Path:
    """Written whole or not at all: a temporary file renamed into place."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        target = directory / name
        if target.exists():
            raise GammaError(f"Il file {target} esiste già nella cartella di uscita")
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=".", suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.replace(temporary, target)
        return target
    except OSError as exc:
        raise GammaError(f"Cartella delle fatture elettroniche {directory}: {exc.strerror}") \
            from None


def _make(ctx: Context, doc: Document, outbox: Path | None, attach_pdf: bool | None,
          note: str) -> EInvoiceFile:
    # What the file name needs; the whole record costs more to select than to use.
    company = (Company.select(Company.id, Company.country, Company.vat_number,
                              Company.tax_code).where(Company.id == doc.company_id).get())
    directory = einvoice_schema.schema_dir(ctx)
    einvoice_schema.load_schema(directory)  # refused before the PDF is made
    attach = ctx.settings.einvoice.attach_pdf if attach_pdf is None else attach_pdf
    attachment = None
    if attach:  # the document checked before its PDF is rendered, perhaps for nothing
        xml_export.check(doc, Company.get_by_id(doc.company_id),
                         doc.party if doc.party_id is not None else None)
        attachment = _pdf(ctx, doc)
    # A refusal from here on (build checks the document) rolls the progressive back.
    progressive = numbering.next_number(ctx, REGISTER, "", PERPETUAL_YEAR)
    built = xml_export.build(ctx, doc, progressive, attachment)
    errors = einvoice_schema.validate(built.xml, directory)
    if errors:
        raise einvoice_schema.InvalidXml(
            f"{documents.name(doc)}: il file non è valido secondo lo schema FatturaPA e non è "
            "stato scritto:\n" + "\n".join(f"- {e}" for e in errors[:20]), errors)
    name = xml_export.file_name(company, progressive)
    folder = outbox_dir(ctx, outbox)
    row = EInvoiceFile.create(company=doc.company_id, document=doc, progressive=progressive,
                              file_name=name, format=built.format, state="ready",
                              created_at=ctx.now(), xml=built.xml.decode("utf-8"),
                              path=str(folder / name))
    log.record_change(ctx, "insert", row, {
        "document": (None, doc.id), "progressive": (None, progressive),
        "file_name": (None, name), "format": (None, built.format), "state": (None, "ready")})
    EInvoiceEvent.create(company=doc.company_id, file=row, at=ctx.now(), state="ready",
                         message=note)
    # Last: a failure here rolls back the row and gives the progressive back.
    _write(folder, name, built.xml)
    return row


@operation(functions.EINVOICES)
def export(ctx: Context, document_id: int, outbox: Path | None = None,
           attach_pdf: bool | None = None) -> EInvoiceFile:
    """The document's e-invoice file, validated and written to the outbox in state ready.
    Refused when the document already has a file that is not rejected or refused."""
    doc = documents.find(ctx, document_id, for_update=True)
    documents.require_right(ctx, doc, "print")
    made = files_of(doc)
    live = [f for f in made if f.state in LIVE_STATES]
    if live:
        raise GammaError(f"{documents.name(doc)}: ha già la fattura elettronica "
                         f"{live[-1].file_name} ({STATE_LABELS[live[-1].state].lower()})")
    if made:
        raise GammaError(f"{documents.name(doc)}: il file precedente è stato scartato: "
                         "rigenerarlo (gamma einvoice regenerate)")
    return _make(ctx, doc, outbox, attach_pdf, "Generato")


@operation(functions.EINVOICES)
def regenerate(ctx: Context, document_id: int, outbox: Path | None = None,
               attach_pdf: bool | None = None) -> EInvoiceFile:
    """A new file with a new progressive for a document whose last file was rejected (NS)
    or refused by the public administration (NE); the document keeps its number and the
    old files keep their history."""
    doc = documents.find(ctx, document_id, for_update=True)
    documents.require_right(ctx, doc, "print")
    previous = files_of(doc)
    if not previous:
        raise GammaError(f"{documents.name(doc)}: non ha ancora una fattura elettronica: "
                         "esportarla")
    last = previous[-1]
    if last.state not in ("rejected", "refused"):
        raise GammaError(f"{documents.name(doc)}: il file {last.file_name} è "
                         f"{STATE_LABELS[last.state].lower()}: si rigenera solo un file "
                         "scartato o rifiutato")
    return _make(ctx, doc, outbox, attach_pdf, f"Rigenerato dopo {last.file_name}")


@operation(functions.EINVOICES, write=False)
def list_files(ctx: Context, document_id: int | None = None) -> list[EInvoiceFile]:
    company = ctx.require_company()
    query = EInvoiceFile.select().where(EInvoiceFile.company == company)
    if document_id is not None:
        query = query.where(EInvoiceFile.document == documents.find(ctx, document_id))
    return list(query.order_by(EInvoiceFile.progressive))


def events_of(row: EInvoiceFile) -> list[EInvoiceEvent]:
    return list(EInvoiceEvent.select().where(EInvoiceEvent.file == row)
                .order_by(EInvoiceEvent.at, EInvoiceEvent.id))


# ---- what the screen of function 231 shows -------------------------------------------------
@operation(functions.EINVOICES, write=False)
def overview(ctx: Context, state: str | None = None, typed: str = "",
             limit: int = 500) -> list[dict]:
    """The files made, newest first, as plain rows: document, file name, progressive,
    state and the time of the last event (its creation, its sending, SDI's last word)."""
    from peewee import fn
    company = ctx.require_company()
    query = (EInvoiceFile.select(EInvoiceFile.id, EInvoiceFile.document,
                                 EInvoiceFile.file_name, EInvoiceFile.progressive,
                                 EInvoiceFile.state, Document.id, Document.kind,
                                 Document.subkind, Document.series, Document.number,
                                 Document.date)
             .join(Document).where(EInvoiceFile.company == company))
    if state:
        query = query.where(EInvoiceFile.state == state)
    text = typed.strip()
    if text:  # part of the file name, or the document's number
        found = fn.LOWER(EInvoiceFile.file_name).contains(text.lower())
        if text.isdigit():
            found |= Document.number == int(text)
        query = query.where(found)
    rows = [{"id": row.id, "document_id": row.document_id,
             "document": documents.name(row.document), "file_name": row.file_name,
             "progressive": xml_text.progressive_text(row.progressive),
             "state": row.state, "state_label": STATE_LABELS.get(row.state, row.state)}
            for row in query.order_by(EInvoiceFile.progressive.desc()).limit(limit)]
    latest = dict(EInvoiceEvent.select(EInvoiceEvent.file, fn.MAX(EInvoiceEvent.at))
                  .where(EInvoiceEvent.file.in_([r["id"] for r in rows]))
                  .group_by(EInvoiceEvent.file).tuples()) if rows else {}
    for shown in rows:
        at = latest.get(shown["id"])
        shown["last_event"] = EInvoiceEvent.at.python_value(at) if at is not None else None
    return rows


@operation(functions.EINVOICES, write=False)
def history(ctx: Context, document_id: int) -> list[tuple[EInvoiceFile, list[EInvoiceEvent]]]:
    """Every file of a document, oldest first, each with its events (SDI's codes and
    texts included)."""
    return [(row, events_of(row)) for row in list_files(ctx, document_id)]


def history_lines(ctx: Context, document_id: int) -> list[str]:
    """The document's files and their events as text (screen 231, gamma einvoice history)."""
    from printers.formats import format_datetime
    out = []
    for row, events in history(ctx, document_id):
        sdi = f"  Id SdI {row.sdi_id}" if row.sdi_id else ""
        out.append(f"{row.file_name}  {row.format}  "
                   f"{STATE_LABELS.get(row.state, row.state)}{sdi}")
        for event in events:
            label = STATE_LABELS.get(event.state, event.state)
            code = f"{event.code} " if event.code else ""
            out.append(f"  {format_datetime(ctx.local(event.at))} {label:<16} "
                       f"{code}{event.message}")
        out.append("")
    return out or ["Nessuna fattura elettronica per questo documento"]


@operation(functions.EINVOICES, write=False)
def get(ctx: Context, file_id: int | str) -> EInvoiceFile:
    """A file of this company by id or by file name."""
    by = (EInvoiceFile.id == int(file_id) if str(file_id).isdigit()
          else EInvoiceFile.file_name == str(file_id))
    row = EInvoiceFile.get_or_none(by, EInvoiceFile.company == ctx.require_company())
    if row is None:
        raise NotFound(f"Fattura elettronica {file_id} inesistente")
    return row


def view_data(row: EInvoiceFile) -> dict:
    """The file's XML read back as the human view of a received invoice reads its own
    (printers.received_invoice), with the customer named."""
    from gamma.einvoice import receive
    parsed = receive.parse(row.file_name, row.xml.encode("utf-8"))
    body = parsed.bodies[0]
    seller, buyer = parsed.supplier, parsed.recipient
    return {
        "type": body.document_type, "number": body.number, "date": body.day,
        "file": row.file_name, "format": parsed.format, "body_index": body.index,
        "supplier": "", "supplier_name": seller.name,
        "supplier_address": " ".join(p for p in (seller.address, seller.zip, seller.city,
                                                 f"({seller.province})" if seller.province
                                                 else "") if p),
        "supplier_ids": seller.vat_label,
        "customer_name": buyer.name, "customer_ids": buyer.vat_label,
        "lines": [{"code": (line["codes"] or [""])[0], "description": line["description"],
                   "qty": str(line["qty"]) if line["qty"] is not None else None,
                   "price": str(line["price"]), "price_text": line["price_text"],
                   "amount": str(line["amount"]), "vat_rate": str(line["vat_rate"]),
                   "nature": line["nature"]} for line in body.lines],
        "vat_summary": [{key: str(value) if key in ("rate", "taxable", "vat") else value
                         for key, value in vat.items()} for vat in body.summary],
        "taxable": str(body.taxable), "vat": str(body.vat), "total": str(body.total),
        "currency": body.currency,
        "payments": [{"due_date": p["due_date"], "amount": str(p["amount"]),
                      "method": p["method"], "iban": p["iban"]} for p in body.payments],
        "attachments": [{"name": a["name"], "mime": a["mime"], "size": len(a["data"])}
                        for a in body.attachments]}


def view_text(row: EInvoiceFile) -> str:
    """The sent file as a readable invoice: the received invoices' layout, with the
    customer under the seller."""
    from printers import received_invoice as printer
    return printer.render_text(view_data(row))


def view_pdf(row: EInvoiceFile) -> bytes:
    """The same as a PDF."""
    from printers import received_invoice as printer
    return printer.render_pdf(view_data(row))


def _lookup_rows(ctx: Context, typed: str, filters: dict[str, str], limit: int) -> list[dict]:
    from printers.formats import format_date
    rows = overview(ctx, filters.get("state") or None, typed, limit)
    for row in rows:
        row["file"] = row["file_name"].removesuffix(".xml")
        row["last"] = format_date(ctx.local(row["last_event"])) if row["last_event"] else ""
    return rows


def _register() -> None:
    from gamma import lookups
    lookups.register(lookups.Source("einvoice_file", "Fatture elettroniche emesse", (
        lookups.Column("document", "Documento", 25), lookups.Column("file", "File", 19),
        lookups.Column("progressive", "Progr", 5), lookups.Column("state_label", "Stato", 14),
        lookups.Column("last", "Ult.evento", 10)), "id", _lookup_rows))


_register()
