"""Companies (ditte) and the base of every business table."""

from __future__ import annotations

from peewee import BooleanField, Check, CharField, ForeignKeyField, SmallIntegerField

from models.base import VersionedModel
from models.fields import MoneyField, RateField, TimestampField, utcnow


class Company(VersionedModel):
    """A legal entity kept in Gamma, code 1..9999."""

    LABEL = "ditta"
    AUDIT_KEY = "code"

    code = SmallIntegerField(unique=True, constraints=[Check("code BETWEEN 1 AND 9999")])
    name = CharField(max_length=80)
    vat_number = CharField(max_length=20, default="")
    tax_code = CharField(max_length=16, default="")
    active = BooleanField(default=True)
    # Registered office (FatturaPA CedentePrestatore/Sede) and contacts.
    address = CharField(max_length=60, default="")
    zip = CharField(max_length=10, default="")
    city = CharField(max_length=60, default="")
    province = CharField(max_length=2, default="")
    country = CharField(max_length=2, default="IT")
    phone = CharField(max_length=30, default="")
    email = CharField(max_length=100, default="")
    pec = CharField(max_length=100, default="")
    # Fiscal data: RegimeFiscale RF01..RF19 and the REA registration (IscrizioneREA).
    tax_regime = CharField(max_length=4, default="RF01")
    rea_office = CharField(max_length=2, default="")  # province of the registry office
    rea_number = CharField(max_length=20, default="")
    share_capital = MoneyField(null=True)
    sole_shareholder = CharField(max_length=2, default="")  # "", SU socio unico, SM più soci
    liquidation = CharField(max_length=2, default="LN")  # LN not in liquidation, LS in it
    # A professional charges its pension fund's contribution (cassa previdenziale, FatturaPA
    # DatiCassaPrevidenziale): TipoCassa TC01..TC22 and its rate on the fees; "" none.
    fund_type = CharField(max_length=4, default="")
    fund_rate = RateField(null=True)
    # An agent's ENASARCO contribution withheld by the principal (DatiRitenuta RT04): the
    # agent's share in percent of the commissions; None: not an agent.
    enasarco_rate = RateField(null=True)
    # CausalePagamento of the withholdings (A professionals, R agents…); "": the setting.
    withholding_reason = CharField(max_length=2, default="")
    created_at = TimestampField(default=utcnow)


class CompanyModel(VersionedModel):
    """A business record: it always belongs to one company."""

    company = ForeignKeyField(Company, on_delete="RESTRICT")
