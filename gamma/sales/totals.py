"""A document's totals from its lines, by the Italian rules. Pure: no database.

VAT is computed per rate or nature on the summary (as FatturaPA's DatiRiepilogo), rounded
half-up to the cent, never line by line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class VatKey:
    code: str  # the VAT code: "22", "N3.5"
    rate: Decimal  # 22.00; 0 for natures
    nature: str = ""  # "" when taxable


@dataclass(frozen=True)
class TaxLine:
    """One line as the totals see it."""

    amount: Decimal  # net of the line's own discounts, 2 places; negative for returns
    vat: VatKey
    gift: str = ""  # "charged": in the VAT base, not paid by the customer; "free": left out
    withholding: bool = False  # subject to withholding tax
    discountable: bool = True  # the document discount applies (charges: False)


@dataclass(frozen=True)
class Charge:
    """A charge to add as a line (transport, collection charges, stamp duty)."""

    kind: str  # "charge", "collection", "stamp_duty"
    description: str
    amount: Decimal
    vat: VatKey


@dataclass
class VatRow:
    vat: VatKey
    taxable: Decimal
    tax: Decimal


@dataclass
class Totals:
    goods: Decimal  # lines before the document discount (free gifts left out)
    document_discount: Decimal  # what the document discount took off
    charges: Decimal  # charges added, stamp duty included when charged
    taxable: Decimal  # sum of the summary's taxable
    vat: Decimal  # sum of the summary's tax
    stamp_duty: Decimal  # due on the document (0 or the configured amount)
    withholding: Decimal
    gifts: Decimal  # value of "charged" gifts: taxed but not paid
    total: Decimal  # taxable + vat − gifts (ImportoTotaleDocumento)
    due: Decimal  # total − withholding − VAT under split payment: what instalments split
    summary: list[VatRow] = field(default_factory=list)
    charge_lines: list[Charge] = field(default_factory=list)
