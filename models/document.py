"""Sales documents (quotes, delivery notes, invoices, credit notes…): header, lines and the
VAT summary written at confirmation. What each kind may do lives in gamma.sales.kinds."""

from __future__ import annotations

from peewee import (BooleanField, CharField, DateField, ForeignKeyField, IntegerField,
                    SmallIntegerField, TextField)

from models.article import Article
from models.company import CompanyModel
from models.fields import (ExchangeRateField, MoneyField, PriceField, QuantityField,
                           RateField, TimestampField)
from models.lot import Lot
from models.party import Destination, Party
from models.received_invoice import ReceivedInvoice
from models.tables import Agent, Bank, Currency, Depot, PaymentTerm, TableEntry, VatCode


def _entry(name: str) -> ForeignKeyField:
    return ForeignKeyField(TableEntry, null=True, on_delete="RESTRICT",
                           backref=f"documents_{name}")


class Document(CompanyModel):
    LABEL = "documento"

    kind = CharField(max_length=20)  # quote, delivery_note, invoice, … (gamma.sales.kinds)
    subkind = CharField(max_length=12, default="")  # delivery notes: sale, supplier, approval, return
    register = CharField(max_length=20)  # the numbering counter: kinds may share one
    series = CharField(max_length=10, default="")
    year = SmallIntegerField()
    number = IntegerField(null=True)  # given at confirmation; drafts have none
    date = DateField()
    status = CharField(max_length=10, default="draft")  # draft, confirmed, printed, archived
    party = ForeignKeyField(Party, null=True, on_delete="RESTRICT", backref="documents")
    destination = ForeignKeyField(Destination, null=True, on_delete="RESTRICT")
    payment_term = ForeignKeyField(PaymentTerm, null=True, on_delete="RESTRICT")
    bank = ForeignKeyField(Bank, null=True, on_delete="RESTRICT")  # ours, for the bills
    iban = CharField(max_length=34, default="")  # the customer's, for direct debits
    agent = ForeignKeyField(Agent, null=True, on_delete="RESTRICT", backref="documents")
    agent2 = ForeignKeyField(Agent, null=True, on_delete="RESTRICT", backref="documents2")
    price_list = SmallIntegerField(default=1)
    discounts = CharField(max_length=30, default="")  # document discount chain
    carrier = _entry("carrier")
    transport_reason = _entry("transport_reason")
    freight_terms = _entry("freight_terms")
    packages = IntegerField(default=0)
    gross_weight = QuantityField(null=True)
    net_weight = QuantityField(null=True)
    transport_start = TimestampField(null=True)
    vat_regime = CharField(max_length=16, default="ordinary")  # split_payment, reverse_charge, intent
    intent_vat_code = ForeignKeyField(VatCode, null=True, on_delete="RESTRICT")
    intent_reference = CharField(max_length=60, default="")
    currency = ForeignKeyField(Currency, null=True, on_delete="RESTRICT")  # None: euro
    exchange_rate = ExchangeRateField(null=True)  # units of currency per euro
    withholding_rate = RateField(null=True)
    language = CharField(max_length=2, default="it")
    notes = TextField(default="")
    # Totals, in the document's currency (euro unless `currency` is set).
    # Totals, in the document's currency (euro unless `currency` is set).
    goods = MoneyField(default=0)  # lines' amounts before the document discount
    charges = MoneyField(default=0)
    taxable = MoneyField(default=0)
    vat = MoneyField(default=0)
    stamp_duty = MoneyField(default=0)
    withholding = MoneyField(default=0)
    total = MoneyField(default=0)  # taxable + VAT − charged gifts (stamp duty is a line)
    due = MoneyField(default=0)  # what the customer pays: less withholding and split VAT
    total_euro = MoneyField(null=True)  # in a foreign currency: the total in euro
    created_by = CharField(max_length=30, default="")
    confirmed_at = TimestampField(null=True)
    printed_at = TimestampField(null=True)
    credit_override_by = CharField(max_length=30, default="")
    # VAT due when paid (esigibilità differita): EsigibilitaIVA "D" in the e-invoice.
    vat_deferred = BooleanField(default=False)
    # The customer's references (FatturaPA DatiOrdineAcquisto, DatiContratto,
    # DatiConvenzione); CIG and CUP are required by public administrations.
    customer_reference = CharField(max_length=20, default="")  # the customer's order number
    customer_reference_date = DateField(null=True)
    cig = CharField(max_length=15, default="")
    cup = CharField(max_length=15, default="")
    contract_reference = CharField(max_length=20, default="")
    contract_date = DateField(null=True)
    agreement_reference = CharField(max_length=20, default="")  # convenzione
    # A self-invoice (TD16-TD19, the type in `subkind`) integrates this supplier invoice.
    received_invoice = ForeignKeyField(ReceivedInvoice, null=True, on_delete="RESTRICT",
                                       backref="self_invoices")
    # Orders (gamma.orders): when the customer wants the goods, which order ships first
    # (1 most urgent … 9), and an order given up as a whole (its residual released).
    delivery_date = DateField(null=True)
    priority = SmallIntegerField(default=5)
    not_to_fulfil = BooleanField(default=False)

    class Meta:
        indexes = (
            (("company", "register", "series", "year", "number"), True),
            (("company", "kind", "date"), False),
            (("company", "party", "date"), False),
        )


class DocumentLine(CompanyModel):
    LABEL = "riga documento"

    document = ForeignKeyField(Document, on_delete="CASCADE", backref="lines")
    position = IntegerField()
    line_kind = CharField(max_length=8, default="article")  # manual, amount, comment, text, charge
    article = ForeignKeyField(Article, null=True, on_delete="RESTRICT", backref="document_lines")
    code = CharField(max_length=30, default="")  # as printed: ours or the customer's
    description = CharField(max_length=72, default="")
    long_text = TextField(default="")
    unit = CharField(max_length=10, default="")
    qty = QuantityField(null=True)
    qty_entry = CharField(max_length=120, default="")  # "packages=3 pieces=12": how it was typed
    price = PriceField(null=True)
    discounts = CharField(max_length=30, default="")
    amount = MoneyField(null=True)  # net of the line's discounts, before the document's
    vat_code = ForeignKeyField(VatCode, null=True, on_delete="RESTRICT")
    keeps_vat = BooleanField(default=False)  # its own rate prevails over a declaration of intent
    gift = CharField(max_length=8, default="")  # "", "charged" (VAT recharged), "free"
    depot = ForeignKeyField(Depot, null=True, on_delete="RESTRICT")
    price_source = CharField(max_length=60, default="")  # the pricing rule that gave the price
    cost = PriceField(null=True)  # unit cost when entered, for the margin
    withholding = BooleanField(default=False)  # subject to withholding tax
    origin = ForeignKeyField("self", null=True, on_delete="RESTRICT", backref="picked_by")
    picked_qty = QuantityField(default=0)  # taken by later documents
    closed = BooleanField(default=False)  # nothing more to pick up
    delivery_date = DateField(null=True)  # order lines: requested delivery, else the header's
    not_to_fulfil = BooleanField(default=False)  # order lines: residual given up
    lot = ForeignKeyField(Lot, null=True, on_delete="RESTRICT", backref="document_lines")
    # Serial numbers as typed, one per unit, space-separated: the lines are rewritten at
    # every draft save and a load's serials exist only once it is confirmed.
    serials = TextField(default="")

    class Meta:
        indexes = ((("document", "position"), True),)


class DocumentVat(CompanyModel):
    """One row of the VAT summary (riepilogo IVA) per rate or nature."""

    document = ForeignKeyField(Document, on_delete="CASCADE", backref="vat_summary")
    vat_code = ForeignKeyField(VatCode, on_delete="RESTRICT")
    rate = RateField(default=0)
    nature = CharField(max_length=5, default="")
    taxable = MoneyField(default=0)
    vat = MoneyField(default=0)
    split_payment = BooleanField(default=False)  # VAT paid by the customer to the State

    class Meta:
        indexes = ((("document", "vat_code"), True),)
