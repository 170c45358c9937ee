"""The statistics journal (movimenti statistici): one row per statistic-relevant document
line, appended at confirmation and never updated, so stored statistics consolidate by
reading only the rows added since their last run (gamma.stats.journal)."""

from __future__ import annotations

from peewee import BooleanField, CharField, DateField, ForeignKeyField, IntegerField

from models.article import Article
from models.company import CompanyModel
from models.document import Document
from models.fields import MoneyField, PriceField, QuantityField
from models.party import Party
from models.tables import Agent, Depot


class StatMovement(CompanyModel):
    """One document line as statistics see it: quantities signed (a return or a credit note
    negative), values in euro net of the line's and the document's discounts. A changed
    document adds rows that cancel its previous ones (`reversal`), then its new lines."""

    LABEL = "movimento statistico"

    source = CharField(max_length=16)  # sales, purchases, orders, supplier_orders
    # A confirmed document is never deleted; CASCADE only so that deleting one (by hand,
    # in a repair) is not blocked by its journal.
    document = ForeignKeyField(Document, on_delete="CASCADE", backref="stat_movements")
    line = IntegerField(null=True)  # DocumentLine id when written; lines are rewritten on change
    position = IntegerField(default=0)  # the line's number in the document
    kind = CharField(max_length=20)  # the document kind
    date = DateField()
    party = ForeignKeyField(Party, null=True, on_delete="RESTRICT")
    agent = ForeignKeyField(Agent, null=True, on_delete="RESTRICT")  # the document's
    article = ForeignKeyField(Article, null=True, on_delete="RESTRICT")  # None: manual line
    depot = ForeignKeyField(Depot, null=True, on_delete="RESTRICT")
    qty = QuantityField(default=0)
    qty2 = QuantityField(default=0)  # second unit: qty × article.conversion
    packages = QuantityField(default=0)  # qty / article.pieces_per_package
    weight = QuantityField(default=0)  # kg: qty × article.net_weight
    revenue = MoneyField(default=0)  # euro, net of line and document discounts
    gross = MoneyField(default=0)  # euro, before any discount (list value)
    cost = MoneyField(default=0)  # euro, line cost × qty
    unit_price = PriceField(default=0)  # net unit price in euro, positive
    returned = BooleanField(default=False)
    gift = BooleanField(default=False)
    campaign = BooleanField(default=False)
    reversal = BooleanField(default=False)

    class Meta:
        indexes = ((("company", "date"), False), (("company", "document"), False))
