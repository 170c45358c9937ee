"""Parties (anagrafiche): customers and suppliers, and their delivery destinations."""

from __future__ import annotations

from peewee import (BooleanField, CharField, DateField, ForeignKeyField, SmallIntegerField,
                    TextField)

from models.company import CompanyModel
from models.fields import MoneyField
from models.tables import Agent, Bank, Currency, PaymentTerm, TableEntry, VatCode


def _entry(name: str) -> ForeignKeyField:
    return ForeignKeyField(TableEntry, null=True, on_delete="RESTRICT",
                           backref=f"parties_{name}")


class Party(CompanyModel):
    LABEL = "anagrafica"
    AUDIT_KEY = "code"

    code = CharField(max_length=20)
    name = CharField(max_length=60)
    name2 = CharField(max_length=60, default="")
    address = CharField(max_length=60, default="")
    zip = CharField(max_length=10, default="")
    city = CharField(max_length=60, default="")
    province = CharField(max_length=2, default="")
    country = CharField(max_length=2, default="IT")
    vat_number = CharField(max_length=20, default="", index=True)  # with country prefix if foreign
    tax_code = CharField(max_length=16, default="")
    sdi_code = CharField(max_length=7, default="")
    pec = CharField(max_length=100, default="")
    email = CharField(max_length=100, default="")
    phone = CharField(max_length=30, default="")
    is_customer = BooleanField(default=True)
    is_supplier = BooleanField(default=False)
    payment_term = ForeignKeyField(PaymentTerm, null=True, on_delete="RESTRICT")
    iban = CharField(max_length=34, default="")  # the party's own bank account
    abi = CharField(max_length=5, default="")
    cab = CharField(max_length=5, default="")
    our_bank = ForeignKeyField(Bank, null=True, on_delete="RESTRICT")  # where its bills go
    price_list = SmallIntegerField(default=1)
    discounts = CharField(max_length=30, default="")  # chain: "10+5"
    agent = ForeignKeyField(Agent, null=True, on_delete="RESTRICT", backref="parties")
    agent2 = ForeignKeyField(Agent, null=True, on_delete="RESTRICT", backref="parties2")
    zone = _entry("zone")
    area = _entry("area")
    category = _entry("category")
    grouping1 = _entry("g1")
    grouping2 = _entry("g2")
    grouping3 = _entry("g3")
    grouping4 = _entry("g4")
    grouping5 = _entry("g5")
    grouping6 = _entry("g6")
    language = CharField(max_length=2, default="it")
    currency = ForeignKeyField(Currency, null=True, on_delete="RESTRICT")
    credit_limit = MoneyField(null=True)
    sales_block = BooleanField(default=False)
    block_reason = CharField(max_length=60, default="")
    active = BooleanField(default=True)
    replaced_by = ForeignKeyField("self", null=True, on_delete="SET NULL")
    vat_regime = CharField(max_length=16, default="ordinary")  # split_payment, reverse_charge, intent
    intent_vat_code = ForeignKeyField(VatCode, null=True, on_delete="RESTRICT")
    intent_reference = CharField(max_length=60, default="")  # protocol of the declaration
    intent_valid_to = DateField(null=True)
    withholding = BooleanField(default=False)  # a withholding agent: invoices bear ritenuta
    # VAT due when paid (esigibilità differita, art. 6 c.5 DPR 633/72: public bodies…):
    # the default of its documents, FatturaPA EsigibilitaIVA "D".
    vat_deferred = BooleanField(default=False)
    notes = TextField(default="")

    class Meta:
        indexes = ((("company", "code"), True), (("company", "name"), False))


class Destination(CompanyModel):
    """A delivery address of a party (destinazione diversa)."""

    LABEL = "destinazione"

    party = ForeignKeyField(Party, on_delete="CASCADE", backref="destinations")
    number = SmallIntegerField()
    name = CharField(max_length=60)
    address = CharField(max_length=60, default="")
    zip = CharField(max_length=10, default="")
    city = CharField(max_length=60, default="")
    province = CharField(max_length=2, default="")
    country = CharField(max_length=2, default="IT")

    class Meta:
        indexes = ((("party", "number"), True),)
