"""Pre-orders (preordini): goods to order, noted by hand or when a confirmed order or sale
asked for more than was available; later turned into supplier or customer orders."""

from __future__ import annotations

from peewee import CharField, DateField, ForeignKeyField

from models.article import Article
from models.company import CompanyModel
from models.document import Document, DocumentLine
from models.fields import QuantityField, TimestampField, utcnow
from models.party import Party
from models.tables import Depot


class PreOrder(CompanyModel):
    LABEL = "preordine"

    date = DateField()
    article = ForeignKeyField(Article, on_delete="RESTRICT", backref="preorders")
    qty = QuantityField()
    depot = ForeignKeyField(Depot, null=True, on_delete="RESTRICT")
    customer = ForeignKeyField(Party, null=True, on_delete="RESTRICT", backref="preorders")
    supplier = ForeignKeyField(Party, null=True, on_delete="RESTRICT",
                               backref="supplier_preorders")
    status = CharField(max_length=10, default="open")  # open, converted
    origin = CharField(max_length=10, default="manual")  # manual, shortfall
    source = ForeignKeyField(Document, null=True, on_delete="SET NULL", backref="preorders")
    source_line = ForeignKeyField(DocumentLine, null=True, on_delete="SET NULL")
    order = ForeignKeyField(Document, null=True, on_delete="SET NULL",
                            backref="from_preorders")
    notes = CharField(max_length=72, default="")
    created_by = CharField(max_length=30, default="")
    created_at = TimestampField(default=utcnow)

    class Meta:
        indexes = ((("company", "status", "article"), False),)
