"""Physical inventory counts (inventario fisico) and the record of each year-end close."""

from __future__ import annotations

from peewee import CharField, DateField, ForeignKeyField, IntegerField, SmallIntegerField

from models.article import Article
from models.company import CompanyModel
from models.fields import MoneyField, QuantityField, TimestampField, utcnow
from models.tables import Depot


class StockCount(CompanyModel):
    """One counting session at a depot: lines typed or read from a barcode reader file,
    then applied as adjustment movements dated `date`."""

    LABEL = "inventario fisico"

    depot = ForeignKeyField(Depot, on_delete="RESTRICT")
    date = DateField()
    description = CharField(max_length=60, default="")
    status = CharField(max_length=8, default="open")  # open, applied
    created_at = TimestampField(default=utcnow)
    applied_at = TimestampField(null=True)


class StockCountLine(CompanyModel):
    """The quantity counted of an article; `expected` is the book quantity when applied."""

    count = ForeignKeyField(StockCount, on_delete="CASCADE", backref="lines")
    article = ForeignKeyField(Article, on_delete="RESTRICT")
    qty = QuantityField(default=0)
    expected = QuantityField(null=True)
    source = CharField(max_length=8, default="hand")  # hand, reader

    class Meta:
        indexes = ((("count", "article"), True),)


class StockClose(CompanyModel):
    """A year closed: its closing and opening movements were written valued by `method`."""

    LABEL = "chiusura di magazzino"

    year = SmallIntegerField()
    method = CharField(max_length=20)
    articles = IntegerField(default=0)
    value = MoneyField(default=0)
    closed_at = TimestampField(default=utcnow)
    closed_by = CharField(max_length=20, default="")

    class Meta:
        indexes = ((("company", "year"), True),)
