"""Reorder proposals (proposte di riordino): the supplier orders worked out from minimum
stock, reorder lot and maximum stock, saved so the buyer can change them before confirming."""

from __future__ import annotations

from peewee import CharField, DateField, ForeignKeyField, IntegerField

from models.article import Article
from models.company import CompanyModel
from models.document import Document
from models.fields import QuantityField, TimestampField, utcnow
from models.party import Party


class ReorderProposal(CompanyModel):
    LABEL = "proposta di riordino"

    date = DateField()
    status = CharField(max_length=10, default="open")  # open, confirmed
    supplier = ForeignKeyField(Party, null=True, on_delete="RESTRICT")  # asked for only this one
    created_by = CharField(max_length=30, default="")
    created_at = TimestampField(default=utcnow)
    confirmed_at = TimestampField(null=True)


class ReorderLine(CompanyModel):
    """One article of a proposal: the figures it was worked out from (as they were then),
    the quantity proposed and the one the buyer keeps (0 leaves it out)."""

    LABEL = "riga della proposta di riordino"

    proposal = ForeignKeyField(ReorderProposal, on_delete="CASCADE", backref="lines")
    position = IntegerField()
    article = ForeignKeyField(Article, on_delete="RESTRICT")
    supplier = ForeignKeyField(Party, null=True, on_delete="RESTRICT")
    on_hand = QuantityField(default=0)
    committed = QuantityField(default=0)
    on_order = QuantityField(default=0)
    min_stock = QuantityField(default=0)
    proposed = QuantityField(default=0)
    qty = QuantityField(default=0)
    order = ForeignKeyField(Document, null=True, on_delete="SET NULL")  # made at confirmation

    class Meta:
        indexes = ((("proposal", "article"), True),)
