"""Kits (bills of materials, "distinta base"): the components of a parent article, up to
9 levels, and the mix-and-match gifts (buy 3 of A, get B at a discount)."""

from __future__ import annotations

from peewee import BooleanField, CharField, DateField, ForeignKeyField, SmallIntegerField

from models.article import Article
from models.company import CompanyModel
from models.fields import QuantityField, RateField


class KitComponent(CompanyModel):
    """One component of a kit: `qty` in the component's first unit per unit of the parent
    (`qty2` in its second unit, when kept), increased by `scrap` % at explosion.
    Components sharing a non-zero `alt_group` replace each other: the lowest `priority`
    is the one the kit uses, the others cover its shortfall."""

    LABEL = "componente di distinta base"

    parent = ForeignKeyField(Article, on_delete="CASCADE", backref="kit_components")
    component = ForeignKeyField(Article, on_delete="RESTRICT", backref="kit_parents")
    qty = QuantityField()
    qty2 = QuantityField(null=True)
    scrap = RateField(default=0)
    position = SmallIntegerField(default=0)
    alt_group = SmallIntegerField(default=0)
    priority = SmallIntegerField(default=0)

    class Meta:
        indexes = ((("parent", "component"), True), (("company", "component"), False))


class MixMatch(CompanyModel):
    """A mix-and-match gift: a document with at least `buy_qty` of `article` gets
    `gift_qty` of `gift` (for every `buy_qty`) at `discount` % (100: free)."""

    LABEL = "omaggio mix/match"

    article = ForeignKeyField(Article, on_delete="CASCADE", backref="mix_matches")
    buy_qty = QuantityField()
    gift = ForeignKeyField(Article, on_delete="CASCADE", backref="mix_match_gifts")
    gift_qty = QuantityField(default=1)
    discount = RateField(default=100)
    description = CharField(max_length=60, default="")
    valid_from = DateField(null=True)
    valid_to = DateField(null=True)
    active = BooleanField(default=True)

    class Meta:
        indexes = ((("company", "article"), False),)
