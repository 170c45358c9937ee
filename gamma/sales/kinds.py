"""The document kinds: what each is called, how it is numbered, what it does to stock and
to the portfolio at confirmation, what it may pick up from, and its life.

Every kind's life is draft → confirmed → printed → archived. A confirmed document is
changed only by those with the kind's modify right, and the change is audited; a draft
carries no number.
"""

from __future__ import annotations

from dataclasses import dataclass

from gamma.errors import ValidationError

DRAFT, CONFIRMED, PRINTED, ARCHIVED = "draft", "confirmed", "printed", "archived"
STATUS_LABELS = {DRAFT: "Bozza", CONFIRMED: "Confermato", PRINTED: "Stampato",
                 ARCHIVED: "Archiviato"}
TRANSITIONS = {DRAFT: (CONFIRMED,), CONFIRMED: (PRINTED, ARCHIVED), PRINTED: (ARCHIVED,),
               ARCHIVED: ()}

# Delivery-note subkinds: sale, to a supplier, on approval (conto visione), return.
DN_SUBKINDS = {"sale": ("Vendita", "VEN", -1), "supplier": ("A fornitore", "SCA", -1),
               "approval": ("Conto visione", "VEN", -1), "return": ("Reso da cliente", "RES", 1)}


@dataclass(frozen=True)
class Kind:
    code: str
    label: str
    register: str  # numbering counter; invoices, deferred invoices and debit notes share one
    stock: int = 0  # -1 unloads, +1 loads, 0 no movement
    stock_reason: str = ""  # StockReason code of the movements
    instalments: bool = False  # instalments from the payment term at confirmation
    fiscal: bool = False  # a tax document (FatturaPA TipoDocumento when it has one)
    credit_check: bool = False  # raises the customer's exposure
    needs_party: bool = True
    picks_from: tuple[str, ...] = ()
    sign: int = 1  # for exposure and statistics: a credit note counts against
    einvoice_type: str = ""  # FatturaPA TipoDocumento
    supplier: bool = False  # the party is a supplier (supplier orders)


KINDS: dict[str, Kind] = {k.code: k for k in (
    Kind("quote", "Preventivo", "quote"),
    Kind("delivery_note", "Documento di trasporto", "delivery_note", stock=-1,
         stock_reason="VEN", credit_check=True, fiscal=True,
         picks_from=("quote", "pick_list", "customer_order")),
    # The final invoices pick from an advance invoice only to deduct it (gamma.sales.advances).
    Kind("invoice", "Fattura", "invoice", stock=-1, stock_reason="VEN", instalments=True,
         fiscal=True, credit_check=True,
         picks_from=("quote", "pick_list", "proforma", "customer_order", "advance_invoice"),
         einvoice_type="TD01"),
    # An advance invoice (fattura di acconto) bills money before the goods: no stock.
    Kind("advance_invoice", "Fattura di acconto", "invoice", instalments=True, fiscal=True,
         credit_check=True, picks_from=("quote", "proforma"), einvoice_type="TD02"),
    # A professional's fee note (parcella): services, numbered with the invoices.
    Kind("fee_note", "Parcella", "invoice", instalments=True, fiscal=True, credit_check=True,
         picks_from=("quote", "proforma"), einvoice_type="TD06"),
    Kind("deferred_invoice", "Fattura differita", "invoice", instalments=True, fiscal=True,
         credit_check=True, picks_from=("delivery_note", "advance_invoice"),
         einvoice_type="TD24"),
    Kind("credit_note", "Nota di credito", "invoice", fiscal=True, sign=-1,
         picks_from=("invoice", "deferred_invoice", "delivery_note", "advance_invoice",
                     "fee_note"), einvoice_type="TD04"),
    Kind("debit_note", "Nota di debito", "invoice", instalments=True, fiscal=True,
         credit_check=True, picks_from=("invoice", "deferred_invoice", "advance_invoice",
                                         "fee_note"), einvoice_type="TD05"),
    Kind("proforma", "Fattura pro-forma", "proforma", picks_from=("quote",)),
    Kind("receipt", "Ricevuta", "receipt", stock=-1, stock_reason="VEN", fiscal=True,
         needs_party=False, picks_from=("quote",)),
    Kind("pick_list", "Lista di prelievo", "pick_list", picks_from=("quote",)),
    Kind("counter", "Vendita al banco", "counter", stock=-1, stock_reason="VEN",
         needs_party=False, picks_from=("quote",)),
    # Orders move no goods: a customer order commits them, a supplier order expects them.
    Kind("customer_order", "Ordine cliente", "customer_order", stock=1, stock_reason="ORC",
         picks_from=("quote", "pick_list")),
    Kind("supplier_order", "Ordine fornitore", "supplier_order", stock=1,
         stock_reason="ORF", supplier=True),
    # Goods received from a supplier (bolla di carico): loads stock and fulfils the
    # supplier orders it picks from.
    Kind("goods_receipt", "Carico da fornitore", "goods_receipt", stock=1, stock_reason="CAR",
         supplier=True, picks_from=("supplier_order",)),
    # A self-invoice (autofattura / integrazione, TD16-TD19, the type in the subkind)
    # integrates a supplier's invoice with the VAT the company owes: the supplier is the
    # seller in the file, the company the buyer; its own numbering, no payment.
    Kind("self_invoice", "Autofattura", "self_invoice", fiscal=True, supplier=True,
         einvoice_type="TD17"),
)}

SELF_INVOICE = "self_invoice"
SELF_INVOICE_TYPES = {
    "TD16": "Integrazione fattura reverse charge interno",
    "TD17": "Integrazione/autofattura per acquisto servizi dall'estero",
    "TD18": "Integrazione per acquisto di beni intracomunitari",
    "TD19": "Integrazione/autofattura per acquisto di beni ex art.17 c.2 DPR 633/72",
}


def einvoice_type(code: str, subkind: str = "") -> str:
    """FatturaPA TipoDocumento of a document: a self-invoice's is its subkind."""
    if code == SELF_INVOICE:
        return subkind if subkind in SELF_INVOICE_TYPES else ""
    return get(code).einvoice_type


# What a counter sale may become when the operator chooses at the end.
COUNTER_TARGETS = ("invoice", "receipt", "delivery_note", "quote", "proforma")


def get(code: str) -> Kind:
    try:
        return KINDS[code]
    except KeyError:
        raise ValidationError("kind", "uno di " + ", ".join(KINDS), "Tipo documento") from None


def stock_effect(kind: Kind, subkind: str) -> tuple[int, str]:
    """The sign and stock reason of a kind's movements (delivery notes by subkind)."""
    if kind.code == "delivery_note":
        _, reason, sign = DN_SUBKINDS.get(subkind or "sale", DN_SUBKINDS["sale"])
        return sign, reason
    return kind.stock, kind.stock_reason


def label(code: str, subkind: str = "") -> str:
    kind = get(code)
    if code == "delivery_note" and subkind and subkind != "sale":
        return f"{kind.label} ({DN_SUBKINDS[subkind][0].lower()})"
    return kind.label
