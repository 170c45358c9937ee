"""Articles: descriptions, units, groupings, prices by list with dated history, barcodes,
supplier and customer codes, related articles."""

from __future__ import annotations

from peewee import (BooleanField, Check, CharField, DateField, ForeignKeyField,
                    IntegerField, SmallIntegerField, TextField)

from models.company import CompanyModel
from models.fields import PriceField, QuantityField, RateField, ScaledDecimalField
from models.party import Party
from models.tables import TableEntry, Unit, VatCode


def _entry(name: str) -> ForeignKeyField:
    return ForeignKeyField(TableEntry, null=True, on_delete="RESTRICT",
                           backref=f"articles_{name}")


class Article(CompanyModel):
    LABEL = "articolo"
    AUDIT_KEY = "code"

    code = CharField(max_length=20)
    description = CharField(max_length=72)
    long_text = TextField(default="")
    unit = ForeignKeyField(Unit, null=True, on_delete="RESTRICT", backref="articles")
    unit2 = ForeignKeyField(Unit, null=True, on_delete="RESTRICT", backref="articles2")
    conversion = ScaledDecimalField(6, null=True)  # second unit = first × conversion
    pieces_per_package = QuantityField(null=True)
    net_weight = QuantityField(null=True)  # kg per first unit: statistics' weight, transport
    family = _entry("family")
    subfamily = _entry("subfamily")
    product_group = _entry("group")
    subgroup = _entry("subgroup")
    grouping1 = _entry("g1")
    grouping2 = _entry("g2")
    grouping3 = _entry("g3")
    grouping4 = _entry("g4")
    grouping5 = _entry("g5")
    grouping6 = _entry("g6")
    vat_code = ForeignKeyField(VatCode, null=True, on_delete="RESTRICT")
    cost_last = PriceField(null=True)
    cost_average = PriceField(null=True)
    cost_standard = PriceField(null=True)
    min_stock = QuantityField(null=True)
    reorder_lot = QuantityField(null=True)
    max_stock = QuantityField(null=True)  # a reorder never proposes past it
    preferred_supplier = ForeignKeyField(Party, null=True, on_delete="RESTRICT",
                                         backref="preferred_articles")
    lot_tracked = BooleanField(default=False)
    serial_tracked = BooleanField(default=False)
    is_kit = BooleanField(default=False)
    # A kit's explosion in documents: never, automatic or on_request; priced on the
    # parent (components descriptive) or on the components (parent descriptive).
    kit_explosion = CharField(max_length=10, default="never")
    kit_pricing = CharField(max_length=10, default="parent")
    obsolete = BooleanField(default=False)
    keeps_vat = BooleanField(default=False)
    location = CharField(max_length=20, default="")  # ubicazione in the warehouse  # its rate prevails over a declaration of intent
    active = BooleanField(default=True)

    class Meta:
        indexes = ((("company", "code"), True), (("company", "description"), False))


class ArticleText(CompanyModel):
    """The description in another language (up to 5 per article)."""

    article = ForeignKeyField(Article, on_delete="CASCADE", backref="texts")
    language = CharField(max_length=2)
    description = CharField(max_length=72)

    class Meta:
        indexes = ((("article", "language"), True),)


class ArticlePrice(CompanyModel):
    """A sale price of a list (1-8) in force from a date: the history is kept."""

    LABEL = "prezzo di listino"

    article = ForeignKeyField(Article, on_delete="CASCADE", backref="prices")
    list_number = SmallIntegerField(constraints=[Check("list_number BETWEEN 1 AND 8")])
    valid_from = DateField()
    price = PriceField()
    discounts = CharField(max_length=30, default="")  # chain: "10+5"
    markup = RateField(null=True)  # on the cost, when the price is derived from it
    divisor = IntegerField(default=1)  # price per 1, 10, 100, 1000 units

    class Meta:
        indexes = ((("article", "list_number", "valid_from"), True),)


class Barcode(CompanyModel):
    """EAN-8/13, UPC, CODE128, or a weight/price-embedded prefix; unique in the company."""

    LABEL = "codice a barre"
    AUDIT_KEY = "code"

    article = ForeignKeyField(Article, on_delete="CASCADE", backref="barcodes")
    code = CharField(max_length=32)
    kind = CharField(max_length=10)  # ean13, ean8, upca, code128, weight, price
    quantity = QuantityField(default=1)  # units the code stands for (a box of 6)

    class Meta:
        indexes = ((("company", "code"), True),)


class PartyArticleCode(CompanyModel):
    """A supplier's or customer's own code (and description) of an article."""

    LABEL = "codice articolo del cliente/fornitore"

    article = ForeignKeyField(Article, on_delete="CASCADE", backref="party_codes")
    party = ForeignKeyField(Party, on_delete="CASCADE", backref="article_codes")
    code = CharField(max_length=30)
    description = CharField(max_length=72, default="")

    class Meta:
        indexes = ((("party", "code"), True),)


class ArticleLink(CompanyModel):
    """Another article related to this one: alternative, substitute or competitor."""

    article = ForeignKeyField(Article, on_delete="CASCADE", backref="links")
    other = ForeignKeyField(Article, on_delete="CASCADE", backref="linked_from")
    kind = CharField(max_length=12)
    position = SmallIntegerField(default=0)

    class Meta:
        indexes = ((("article", "other", "kind"), True),)
