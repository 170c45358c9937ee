"""Standard tables (tabelle): loaded at company creation, edited by the firm.

Typed tables have their own model; the many tables that are only a code and a
description (zones, areas, categories, transport reasons, article families, custom
groupings, ...) share TableEntry, told apart by `kind`.
"""

from __future__ import annotations

from peewee import (BooleanField, Check, CharField, DateField, ForeignKeyField,
                    SmallIntegerField, TextField)

from models.company import CompanyModel
from models.fields import ExchangeRateField, MoneyField, RateField


class VatCode(CompanyModel):
    """Named by the rate for taxable codes (`22`, `10`) and by the nature for the others
    (`N1`, `N2.1`, `N3.5`), so that files and integrations can name them."""

    LABEL = "codice IVA"
    AUDIT_KEY = "code"

    code = CharField(max_length=10)
    description = CharField(max_length=60)
    rate = RateField(default=0)
    nature = CharField(max_length=5, default="")  # FatturaPA Natura; "" when taxable
    law_reference = CharField(max_length=100, default="")  # RiferimentoNormativo
    active = BooleanField(default=True)

    class Meta:
        indexes = ((("company", "code"), True),)


class PaymentTerm(CompanyModel):
    LABEL = "condizione di pagamento"
    AUDIT_KEY = "code"

    code = CharField(max_length=10)
    description = CharField(max_length=60)
    method = CharField(max_length=4, default="MP05")  # FatturaPA ModalitaPagamento
    days = CharField(max_length=60, default="0")  # instalments: "30,60,90"
    end_of_month = BooleanField(default=False)
    fixed_day = SmallIntegerField(default=0)  # 0: none; else day of the following month
    excluded_months = CharField(max_length=20, default="")  # "8,12"
    excluded_to_day = SmallIntegerField(default=0)  # a due date in them moves to this day
    vat_in_first = BooleanField(default=False)  # all VAT on the first instalment
    collection_charge = MoneyField(default=0)  # spese d'incasso per instalment
    active = BooleanField(default=True)

    class Meta:
        indexes = ((("company", "code"), True),)


class Unit(CompanyModel):
    LABEL = "unità di misura"
    AUDIT_KEY = "code"

    code = CharField(max_length=10)
    description = CharField(max_length=60)
    decimals = SmallIntegerField(default=0, constraints=[Check("decimals BETWEEN 0 AND 3")])

    class Meta:
        indexes = ((("company", "code"), True),)


class Depot(CompanyModel):
    LABEL = "deposito"
    AUDIT_KEY = "code"

    code = CharField(max_length=10)
    description = CharField(max_length=60)
    address = CharField(max_length=120, default="")
    active = BooleanField(default=True)

    class Meta:
        indexes = ((("company", "code"), True),)


class StockReason(CompanyModel):
    """What a movement does: each effect is -1, 0 or +1."""

    LABEL = "causale di magazzino"
    AUDIT_KEY = "code"

    code = CharField(max_length=10)
    description = CharField(max_length=60)
    on_hand = SmallIntegerField(default=0)
    committed = SmallIntegerField(default=0)
    on_order = SmallIntegerField(default=0)
    value = SmallIntegerField(default=0)  # load (+1) or unload (-1) value
    paired_reason = CharField(max_length=10, default="")  # generated too (transfers)
    # A purchase load: its unit value becomes the article's last cost, and the sale prices
    # derived from the cost by markup may be recomputed.
    reprice = BooleanField(default=False)
    active = BooleanField(default=True)

    class Meta:
        indexes = ((("company", "code"), True),)


class Agent(CompanyModel):
    LABEL = "agente"
    AUDIT_KEY = "code"

    code = CharField(max_length=10)
    name = CharField(max_length=60)
    commission = RateField(default=0)
    email = CharField(max_length=100, default="")
    active = BooleanField(default=True)

    class Meta:
        indexes = ((("company", "code"), True),)


class Bank(CompanyModel):
    """A bank of the company (for presenting bills and receiving transfers)."""

    LABEL = "banca"
    AUDIT_KEY = "code"

    code = CharField(max_length=10)
    name = CharField(max_length=60)
    iban = CharField(max_length=34, default="")
    abi = CharField(max_length=5, default="")
    cab = CharField(max_length=5, default="")
    bic = CharField(max_length=11, default="")
    active = BooleanField(default=True)

    class Meta:
        indexes = ((("company", "code"), True),)


class Currency(CompanyModel):
    LABEL = "valuta"
    AUDIT_KEY = "code"

    code = CharField(max_length=3)  # ISO 4217
    description = CharField(max_length=60)
    decimals = SmallIntegerField(default=2)

    class Meta:
        indexes = ((("company", "code"), True),)


class ExchangeRate(CompanyModel):
    """Units of the currency for one euro on a day."""

    LABEL = "cambio"

    currency = ForeignKeyField(Currency, on_delete="CASCADE", backref="rates")
    day = DateField()
    rate = ExchangeRateField()

    class Meta:
        indexes = ((("currency", "day"), True),)


class Country(CompanyModel):
    LABEL = "nazione"
    AUDIT_KEY = "code"

    code = CharField(max_length=2)  # ISO 3166-1 alpha-2
    name = CharField(max_length=60)
    eu = BooleanField(default=False)

    class Meta:
        indexes = ((("company", "code"), True),)


class TableEntry(CompanyModel):
    """A row of a code-and-description table; `kind` names the table."""

    LABEL = "voce di tabella"
    AUDIT_KEY = "code"

    kind = CharField(max_length=20)
    code = CharField(max_length=10)
    description = CharField(max_length=60)
    notes = TextField(default="")
    active = BooleanField(default=True)

    class Meta:
        indexes = ((("company", "kind", "code"), True),)


class RecordLayout(CompanyModel):
    """A fixed-width record layout (tracciato record) defined by the user."""

    LABEL = "tracciato record"
    AUDIT_KEY = "name"

    name = CharField(max_length=40)
    description = CharField(max_length=80, default="")
    fields = TextField()  # JSON list of {name, start, length, type, decimals, align, pad}

    class Meta:
        indexes = ((("company", "name"), True),)
