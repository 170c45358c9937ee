"""Periodic invoicing (fatturazione periodica): contracts with their billing items, the
runs that generate transitory movements (movimenti transitori) from them, and those
movements' lines, editable until they are turned into sales documents."""

from __future__ import annotations

from peewee import (BooleanField, CharField, DateField, ForeignKeyField, IntegerField,
                    TextField)

from models.article import Article
from models.company import CompanyModel
from models.document import Document
from models.fields import MoneyField, PriceField, QuantityField, TimestampField, utcnow
from models.party import Party
from models.tables import PaymentTerm, VatCode


class Contract(CompanyModel):
    """A customer's contract: what is billed, how often, on which kind of document."""

    LABEL = "contratto"
    AUDIT_KEY = "code"

    code = CharField(max_length=20)
    party = ForeignKeyField(Party, on_delete="RESTRICT", backref="contracts")
    series = CharField(max_length=10, default="")  # sezionale of contract and documents
    date = DateField()
    start = DateField()
    end = DateField(null=True)
    frequency = CharField(max_length=12, default="monthly")
    kind = CharField(max_length=20, default="invoice")  # invoice, proforma, fee_note
    payment_term = ForeignKeyField(PaymentTerm, null=True, on_delete="RESTRICT")
    notes = TextField(default="")  # printed on every document
    active = BooleanField(default=True)
    billed_to = DateField(null=True)  # end of the last period billed

    class Meta:
        indexes = ((("company", "code"), True),)


class ContractItem(CompanyModel):
    """A billing item (voce di calcolo). The amount per document is qty × price (negated
    for a credit); with instalments the same amount is the total, split in equal parts."""

    LABEL = "voce del contratto"

    contract = ForeignKeyField(Contract, on_delete="CASCADE", backref="items")
    position = IntegerField()
    item_type = CharField(max_length=8, default="charge")  # charge, credit, text
    article = ForeignKeyField(Article, null=True, on_delete="RESTRICT")
    description = CharField(max_length=200, default="")  # with {dal}, {al}… placeholders
    vat_code = ForeignKeyField(VatCode, null=True, on_delete="RESTRICT")
    qty = QuantityField(default=1)
    price = PriceField(default=0)
    repeat = CharField(max_length=6, default="every")  # every, once
    months = CharField(max_length=40, default="")  # "3,9"; empty: every month
    instalments = IntegerField(default=0)  # 0: none
    billed_count = IntegerField(default=0)  # documents (instalments) it went on so far
    withholding = BooleanField(default=False)  # a fee subject to withholding

    class Meta:
        indexes = ((("contract", "position"), True),)


class PeriodicRun(CompanyModel):
    """One generation of transitory movements, up to a date, with the filters used."""

    LABEL = "generazione fatturazione periodica"

    up_to = DateField()  # periods starting on or before this day
    doc_date = DateField()  # date of the documents made from it
    status = CharField(max_length=10, default="open")  # open, invoiced, undone
    filters = TextField(default="")
    created_by = CharField(max_length=30, default="")
    created_at = TimestampField(default=utcnow)


class PeriodicMovement(CompanyModel):
    """A transitory document: one contract's period, becoming one sales document."""

    LABEL = "movimento transitorio"

    run = ForeignKeyField(PeriodicRun, on_delete="CASCADE", backref="movements")
    contract = ForeignKeyField(Contract, on_delete="RESTRICT")
    party = ForeignKeyField(Party, on_delete="RESTRICT")
    kind = CharField(max_length=20)
    period_from = DateField()
    period_to = DateField()
    billed_before = DateField(null=True)  # the contract's billed_to before: undo restores it
    document = ForeignKeyField(Document, null=True, on_delete="SET NULL")


class PeriodicLine(CompanyModel):
    """A line of a transitory movement; item None for an uncoded line added by hand."""

    LABEL = "riga del movimento transitorio"

    movement = ForeignKeyField(PeriodicMovement, on_delete="CASCADE", backref="lines")
    position = IntegerField()
    item = ForeignKeyField(ContractItem, null=True, on_delete="SET NULL")
    line_type = CharField(max_length=8, default="charge")
    article = ForeignKeyField(Article, null=True, on_delete="RESTRICT")
    description = CharField(max_length=200, default="")
    vat_code = ForeignKeyField(VatCode, null=True, on_delete="RESTRICT")
    qty = QuantityField(default=1)
    price = PriceField(default=0)
    amount = MoneyField(default=0)  # signed: a credit is negative
    withholding = BooleanField(default=False)
    counted = BooleanField(default=False)  # raised its item's billed_count
