"""A received supplier e-invoice as a readable text and as a PDF: a clean own layout.

Takes plain data (gamma.einvoice.receive_view.view_data), never the database.
"""

from __future__ import annotations

import textwrap
from decimal import Decimal

from fpdf import FPDF

from printers.document_text import latin1
from printers.formats import format_amount, format_date, format_price, format_trimmed

WIDTH = 80
DOCUMENT_TYPES = {"TD01": "Fattura", "TD02": "Acconto/anticipo su fattura",
                  "TD03": "Acconto/anticipo su parcella", "TD04": "Nota di credito",
                  "TD05": "Nota di debito", "TD06": "Parcella",
                  "TD07": "Fattura semplificata", "TD08": "Nota di credito semplificata",
                  "TD09": "Nota di debito semplificata", "TD24": "Fattura differita",
                  "TD25": "Fattura differita (art. 21 c. 4 lett. b)",
                  "TD29": "Comunicazione per omessa o irregolare fatturazione"}


def _money(value) -> str:
    return format_amount(Decimal(value)) if value not in (None, "") else ""


def render_text(data: dict, width: int = WIDTH) -> str:
    """The invoice in `width` columns."""
    out: list[str] = []
    title = DOCUMENT_TYPES.get(data["type"], "Documento")
    out.append(f"{title} ({data['type']}) n. {data['number']} del "
               f"{format_date(data['date'])}"[:width])
    out.append(f"File {data['file']} ({data['format']}), corpo {data['body_index']}"[:width])
    out.append("")
    # A sent file names its customer too, and calls the seller by the schema's name.
    sent = "customer_name" in data
    seller = " ".join(p for p in (data["supplier"], data["supplier_name"]) if p)
    out.append(f"{'Cedente:' if sent else 'Fornitore:':<10} {seller}"[:width])
    for extra in (data.get("supplier_address", ""), data.get("supplier_ids", "")):
        if extra:
            out.append(f"           {extra}"[:width])
    if sent:
        out.append(f"Cliente:   {data['customer_name']}"[:width])
        if data.get("customer_ids"):
            out.append(f"           {data['customer_ids']}"[:width])
    out.append("")
    out.append(f"{'Descrizione':<38} {'Quantità':>10} {'Prezzo':>12} {'Importo':>11} IVA"
               [:width])
    out.append("-" * min(width, 80))
    for line in data["lines"]:
        rate = line["nature"] or format_trimmed(Decimal(line["vat_rate"]), 0, 2)
        description = line["description"] or ""
        if line.get("code"):
            description = f"[{line['code']}] {description}"
        wrapped = textwrap.wrap(description, 38) or [""]
        qty = format_trimmed(Decimal(line["qty"]), 0, 3) if line["qty"] else ""
        price = line.get("price_text") or format_price(Decimal(line["price"]))
        out.append(f"{wrapped[0]:<38} {qty:>10} {price:>12} {_money(line['amount']):>11} "
                   f"{rate}"[:width])
        out.extend(f"{more:<38}"[:width] for more in wrapped[1:])
    out.append("")
    out.append("Riepilogo IVA")
    out.append(f"{'Aliquota/natura':<18} {'Imponibile':>14} {'Imposta':>12}  Esig. Rif.")
    for row in data["vat_summary"]:
        what = f"{format_trimmed(Decimal(row['rate']), 0, 2)}%"
        if row["nature"]:
            what += f" {row['nature']}"
        out.append(f"{what:<18} {_money(row['taxable']):>14} {_money(row['vat']):>12}  "
                   f"{row['esigibilita'] or '':<5} {row['law_reference']}"[:width])
    out.append("")
    out.append(f"{'Imponibile':<20} {_money(data['taxable']):>14} {data['currency']}")
    out.append(f"{'IVA':<20} {_money(data['vat']):>14} {data['currency']}")
    out.append(f"{'Totale documento':<20} {_money(data['total']):>14} {data['currency']}")
    if data["payments"]:
        out.append("")
        out.append("Pagamento")
        for p in data["payments"]:
            due = format_date(p["due_date"]) if p["due_date"] else "-"
            out.append(f"  {p['method']:<5} scadenza {due:<10} {_money(p['amount']):>14} "
                       f"{p['iban']}"[:width])
    if data["attachments"]:
        out.append("")
        out.append("Allegati")
        for a in data["attachments"]:
            out.append(f"  {a['name']} ({a['mime'] or '?'}, {a['size']} byte)"[:width])
    return "\n".join(out) + "\n"


def render_pdf(data: dict) -> bytes:
    """The same text on A4 pages, monospaced."""
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_font("Courier", size=9)
    for line in render_text(data, width=95).splitlines():
        pdf.cell(0, 4.2, latin1(line).encode("latin-1", "replace").decode("latin-1"),
                 new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
