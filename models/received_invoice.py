"""Supplier e-invoices (fatture elettroniche ricevute) imported from FatturaPA files: one
row per body of a file, its lines as the file has them, VAT summary, payment data and
attachments. The XML of the body's file is kept as received."""

from __future__ import annotations

from peewee import (BlobField, CharField, DateField, ForeignKeyField, IntegerField,
                    SmallIntegerField, TextField)

from models.article import Article
from models.company import CompanyModel
from models.fields import (MoneyField, PriceField, QuantityField, RateField, TimestampField,
                           utcnow)
from models.operator import Operator
from models.party import Party


class ReceivedInvoice(CompanyModel):
    LABEL = "fattura ricevuta"
    AUDIT_KEY = "number"

    supplier = ForeignKeyField(Party, on_delete="RESTRICT", backref="received_invoices")
    file_name = CharField(max_length=120)
    format = CharField(max_length=5)  # FPR12, FPA12, FSM10
    document_type = CharField(max_length=4)  # TD01…TD29
    number = CharField(max_length=20)
    date = DateField()
    currency = CharField(max_length=3, default="EUR")
    total = MoneyField(default=0)  # ImportoTotaleDocumento, or computed (FSM10, absent)
    taxable = MoneyField(default=0)
    vat = MoneyField(default=0)
    body_index = SmallIntegerField(default=1)  # 1-based position of the body in the file
    xml = TextField()
    imported_at = TimestampField(default=utcnow)
    imported_by = ForeignKeyField(Operator, null=True, on_delete="SET NULL")

    class Meta:
        indexes = ((("company", "supplier", "number", "date"), True),)


class ReceivedLine(CompanyModel):
    invoice = ForeignKeyField(ReceivedInvoice, on_delete="CASCADE", backref="lines")
    number = IntegerField()
    article = ForeignKeyField(Article, null=True, on_delete="SET NULL")
    code = CharField(max_length=35, default="")
    description = TextField(default="")
    qty = QuantityField(null=True)
    unit = CharField(max_length=10, default="")
    price = PriceField(default=0)
    price_text = CharField(max_length=30, default="")  # as in the file, when it had >6 places
    amount = MoneyField(default=0)
    vat_rate = RateField(default=0)
    nature = CharField(max_length=5, default="")


class ReceivedVat(CompanyModel):
    invoice = ForeignKeyField(ReceivedInvoice, on_delete="CASCADE", backref="vat_summary")
    rate = RateField(default=0)
    nature = CharField(max_length=5, default="")
    taxable = MoneyField(default=0)
    vat = MoneyField(default=0)
    esigibilita = CharField(max_length=1, default="")
    law_reference = CharField(max_length=100, default="")


class ReceivedPayment(CompanyModel):
    invoice = ForeignKeyField(ReceivedInvoice, on_delete="CASCADE", backref="payments")
    due_date = DateField(null=True)
    amount = MoneyField(default=0)
    method = CharField(max_length=4, default="")
    iban = CharField(max_length=34, default="")


class ReceivedAttachment(CompanyModel):
    invoice = ForeignKeyField(ReceivedInvoice, on_delete="CASCADE", backref="attachments")
    name = CharField(max_length=60)
    mime = CharField(max_length=20, default="")
    data = BlobField()
