"""What one confirmed document adds to the statistics journal: which lines count, with
which sign, and their values in euro net of the line's and the document's discounts.
Pure: the caller reads the document, its lines and its articles.

The document discount is spread on the lines as the totals apply it (gamma.sales.totals):
per VAT row, the row's discounted total rounded to the cent is shared among its lines by
largest remainder, so the lines' revenue sums exactly to the document's taxable goods
(less "charged" gifts, which the customer does not pay). In a foreign currency the
document's discounted goods are turned into euro once and shared again the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Any, Sequence

from gamma.discounts import factor

ZERO = Decimal(0)
CENT = Decimal("0.01")
GOODS = ("article", "manual", "amount")
CAMPAIGN = "Campagna"  # how gamma.sales.pricing.rule_source names a campaign price

# Kind → (source, sign). Delivery notes by subkind; kinds not here write nothing.
SOURCES = {
    "invoice": ("sales", 1), "receipt": ("sales", 1), "counter": ("sales", 1),
    "credit_note": ("sales", -1), "debit_note": ("sales", 1), "fee_note": ("sales", 1),
    "deferred_invoice": ("sales", 1), "delivery_note": ("sales", 1),
    "goods_receipt": ("purchases", 1),
    "customer_order": ("orders", 1), "supplier_order": ("supplier_orders", 1),
}
# Picked lines of these kinds were counted where they come from (a delivery note) or are
# never counted (an advance invoice, deducted on the final invoice).
NOT_AGAIN = ("delivery_note", "advance_invoice")


@dataclass(frozen=True)
class Counted:
    source: str
    sign: int
    returned: bool  # the whole document is a return (return delivery note)


def counted(kind: str, subkind: str) -> Counted | None:
    """Whether a document of `kind` goes to the journal, under which source and sign."""
    found = SOURCES.get(kind)
    if found is None:
        return None
    source, sign = found
    if kind == "delivery_note":
        subkind = subkind or "sale"
        if subkind == "return":
            return Counted(source, -1, True)
        if subkind != "sale":  # on approval, to a supplier: no sale
            return None
    return Counted(source, sign, False)


def spread(values: Sequence[Decimal], target: Decimal) -> list[Decimal]:
    """`values` rounded to the cent so that they sum exactly to `target` (largest
    remainder: each floored, the missing cents to the largest fractions)."""
    cents = [v * 100 for v in values]
    floors = [c.to_integral_value(rounding=ROUND_FLOOR) for c in cents]
    missing = int(target * 100 - sum(floors, ZERO))
    order = sorted(range(len(cents)), key=lambda i: (floors[i] - cents[i], i))
    for i in order[:max(missing, 0)]:
        floors[i] += 1
    return [(f / 100).quantize(CENT) for f in floors]


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _id(value: Any) -> Any:
    return value.id if hasattr(value, "id") else value


def net_amounts(rows: list[dict], discounts: str, rate: Decimal | None) -> list[Decimal]:
    """Per row, what the customer pays for it in euro after the document discount (0 for
    gifts and rows that are not goods)."""
    ratio = factor(discounts)
    by_vat: dict[Any, list[int]] = {}
    for i, row in enumerate(rows):
        if row.get("line_kind") in GOODS and not row.get("gift") and row.get("amount"):
            vat = row.get("vat_code")
            by_vat.setdefault(getattr(vat, "code", vat), []).append(i)
    net = [ZERO] * len(rows)
    for members in by_vat.values():
        amounts = [Decimal(rows[i]["amount"]) * ratio for i in members]
        for i, value in zip(members, spread(amounts, _cents(sum(amounts, ZERO)))):
            net[i] = value
    if rate:
        euro = [v / rate for v in net]
        net = spread(euro, _cents(sum(net, ZERO) / rate))
    return net


def journal_rows(doc: Any, rows: list[dict], articles: dict[int, tuple],
                 origin_kinds: dict[int, str], company_id: int) -> list[dict]:
    """The journal rows of a confirmed document. `articles`: id → (conversion,
    pieces_per_package, net_weight); `origin_kinds`: picked line id → its document's kind."""
    how = counted(doc.kind, doc.subkind)
    if how is None:
        return []
    rate = doc.exchange_rate if doc.currency_id is not None else None
    net = net_amounts(rows, doc.discounts, rate)
    out = []
    for row, revenue in zip(rows, net):
        if row.get("line_kind") not in GOODS or row.get("amount") is None:
            continue
        origin = row.get("origin")
        if origin is not None and origin_kinds.get(_id(origin)) in NOT_AGAIN:
            continue
        out.append(_row(doc, how, row, revenue, rate, articles, company_id))
    return out


def _row(doc: Any, how: Counted, row: dict, revenue: Decimal, rate: Decimal | None,
         articles: dict[int, tuple], company_id: int) -> dict:
    sign = how.sign
    qty = Decimal(row.get("qty") or 0)
    price = row.get("price")
    gross = qty * price if price is not None and qty else Decimal(row["amount"])
    if rate:
        gross = gross / rate
    article = _id(row.get("article"))
    conversion, per_package, weight = articles.get(article, (None, None, None))
    cost = row.get("cost")
    signed_qty = sign * qty
    unit_price = abs(revenue / qty) if qty else abs(revenue)
    return {
        "company": company_id, "source": how.source, "document": doc.id,
        "line": row.get("id"), "position": row.get("position") or 0, "kind": doc.kind,
        "date": doc.date, "party": doc.party_id, "agent": doc.agent_id, "article": article,
        "depot": _id(row.get("depot")), "qty": signed_qty,
        "qty2": signed_qty * conversion if conversion else ZERO,
        "packages": signed_qty / per_package if per_package else ZERO,
        "weight": signed_qty * weight if weight else ZERO,
        "revenue": sign * revenue, "gross": sign * _cents(gross),
        "cost": sign * _cents(cost * qty) if cost is not None else ZERO,
        "unit_price": unit_price,
        "returned": how.returned or (article is not None and qty != 0
                                     and (doc.kind == "credit_note" or signed_qty < 0)),
        "gift": bool(row.get("gift")),
        "campaign": (row.get("price_source") or "").startswith(CAMPAIGN),
        "reversal": False,
    }
