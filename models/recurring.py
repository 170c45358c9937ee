"""Recurring customer orders (ordini cliente ricorrenti): per customer, templates with a
frequency, a validity and lines; and which order each template made on which day."""

from __future__ import annotations

from peewee import (BooleanField, CharField, DateField, ForeignKeyField, IntegerField,
                    SmallIntegerField, TextField)

from models.article import Article
from models.company import CompanyModel
from models.document import Document
from models.fields import PriceField, QuantityField, TimestampField, utcnow
from models.party import Destination, Party


class RecurringTemplate(CompanyModel):
    LABEL = "modello ordine ricorrente"
    AUDIT_KEY = "code"

    code = CharField(max_length=20)
    description = CharField(max_length=60, default="")
    party = ForeignKeyField(Party, on_delete="RESTRICT", backref="recurring_templates")
    frequency = CharField(max_length=8)  # weekdays, weekly, monthly
    days = CharField(max_length=20, default="")  # weekly: "1,3,5" (1 Monday … 7 Sunday)
    month_day = SmallIntegerField(null=True)  # monthly: 1-31 (past the month's end: its last)
    skip_holidays = BooleanField(default=True)  # no order on Italian public holidays
    start = DateField()
    end = DateField(null=True)
    price_type = CharField(max_length=6, default="list")  # list, fixed (price on each line)
    price_list = SmallIntegerField(null=True)  # 1-8; None: the customer's
    delivery_days = SmallIntegerField(default=0)  # delivery date = order day + these
    destination = ForeignKeyField(Destination, null=True, on_delete="RESTRICT")
    contact = CharField(max_length=60, default="")
    notes = TextField(default="")
    active = BooleanField(default=True)

    class Meta:
        indexes = ((("company", "code"), True), (("company", "party"), False))


class RecurringLine(CompanyModel):
    LABEL = "riga modello ricorrente"

    template = ForeignKeyField(RecurringTemplate, on_delete="CASCADE", backref="lines")
    position = IntegerField()
    article = ForeignKeyField(Article, on_delete="RESTRICT")
    qty = QuantityField()
    price = PriceField(null=True)  # a fixed price; None: from the price list

    class Meta:
        indexes = ((("template", "position"), True),)


class RecurringRun(CompanyModel):
    """A template generated for a day. The unique (template, day) is what makes a second
    generation, even a concurrent one, create nothing."""

    LABEL = "generazione ordine ricorrente"

    template = ForeignKeyField(RecurringTemplate, on_delete="RESTRICT", backref="runs")
    day = DateField()
    document = ForeignKeyField(Document, null=True, on_delete="SET NULL")
    created_by = CharField(max_length=30, default="")
    created_at = TimestampField(default=utcnow)

    class Meta:
        indexes = ((("template", "day"), True), (("company", "day"), False))
