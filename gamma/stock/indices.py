"""Stock indices over a period, per article and in total:

- turnover (indice di rotazione) = cost of goods sold / average stock value, where the
  cost of goods sold is opening value + purchases − closing value and the average stock
  value is (opening value + closing value) / 2, both valued by the chosen method
  (moving average unless asked otherwise);
- coverage days (giorni di copertura) = closing quantity / average daily usage, the usage
  being the quantity unloaded with value (sales, unloads) over the period's days;
- margins: revenue of the sale document lines that moved the stock (line amounts, net
  of the line's discounts, in euro) − their cost (the cost the line carried, else the
  article's unit value at the end of the period).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from gamma import db, functions
from gamma.context import Context
from gamma.errors import ValidationError
from gamma.service import operation
from gamma.stock import valuation
from gamma.stock import valuation_methods as vm
from gamma.stock import valuation_read as read

CENT, QTY, TWO = Decimal("0.01"), Decimal("0.001"), Decimal("0.01")


def _money(billionths: int) -> Decimal:
    return Decimal(vm.cents(billionths)).scaleb(-2)


def _ratio(a: Decimal, b: Decimal) -> Decimal | None:
    return (a / b).quantize(TWO, rounding=ROUND_HALF_UP) if b else None


@dataclass(frozen=True)
class Index:
    code: str
    description: str
    opening_value: Decimal
    closing_value: Decimal
    purchases: Decimal
    closing_qty: Decimal
    used_qty: Decimal
    revenue: Decimal
    cost: Decimal
    days: int

    @property
    def average_value(self) -> Decimal:
        return ((self.opening_value + self.closing_value) / 2).quantize(CENT, ROUND_HALF_UP)

    @property
    def cogs(self) -> Decimal:
        return self.opening_value + self.purchases - self.closing_value

    @property
    def turnover(self) -> Decimal | None:
        return _ratio(self.cogs, self.average_value)

    @property
    def coverage_days(self) -> Decimal | None:
        if self.used_qty <= 0:
            return None
        return (self.closing_qty * self.days / self.used_qty).quantize(Decimal("0.1"),
                                                                       ROUND_HALF_UP)

    @property
    def margin(self) -> Decimal:
        return self.revenue - self.cost

    @property
    def margin_rate(self) -> Decimal | None:
        return _ratio(self.margin * 100, self.revenue)

    def as_dict(self) -> dict:
        return {"article": self.code, "description": self.description,
                "opening_value": self.opening_value, "closing_value": self.closing_value,
                "average_value": self.average_value, "purchases": self.purchases,
                "cogs": self.cogs, "turnover": self.turnover, "closing_qty": self.closing_qty,
                "used_qty": self.used_qty, "coverage_days": self.coverage_days,
                "revenue": self.revenue, "cost": self.cost, "margin": self.margin,
                "margin_rate": self.margin_rate}


def _flows(ctx: Context, win: read.Window, start: date, end: date
           ) -> dict[int, list[int]]:
    """Per article: [purchases value (billionths), quantity used (thousandths)]."""
    loads = [r for r, k in win.kinds.items() if k == vm.LOAD]
    database = db.current()
    p = database.param
    marks = ", ".join(str(int(r)) for r in loads) or "NULL"
    skipped = (" AND m.reason_id NOT IN (" + ", ".join(str(int(r)) for r in win.skipped)
               + ")" if win.skipped else "")
    cursor = database.execute_sql(
        "SELECT m.article_id, SUM(CASE WHEN m.on_hand > 0 AND m.unit_value IS NOT NULL AND "
        f"m.reason_id IN ({marks}) THEN m.on_hand * m.unit_value ELSE 0 END), "
        "SUM(CASE WHEN r.value < 0 THEN -m.on_hand ELSE 0 END) "
        "FROM stock_movement m JOIN stock_reason r ON r.id = m.reason_id "
        f"WHERE m.company_id = {p} AND m.date >= {p} AND m.date <= {p} "
        f"AND m.on_hand <> 0{skipped} GROUP BY m.article_id",
        [ctx.company.id, start, end])
    return {a: [int(v or 0), int(q or 0)] for a, v, q in cursor}


def _sales(ctx: Context, start: date, end: date) -> dict[int, list]:
    """Per article: [revenue in euro, [(qty thousandths, line cost millionths or None)]]."""
    database = db.current()
    p = database.param
    cursor = database.execute_sql(
        "SELECT m.article_id, l.amount, d.exchange_rate, d.currency_id, -m.on_hand, "
        "m.unit_value FROM stock_movement m "
        "JOIN stock_reason r ON r.id = m.reason_id "
        "JOIN document_line l ON l.id = m.line_id JOIN document d ON d.id = m.document_id "
        f"WHERE m.company_id = {p} AND m.date >= {p} AND m.date <= {p} AND r.value < 0",
        [ctx.company.id, start, end])
    out: dict[int, list] = {}
    for article, amount, rate, currency, qty, cost in cursor:
        revenue = Decimal(int(amount or 0)).scaleb(-2)
        if currency is not None and rate:
            revenue = (revenue / (Decimal(int(rate)).scaleb(-6))).quantize(CENT, ROUND_HALF_UP)
        entry = out.setdefault(article, [Decimal("0.00"), []])
        entry[0] += revenue
        entry[1].append((int(qty), None if cost is None else int(cost)))
    return out


@operation(functions.STOCK_INDICES, write=False)
def indices(ctx: Context, start: date, end: date, method: str = "moving-average"
            ) -> list[Index]:
    """The indices of every article moved or in stock in the period, by code."""
    if start is None or end is None or start > end:
        raise ValidationError("from", "il periodo va da una data a una successiva", "Dal")
    method = valuation.parse_method(method)
    valuation.require_sight(ctx, method, margins=True)
    before = valuation.compute(ctx, method, start - timedelta(days=1))
    after = valuation.compute(ctx, method, end)
    win = read.window(ctx, method, end, None)
    flows, sales, info = _flows(ctx, win, start, end), _sales(ctx, start, end), read.articles(ctx)
    days = (end - start).days + 1
    out = []
    for article in sorted(set(before) | set(after) | set(flows) | set(sales),
                          key=lambda a: info[a].code if a in info else ""):
        qty, closing = after.get(article, (0, 0))
        bought, used = flows.get(article, [0, 0])
        revenue, sold = sales.get(article, [Decimal("0.00"), []])
        unit = vm.unit_cost(closing, qty) if qty > 0 else (info[article].fallback
                                                            if article in info else 0)
        cost = sum(q * (c if c is not None else unit) for q, c in sold)
        a = info.get(article)
        out.append(Index(a.code if a else str(article), a.description if a else "",
                         _money(before.get(article, (0, 0))[1]), _money(closing),
                         _money(bought), (Decimal(qty) * QTY).quantize(QTY),
                         (Decimal(used) * QTY).quantize(QTY), revenue, _money(cost), days))
    return out


def total(found: list[Index]) -> dict:
    """The period's indices over every article (coverage in value: closing value over
    the daily cost of goods sold)."""
    zero = Decimal("0.00")
    opening = sum((x.opening_value for x in found), zero)
    closing = sum((x.closing_value for x in found), zero)
    purchases = sum((x.purchases for x in found), zero)
    revenue = sum((x.revenue for x in found), zero)
    cost = sum((x.cost for x in found), zero)
    cogs = opening + purchases - closing
    average = ((opening + closing) / 2).quantize(CENT, ROUND_HALF_UP)
    days = found[0].days if found else 0
    return {"opening_value": opening, "closing_value": closing, "average_value": average,
            "purchases": purchases, "cogs": cogs, "turnover": _ratio(cogs, average),
            "coverage_days": ((closing * days / cogs).quantize(Decimal("0.1"), ROUND_HALF_UP)
                              if cogs > 0 else None),
            "revenue": revenue, "cost": cost, "margin": revenue - cost,
            "margin_rate": _ratio((revenue - cost) * 100, revenue)}
