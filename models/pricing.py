"""Pricing conditions beyond the article's lists: special prices, discount classes,
campaigns, quantity breaks, n×m promotions and parametric lists (any combination of the
key columns), the last price agreed with a customer, and the charge rules."""

from __future__ import annotations

from peewee import (BooleanField, CharField, DateField, ForeignKeyField, SmallIntegerField,
                    TextField)

from models.article import Article
from models.company import CompanyModel
from models.document import Document
from models.fields import MoneyField, PriceField, QuantityField, RateField
from models.party import Party
from models.tables import Agent, PaymentTerm, TableEntry, VatCode


def _entry(name: str) -> ForeignKeyField:
    return ForeignKeyField(TableEntry, null=True, on_delete="RESTRICT",
                           backref=f"price_rules_{name}")


class PriceRule(CompanyModel):
    """A condition that applies when every key column it sets matches the sale. `kind`
    places it in the configured priority; within a kind the rule with more keys set wins,
    then the higher `priority`, then the later start."""

    LABEL = "condizione di prezzo"

    kind = CharField(max_length=16)  # customer_article, customer_family, category_family,
    #                                  campaign, quantity_break, promotion, parametric
    description = CharField(max_length=60, default="")
    party = ForeignKeyField(Party, null=True, on_delete="CASCADE", backref="price_rules")
    article = ForeignKeyField(Article, null=True, on_delete="CASCADE", backref="price_rules")
    family = _entry("family")
    category = _entry("category")
    zone = _entry("zone")
    freight_terms = _entry("freight_terms")
    agent = ForeignKeyField(Agent, null=True, on_delete="CASCADE")
    payment_term = ForeignKeyField(PaymentTerm, null=True, on_delete="CASCADE")
    valid_from = DateField(null=True)
    valid_to = DateField(null=True)
    min_qty = QuantityField(null=True)
    price = PriceField(null=True)  # a net price; None keeps the list price
    price_list = SmallIntegerField(null=True)  # take this article list instead
    discounts = CharField(max_length=30, default="")
    buy_qty = SmallIntegerField(null=True)  # promotion: buy 3 …
    pay_qty = SmallIntegerField(null=True)  # … pay 2
    priority = SmallIntegerField(default=0)
    active = BooleanField(default=True)

    class Meta:
        indexes = ((("company", "kind", "article"), False), (("company", "party"), False))


class LastPrice(CompanyModel):
    """The last price agreed with a customer for an article, proposed next time."""

    party = ForeignKeyField(Party, on_delete="CASCADE", backref="last_prices")
    article = ForeignKeyField(Article, on_delete="CASCADE")
    date = DateField()
    price = PriceField()
    discounts = CharField(max_length=30, default="")
    qty = QuantityField(null=True)
    document = ForeignKeyField(Document, null=True, on_delete="SET NULL")

    class Meta:
        indexes = ((("party", "article"), True),)


class ChargeRule(CompanyModel):
    """A charge added to documents: transport by freight terms, packing, etc.
    `mode` percent of the basis, fixed, or tiers (JSON [[up_to, amount], …] on the basis)."""

    LABEL = "regola spese"
    AUDIT_KEY = "code"

    code = CharField(max_length=10)
    description = CharField(max_length=60)
    kinds = CharField(max_length=120, default="")  # document kinds, comma-separated; "" all
    freight_terms = _entry("charge_freight")
    basis = CharField(max_length=10, default="amount")  # amount, weight, quantity, packages
    mode = CharField(max_length=8, default="fixed")  # percent, fixed, tiers
    value = MoneyField(default=0)  # fixed
    rate = RateField(null=True)  # the percentage, for percent
    tiers = TextField(default="")
    vat_code = ForeignKeyField(VatCode, null=True, on_delete="RESTRICT")
    active = BooleanField(default=True)

    class Meta:
        indexes = ((("company", "code"), True),)
