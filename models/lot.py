"""Lots (with expiry) and serial numbers of the articles traced by them."""

from __future__ import annotations

from peewee import CharField, DateField, ForeignKeyField, TextField

from models.article import Article
from models.company import CompanyModel
from models.party import Party

SERIAL_STATUSES = {"in_stock": "In giacenza", "sold": "Venduta", "returned": "Resa",
                   "out": "Uscita"}


class Lot(CompanyModel):
    """A production or purchase lot of an article. `reserved_to`: a customer the whole lot
    is kept for; nobody else may take from it."""

    LABEL = "lotto"
    AUDIT_KEY = "code"

    article = ForeignKeyField(Article, on_delete="RESTRICT", backref="lots")
    code = CharField(max_length=30)
    expiry = DateField(null=True)
    produced = DateField(null=True)
    supplier = ForeignKeyField(Party, null=True, on_delete="RESTRICT", backref="lots_supplied")
    reserved_to = ForeignKeyField(Party, null=True, on_delete="RESTRICT",
                                  backref="lots_reserved")
    notes = TextField(default="")

    class Meta:
        indexes = ((("article", "code"), True), (("company", "expiry"), False))


class Serial(CompanyModel):
    """One unit of a serial-tracked article. `status` follows its movements: in stock
    after a load or a return, sold after a sale, out after any other unload."""

    LABEL = "matricola"
    AUDIT_KEY = "code"

    article = ForeignKeyField(Article, on_delete="RESTRICT", backref="serials")
    code = CharField(max_length=40)
    lot = ForeignKeyField(Lot, null=True, on_delete="RESTRICT", backref="serials")
    status = CharField(max_length=10, default="in_stock")

    class Meta:
        indexes = ((("article", "code"), True), (("company", "code"), False))
