"""A document's totals: its lines and header turned into the totals' plain input
(gamma.sales.totals), with the charges its rules and payment term add."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from gamma.context import Context
from gamma.master import tables
from gamma.rows import fetch
from gamma.master.due_dates import parse_days
from gamma.sales import charges as charge_rules
from gamma.sales import fund, kinds
from gamma.sales.totals import Charge, StampDuty, TaxLine, Totals, VatKey, compute
from models import ChargeRule, Company, VatCode

GOODS = ("article", "manual", "amount")


def key(vat: VatCode) -> VatKey:
    return VatKey(vat.code, vat.rate, vat.nature)


def tax_lines(rows: list[dict[str, Any]]) -> list[TaxLine]:
    return [TaxLine(amount=row["amount"], vat=key(row["vat_code"]), gift=row.get("gift", ""),
                    withholding=row.get("withholding", False))
            for row in rows if row.get("line_kind", "article") in GOODS]


def instalment_count(doc: dict[str, Any]) -> int:
    term = doc.get("payment_term")
    return len(parse_days(term.days)) if term is not None else 0


def _basis(rule: ChargeRule, doc: dict[str, Any], rows: list[dict[str, Any]]) -> Decimal:
    if rule.basis == "weight":
        return doc.get("gross_weight") or Decimal(0)
    if rule.basis == "quantity":
        return sum((r["qty"] for r in rows if r.get("line_kind") == "article" and r.get("qty")),
                   Decimal(0))
    if rule.basis == "packages":
        return Decimal(doc.get("packages") or 0)
    return sum((r["amount"] for r in rows if r.get("line_kind", "article") in GOODS
                and r.get("gift", "") == ""), Decimal(0))


def charges_for(ctx: Context, doc: dict[str, Any], rows: list[dict[str, Any]]) -> list[Charge]:
    """Charge rules matching the document (kind, freight terms) and collection charges
    per instalment of its payment term."""
    kind = kinds.get(doc["kind"])
    found: list[Charge] = []
    freight = doc.get("freight_terms")
    rules = fetch(ChargeRule, company=ctx.company, active=True)
    for rule in rules:
        if rule.kinds and kind.code not in rule.kinds.replace(" ", "").split(","):
            continue
        if rule.freight_terms_id is not None and (
                freight is None or rule.freight_terms_id != freight.id):
            continue
        amount = charge_rules.rule_amount(rule.mode, _basis(rule, doc, rows), value=rule.value,
                                          rate=rule.rate, tiers=rule.tiers)
        if amount:
            vat = rule.vat_code or tables.find(ctx, "vat_code", "22")
            found.append(Charge("charge", rule.description, amount, key(vat)))
    term = doc.get("payment_term")
    if kind.instalments and term is not None and term.collection_charge:
        count = instalment_count(doc)
        amount = charge_rules.collection_charges(term.collection_charge, count)
        if amount:
            vat = tables.find(ctx, "vat_code", ctx.settings.sales.collection_charge_vat_code)
            found.append(Charge("collection", f"Spese d'incasso ({count} rate)", amount,
                                key(vat)))
    return found


def stamp_duty(ctx: Context, doc: dict[str, Any], lines: list[TaxLine]) -> StampDuty | None:
    """The stamp-duty rule for fiscal invoices and notes (not delivery notes or quotes)
    that have lines of the natures it counts."""
    kind = kinds.get(doc["kind"])
    if not kind.fiscal or kind.code == "delivery_note":
        return None
    s = ctx.settings.sales
    natures = frozenset(n.strip() for n in s.stamp_duty_natures.split(","))
    if not any(line.vat.nature in natures for line in lines):
        return None
    vat = None
    if s.stamp_duty_charged:
        vat = key(tables.find(ctx, "vat_code", s.stamp_duty_vat_code))
    return StampDuty(amount=Decimal(s.stamp_duty), threshold=Decimal(s.stamp_duty_threshold),
                     natures=natures,
                     charged=s.stamp_duty_charged, vat=vat)


def totals_of(ctx: Context, doc: dict[str, Any], rows: list[dict[str, Any]]) -> Totals:
    lines = tax_lines(rows)
    company = contributions_of(ctx, doc)
    extra = fund.fund_charges(company.fund_type, company.fund_rate, lines,
                              doc.get("discounts", "")) if company else []
    totals = compute(lines, discounts=doc.get("discounts", ""),
                     split_payment=doc.get("vat_regime") == "split_payment",
                     withholding_rate=doc.get("withholding_rate"),
                     charges=charges_for(ctx, doc, rows) + extra,
                     stamp_duty=stamp_duty(ctx, doc, lines))
    if company and doc.get("withholding_rate") is not None:
        withheld = fund.withholding(company.fund_type, company.fund_rate, lines,
                                    doc.get("discounts", ""), doc["withholding_rate"])
        if withheld is not None:  # the INPS rivalsa is withheld on as part of the fee
            totals.due -= withheld - totals.withholding
            totals.withholding = withheld
        # The principal withholds the agent's ENASARCO share too: it lowers what is due.
        totals.due -= fund.enasarco(company.enasarco_rate, lines, doc.get("discounts", ""))
    return totals


def contributions_of(ctx: Context, doc: dict[str, Any]) -> Company | None:
    """The company's fund and ENASARCO data when they apply to the document's kind (the
    e-invoiced kinds, quotes and pro-formas), else None."""
    kind = kinds.get(doc["kind"])
    if not (kind.einvoice_type or kind.code in ("quote", "proforma")) or kind.supplier:
        return None
    company = (Company.select(Company.fund_type, Company.fund_rate, Company.enasarco_rate)
               .where(Company.id == ctx.company.id).first())
    if company is None or not ((company.fund_type and company.fund_rate)
                               or company.enasarco_rate):
        return None
    return company
