"""The human view of a received e-invoice: plain data for the printers, text and PDF."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from gamma.einvoice import receive
from models import ReceivedInvoice
from printers import received_invoice as printer
from printers.formats import format_amount, format_date


def money(value) -> str:
    return format_amount(Decimal(value))


def day(value) -> str:
    return format_date(date.fromisoformat(value) if isinstance(value, str) else value)


def view_data(invoice: ReceivedInvoice) -> dict:
    data = receive.detail(invoice)
    data["date"] = invoice.date
    data["body_index"] = invoice.body_index
    for payment in data["payments"]:
        if payment["due_date"]:
            payment["due_date"] = date.fromisoformat(payment["due_date"])
    supplier = invoice.supplier
    data["supplier_address"] = " ".join(p for p in (
        supplier.address, supplier.zip, supplier.city,
        f"({supplier.province})" if supplier.province else "") if p)
    data["supplier_ids"] = " ".join(p for p in (
        f"P.IVA {supplier.vat_number}" if supplier.vat_number else "",
        f"C.F. {supplier.tax_code}" if supplier.tax_code else "") if p)
    return data


def text(invoice: ReceivedInvoice) -> str:
    return printer.render_text(view_data(invoice))


def pdf(invoice: ReceivedInvoice) -> bytes:
    return printer.render_pdf(view_data(invoice))


def write_pdf(invoice: ReceivedInvoice, path) -> Path:
    path = Path(path)
    path.write_bytes(pdf(invoice))
    return path


# -- the list of received invoices (screen 232, F2 lookups) -------------------------------

def _rows(ctx, typed, filters, limit):
    text = (typed or "").strip().lower()
    rows = []
    for invoice in receive.list_invoices(ctx):
        row = {"id": invoice.id, "supplier": invoice.supplier.code,
               "name": invoice.supplier.name, "type": invoice.document_type,
               "number": invoice.number, "date": format_date(invoice.date),
               "total": format_amount(invoice.total)}
        if text and not (text in row["supplier"].lower() or text in row["name"].lower()
                         or text in row["number"].lower()):
            continue
        rows.append(row)
        if len(rows) >= limit:
            break
    return rows


def _register() -> None:
    from gamma import lookups
    lookups.register(lookups.Source("received_invoice", "Fatture elettroniche ricevute", (
        lookups.Column("supplier", "Fornitore", 10), lookups.Column("name", "Ragione sociale", 22),
        lookups.Column("type", "Tipo", 4), lookups.Column("number", "Numero", 14),
        lookups.Column("date", "Data", 10), lookups.Column("total", "Totale", 12)),
        "id", _rows))


_register()
