"""A document's totals from its lines, by the Italian rules. Pure: no database.

VAT is computed per rate or nature on the summary (as FatturaPA's DatiRiepilogo), rounded
half-up to the cent, never line by line. `compute` applies, in order:

- "free" gifts (omaggi senza rivalsa) are left out entirely; `goods` is the sum of the other
  lines, "charged" gifts included.
- The document discount chain (`10+5` → factor 0.855) applies per VAT row: the row's
  discountable lines summed, times the factor, rounded half-up to the cent, plus the row's
  non-discountable amounts; `document_discount` is what that took off. "Charged" gifts
  (omaggi con rivalsa IVA) are never discounted: their value is the VAT base of the goods
  given, and `gifts` (that value) is subtracted from the total, the customer paying only
  their VAT.
- Charges join the summary under their VAT key, not discounted; `charges` is their sum.
- Stamp duty: the rows whose nature is listed (with the given charges, before any stamp
  duty line) are summed; when that sum, in absolute value (a credit note is subject too),
  strictly exceeds the threshold the duty is due. When charged to the customer a
  Charge(kind="stamp_duty") line is added under its VAT key (N1 when none is given), with
  the sign of that sum (a credit note gives back the stamp charged on the invoice); when
  not charged it is reported in `stamp_duty` only, outside the total.
- VAT per summary row: taxable × rate / 100 rounded half-up to the cent (natures: rate 0).
- Withholding: per VAT row, the withholding lines' discountable amounts times the factor,
  rounded to the cent, plus their non-discountable amounts; summed over the rows and times
  the rate %, rounded half-up to the cent. Gifts and charges are not subject.
- total = taxable + VAT − gifts; due = total − withholding − (VAT under split payment).
- Negative amounts (returns, credit notes) follow the same rules; half-up rounds away from
  zero on both sides.
- Summary rows: taxable rates descending, then natures by code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from gamma.discounts import chain, factor

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


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


N1 = VatKey("N1", ZERO, "N1")


@dataclass(frozen=True)
class StampDuty:
    """The stamp duty (imposta di bollo) rule, from the settings."""

    amount: Decimal  # 2.00
    threshold: Decimal  # 77.47: due when the listed natures' amounts exceed it
    natures: frozenset[str]  # {"N1", "N2.1", "N2.2", "N3.5", "N3.6", "N4"}
    charged: bool  # charged to the customer as a line under `vat`
    vat: VatKey | None = None  # N1 when None


def _cents(value: Decimal) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class _Row:
    discountable: Decimal = ZERO
    fixed: Decimal = ZERO  # not discounted: non-discountable lines, gifts, charges
    withholding_discountable: Decimal = ZERO
    withholding_fixed: Decimal = ZERO


def _order(key: VatKey) -> tuple:
    return (1, Decimal(0), key.code) if key.nature else (0, -Decimal(key.rate), key.code)


def compute(lines: list[TaxLine], *, discounts: str = "", split_payment: bool = False,
            withholding_rate: Decimal | None = None, charges: Sequence[Charge] = (),
            stamp_duty: StampDuty | None = None) -> Totals:
    """The totals of a document of `lines`, by the rules in the module's docstring."""
    ratio = factor(chain(discounts))  # ValidationError naming "discounts" when wrong
    rows: dict[VatKey, _Row] = {}
    goods = gifts = ZERO
    for line in lines:
        if line.gift == "free":
            continue
        amount = Decimal(line.amount)
        goods += amount
        row = rows.setdefault(line.vat, _Row())
        if line.gift == "charged":
            gifts += amount
            row.fixed += amount
        elif line.discountable:
            row.discountable += amount
            if line.withholding:
                row.withholding_discountable += amount
        else:
            row.fixed += amount
            if line.withholding:
                row.withholding_fixed += amount

    taxable: dict[VatKey, Decimal] = {}
    document_discount = withholding_base = ZERO
    for key, row in rows.items():
        discounted = _cents(row.discountable * ratio)
        document_discount += row.discountable - discounted
        taxable[key] = discounted + row.fixed
        withholding_base += (_cents(row.withholding_discountable * ratio)
                             + row.withholding_fixed)

    charge_lines = list(charges)
    for charge in charge_lines:
        taxable[charge.vat] = taxable.get(charge.vat, ZERO) + Decimal(charge.amount)

    duty = ZERO
    if stamp_duty is not None:
        basis = sum((v for k, v in taxable.items() if k.nature in stamp_duty.natures), ZERO)
        if abs(basis) > stamp_duty.threshold:
            duty = _cents(stamp_duty.amount)
            if stamp_duty.charged:
                line = Charge("stamp_duty", "Imposta di bollo",
                              duty if basis > 0 else -duty, stamp_duty.vat or N1)
                charge_lines.append(line)
                taxable[line.vat] = taxable.get(line.vat, ZERO) + line.amount

    summary = [VatRow(key, _cents(taxable[key]), _cents(taxable[key] * Decimal(key.rate) / 100))
               for key in sorted(taxable, key=_order)]
    total_taxable = sum((r.taxable for r in summary), ZERO)
    vat = sum((r.tax for r in summary), ZERO)
    withholding = _cents(withholding_base * Decimal(withholding_rate or 0) / 100)
    total = total_taxable + vat - gifts
    return Totals(
        goods=_cents(goods), document_discount=_cents(document_discount),
        charges=_cents(sum((c.amount for c in charge_lines), ZERO)),
        taxable=total_taxable, vat=vat, stamp_duty=duty, withholding=withholding,
        gifts=_cents(gifts), total=_cents(total),
        due=_cents(total - withholding - (vat if split_payment else ZERO)),
        summary=summary, charge_lines=charge_lines)
