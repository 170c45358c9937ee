"""A sales document as the printers see it: plain data, filled by the sales service.

Nothing here reads the database. Amounts are Decimal (2 places unless said), dates `date`.
Texts are already in the language of the print where they come from the master data
(descriptions, payment terms); the printers translate only their own labels.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

# Document kinds the layouts know (config/layouts/<kind>.toml).
KINDS = ("invoice", "deferred_invoice", "delivery_note", "quote", "order", "credit_note",
         "debit_note", "proforma", "receipt", "supplier_order", "advance_invoice", "fee_note")


@dataclass
class Company:
    """The company issuing the document (ditta)."""

    name: str
    address: str = ""
    zip_code: str = ""
    city: str = ""
    province: str = ""
    country: str = "IT"
    vat_number: str = ""
    tax_code: str = ""
    phone: str = ""
    email: str = ""
    pec: str = ""
    website: str = ""
    registration: str = ""  # REA, share capital…: one free line under the address
    logo_path: Path | None = None  # printed when the file exists


@dataclass
class DocumentInfo:
    """What the document is: kind, title, series, number, date."""

    kind: str  # one of KINDS: chooses the layout and the English title
    title: str = ""  # the Italian label: "Fattura", "Documento di trasporto"…; "" = from kind
    series: str = ""  # sezionale
    number: int | None = None  # None for drafts
    date: date | None = None
    status: str = ""  # "Bozza", "Annullato"…: printed next to the title when not ""
    causal: str = ""  # a free causale (e.g. "Vendita"), FatturaPA's Causale

    @property
    def number_text(self) -> str:
        if self.number is None:
            return ""
        return f"{self.number}/{self.series}" if self.series else str(self.number)


@dataclass
class Customer:
    """The addressee of the document (cliente; a supplier for supplier orders)."""

    code: str
    name: str
    name2: str = ""
    address: str = ""
    zip_code: str = ""
    city: str = ""
    province: str = ""
    country: str = "IT"
    vat_number: str = ""
    tax_code: str = ""
    sdi_code: str = ""
    pec: str = ""


@dataclass
class Destination:
    """A delivery address (destinazione) when different from the customer's."""

    name: str
    name2: str = ""
    address: str = ""
    zip_code: str = ""
    city: str = ""
    province: str = ""
    country: str = "IT"
    code: str = ""


@dataclass
class Bank:
    """Our bank, where the customer pays (appoggio)."""

    name: str
    iban: str = ""
    bic: str = ""


@dataclass
class Transport:
    """Transport data of a DDT or of an immediate invoice that travels with the goods."""

    carrier: str = ""  # vettore, with its address when any
    transport_by: str = ""  # "Mittente", "Destinatario", "Vettore"
    transport_reason: str = ""  # causale del trasporto
    freight_terms: str = ""  # porto: "Franco", "Assegnato"
    goods_appearance: str = ""  # aspetto esteriore dei beni
    packages: int | None = None  # colli
    gross_weight: Decimal | None = None  # kg
    net_weight: Decimal | None = None  # kg
    volume: Decimal | None = None  # m³
    transport_start: datetime | date | None = None  # inizio trasporto


@dataclass
class Line:
    """One document line. A comment/text line has no quantity, price or amount."""

    description: str
    code: str = ""  # our article code
    customer_code: str = ""  # the customer's code for the article
    long_text: str = ""  # extra text printed under the description
    unit: str = ""
    quantity: Decimal | None = None
    price: Decimal | None = None  # unit price, up to 6 places
    discount: str = ""  # the discount chain as typed: "10+5", "3,5"
    amount: Decimal | None = None  # net line amount, 2 places
    vat_code: str = ""  # "22", "N3.5"
    family: str = ""  # article family (for grouping/sorting), code or description
    location: str = ""  # warehouse location (for picking order)
    lot: str = ""  # lot / serial to print under the description
    quantity_decimals: int | None = None  # None: 0–3 as the value needs
    price_decimals: int | None = None  # None: 2–6 as the value needs

    @property
    def is_text(self) -> bool:
        return self.quantity is None and self.price is None and self.amount is None


@dataclass
class VatRow:
    """One row of the VAT summary (riepilogo IVA)."""

    code: str  # "22", "N3.5"
    description: str = ""  # "IVA 22%", "Non imponibile art. 8 c.1 lett. c"
    rate: Decimal = Decimal("0")
    nature: str = ""  # N1–N7 when the rate is 0
    taxable: Decimal = Decimal("0")
    tax: Decimal = Decimal("0")


@dataclass
class Totals:
    goods: Decimal = Decimal("0")  # lines before the document discount
    document_discount: Decimal = Decimal("0")  # what the document discount took off
    document_discount_text: str = ""  # the discount chain: "5+2"
    charges: Decimal = Decimal("0")  # transport, collection charges, stamp duty charged
    taxable: Decimal = Decimal("0")
    vat: Decimal = Decimal("0")
    stamp_duty: Decimal = Decimal("0")  # bollo due on the document
    withholding: Decimal = Decimal("0")  # ritenuta d'acconto
    enasarco: Decimal = Decimal("0")  # the agent's ENASARCO share, withheld too
    total: Decimal = Decimal("0")  # ImportoTotaleDocumento
    due: Decimal = Decimal("0")  # netto a pagare
    currency: str = "EUR"
    exchange_rate: Decimal | None = None  # units of `currency` for 1 EUR, foreign only
    total_eur: Decimal | None = None  # counter-value in euro of `total`, foreign only


@dataclass
class Instalment:
    due_date: date
    amount: Decimal
    method: str = ""  # "RiBa", "Bonifico", "RID"…


@dataclass
class PrintDocument:
    company: Company
    document: DocumentInfo
    customer: Customer
    destination: Destination | None = None
    payment_term: str = ""  # its description: "RiBa 30/60/90 gg f.m."
    bank: Bank | None = None
    customer_bank: str = ""  # the customer's bank for RiBa (appoggio), free text
    agent: str = ""
    transport: Transport | None = None
    lines: list[Line] = field(default_factory=list)
    vat_summary: list[VatRow] = field(default_factory=list)
    totals: Totals = field(default_factory=Totals)
    instalments: list[Instalment] = field(default_factory=list)
    notes: str = ""  # free notes of the document
    references: list[str] = field(default_factory=list)  # "Rif. DDT n. 12 del 03/03/2026"
    declaration_of_intent: str = ""  # "Lettera d'intento n. 5 del 10/01/2026 prot. …"
    split_payment: bool = False  # scissione dei pagamenti: standard note printed
    reverse_charge: bool = False  # inversione contabile: standard note printed
    legal_notes: list[str] = field(default_factory=list)  # further notes required by law
