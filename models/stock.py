"""Stock movements and the balances they add up to, per article and depot."""

from __future__ import annotations

from peewee import CharField, DateField, ForeignKeyField

from models.article import Article
from models.company import CompanyModel
from models.document import Document, DocumentLine
from models.fields import ExchangeRateField, PriceField, QuantityField
from models.lot import Lot, Serial
from models.party import Party
from models.tables import Depot, StockReason


class StockMovement(CompanyModel):
    """A quantity of an article moved at a depot for a reason. The reason's signs are
    copied into on_hand/committed/on_order, so balances are plain sums."""

    LABEL = "movimento di magazzino"

    article = ForeignKeyField(Article, on_delete="RESTRICT", backref="movements")
    depot = ForeignKeyField(Depot, on_delete="RESTRICT")
    reason = ForeignKeyField(StockReason, on_delete="RESTRICT")
    date = DateField()
    qty = QuantityField()
    on_hand = QuantityField(default=0)
    committed = QuantityField(default=0)
    on_order = QuantityField(default=0)
    unit_value = PriceField(null=True)  # in euro, whatever currency the price was given in
    # A price given in a foreign currency: as given, with the rate (units per euro) used.
    currency = CharField(max_length=3, default="")
    original_price = PriceField(null=True)
    exchange_rate = ExchangeRateField(null=True)
    # A transfer's two halves point at each other.
    paired = ForeignKeyField("self", null=True, on_delete="SET NULL")
    note = CharField(max_length=60, default="")
    party = ForeignKeyField(Party, null=True, on_delete="RESTRICT")
    document = ForeignKeyField(Document, null=True, on_delete="RESTRICT", backref="movements")
    line = ForeignKeyField(DocumentLine, null=True, on_delete="RESTRICT", backref="movements")
    lot = ForeignKeyField(Lot, null=True, on_delete="RESTRICT", backref="movements")
    serial = ForeignKeyField(Serial, null=True, on_delete="RESTRICT", backref="movements")

    class Meta:
        indexes = ((("company", "article", "depot", "date"), False),
                   (("company", "date"), False))


class StockBalance(CompanyModel):
    """On hand, committed and on order of an article at a depot: the sum of its movements,
    kept up to date in the transaction that writes them."""

    article = ForeignKeyField(Article, on_delete="CASCADE", backref="balances")
    depot = ForeignKeyField(Depot, on_delete="RESTRICT")
    on_hand = QuantityField(default=0)
    committed = QuantityField(default=0)
    on_order = QuantityField(default=0)

    class Meta:
        indexes = ((("article", "depot"), True),)
