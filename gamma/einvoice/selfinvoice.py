"""Self-invoices (autofatture / integrazioni, TD16-TD19) from a received supplier invoice.

When the buyer owes the VAT (reverse charge), the company issues a document of its own to
SDI: the supplier as seller (CedentePrestatore), the company as buyer, the supplier's lines
with the VAT at the rate the operator gives, and the supplier's invoice named in
DatiFattureCollegate. The type says why:

- TD16 internal reverse charge (art. 17 c.6 DPR 633/72): an Italian supplier;
- TD17 services bought abroad: a foreign supplier;
- TD18 intra-EU goods: a supplier in another EU member state;
- TD19 goods already in Italy bought from a non-resident (art. 17 c.2): a foreign supplier.

The self-invoice is a confirmed document of kind "self_invoice" (own numbering, its type in
`subkind`), exported like any other. A received invoice gets at most one.
"""

from __future__ import annotations

from gamma import forms, functions, records
from gamma.context import Context
from gamma.errors import GammaError, NotFound, ValidationError
from gamma.forms import FieldDef, Form
from gamma.master import tables
from gamma.master.party_rules import is_eu
from gamma.sales import documents, kinds
from gamma.sales.confirm import confirm
from gamma.service import operation
from models import Document, Party, ReceivedInvoice, ReceivedLine, ReceivedVat

DESCRIPTION_LENGTH = 72

# What the received invoices screen (232) asks before creating a self-invoice.
FORM = forms.register(Form("self_invoice", "Autofattura da fattura ricevuta", (
    FieldDef("type", "Tipo (TD16-TD19)", "choice", 4, required=True, upper=True,
             choices=tuple(kinds.SELF_INVOICE_TYPES.items())),
    FieldDef("vat_code", "Codice IVA", "code", 10, required=True, upper=True,
             lookup="vat_code", default="22"),
)))


def _check_supplier(kind: str, supplier: Party) -> None:
    country = (supplier.country or "IT").upper()
    if kind == "TD16" and country != "IT":
        rule = "TD16 (reverse charge interno) richiede un fornitore italiano"
    elif kind == "TD18" and (country == "IT" or not is_eu(country)):
        rule = "TD18 (beni intracomunitari) richiede un fornitore di un altro paese UE"
    elif kind in ("TD17", "TD19") and country == "IT":
        rule = f"{kind} richiede un fornitore estero"
    else:
        return
    raise ValidationError("type", f"{rule}: {supplier.code} è di {country}", "Tipo autofattura")


def _lines(invoice: ReceivedInvoice, vat_code: str) -> list[dict]:
    """The supplier's lines as amount lines under the VAT code given; without lines (a
    simplified invoice), one per VAT summary row."""
    rows = list(ReceivedLine.select().where(ReceivedLine.invoice == invoice)
                .order_by(ReceivedLine.number))
    out = []
    for row in rows:
        if not row.amount:
            continue
        text = " ".join((row.description or "").split()) or f"Riga {row.number}"
        out.append({"description": text[:DESCRIPTION_LENGTH], "amount": str(row.amount),
                    "vat_code": vat_code})
    if not rows:
        for vat in ReceivedVat.select().where(ReceivedVat.invoice == invoice):
            if vat.taxable:
                out.append({"description": f"Fattura n. {invoice.number}"[:DESCRIPTION_LENGTH],
                            "amount": str(vat.taxable), "vat_code": vat_code})
    return out


@operation(functions.RECEIVED_INVOICES)
def create(ctx: Context, received_id: int, kind: str, vat_code: str = "22") -> Document:
    """The self-invoice of type `kind` (TD16-TD19) of a received invoice, confirmed."""
    kind = (kind or "").strip().upper()
    if kind not in kinds.SELF_INVOICE_TYPES:
        raise ValidationError("type", "uno di " + ", ".join(kinds.SELF_INVOICE_TYPES),
                              "Tipo autofattura")
    invoice = ReceivedInvoice.get_or_none(ReceivedInvoice.id == received_id,
                                          ReceivedInvoice.company == ctx.require_company())
    if invoice is None:
        raise NotFound(f"Fattura ricevuta {received_id} inesistente")
    existing = Document.get_or_none(Document.received_invoice == invoice)
    if existing is not None:
        raise GammaError(f"La fattura ricevuta n. {invoice.number} del "
                         f"{invoice.date:%d/%m/%Y} ha già l'autofattura: "
                         f"{documents.name(existing)}")
    if invoice.currency != "EUR":
        raise GammaError(f"La fattura ricevuta n. {invoice.number} è in {invoice.currency}: "
                         "l'autofattura si genera solo da fatture in euro")
    supplier = Party.get_by_id(invoice.supplier_id)
    _check_supplier(kind, supplier)
    vat = tables.find(ctx, "vat_code", (vat_code or "").strip().upper(), "vat_code",
                      "Codice IVA")
    lines = _lines(invoice, vat.code)
    if not lines:
        raise GammaError(f"La fattura ricevuta n. {invoice.number} non ha importi da "
                         "integrare")
    notes = (f"{kinds.SELF_INVOICE_TYPES[kind]}: fattura n. {invoice.number} del "
             f"{invoice.date:%d/%m/%Y} di {supplier.name}")
    saved = documents.save_draft(ctx, {
        "kind": kinds.SELF_INVOICE, "subkind": kind, "customer": supplier.code,
        "date": ctx.today(), "notes": notes, "lines": lines,
        # The supplier's own defaults are not ours: ordinary VAT, no withholding.
        "vat_regime": "ordinary", "withholding_rate": "", "vat_deferred": False})
    records.update(ctx, saved.document, received_invoice=invoice)
    done = confirm(ctx, saved.document.id)
    return Document.get_by_id(done.document.id)


def as_dict(doc: Document) -> dict:
    return {"id": doc.id, "type": doc.subkind, "number": doc.number,
            "date": doc.date.isoformat(), "supplier": doc.party.code,
            "taxable": f"{doc.taxable:.2f}", "vat": f"{doc.vat:.2f}",
            "total": f"{doc.total:.2f}",
            "received_invoice": doc.received_invoice_id}

