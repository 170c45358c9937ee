"""Scheduled deliveries of open orders (ordini aperti): per order line, dated quantities,
firm (consolidate) or forecast (previsionali)."""

from __future__ import annotations

from peewee import BooleanField, DateField, ForeignKeyField

from models.company import CompanyModel
from models.document import Document, DocumentLine
from models.fields import QuantityField


class DeliverySchedule(CompanyModel):
    LABEL = "consegna programmata"

    document = ForeignKeyField(Document, on_delete="CASCADE", backref="schedule")
    line = ForeignKeyField(DocumentLine, on_delete="CASCADE", backref="schedule")
    date = DateField()
    qty = QuantityField()
    firm = BooleanField(default=False)
    delivered = QuantityField(default=0)

    class Meta:
        indexes = ((("line", "date"), True), (("company", "date"), False))
