"""The statistics engine against totals worked out in the test from the documents' own
lines: agent → customer → month over 2025 and 2026 with the year comparison, about 200
invoices, delivery notes and credit notes with line and document discounts, some in US
dollars and pounds."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest

from gamma.master import parties, tables
from gamma.stats import engine
from gamma.stats.spec import StatSpec
from tests.sales_fixtures import d, issue, prepare

CENT = Decimal("0.01")
AGENTS = ("AG1", "AG2", "AG3")
CUSTOMERS = {f"C0{n}": AGENTS[(n - 1) % 3] for n in range(1, 7)}
VAT = {"A22": 22, "A10": 10, "A04": 4}
DISCOUNTS = {"": Decimal(1), "10": Decimal("0.9"), "5+2": Decimal("0.95") * Decimal("0.98")}
RATES = {"USD": Decimal("1.085"), "GBP": Decimal("0.8512")}


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def build_sales(ctx, count: int = 200, seed: int = 8) -> dict:
    """Issue `count` documents; return what the test expects per (agent, customer, year,
    month): revenue and qty worked out from the lines as typed."""
    for code in AGENTS:
        tables.save(ctx, "agent", {"code": code, "name": f"Agente {code}"})
    for code, agent in CUSTOMERS.items():
        parties.save_from_form(ctx, {"code": code, "name": f"Cliente {code}", "agent": agent})
    rng = random.Random(seed)
    expected: dict[tuple, dict[str, Decimal]] = defaultdict(
        lambda: {"revenue": Decimal(0), "qty": Decimal(0)})
    for n in range(count):
        year = 2025 + n % 2
        day = date(year, rng.randint(1, 12), rng.randint(1, 28))
        customer = rng.choice(list(CUSTOMERS))
        # Mostly the customer's agent; now and then another one (the historical agent).
        agent = CUSTOMERS[customer] if rng.random() < 0.8 else rng.choice(AGENTS)
        kind = rng.choice(("invoice", "invoice", "delivery_note", "credit_note"))
        chain = rng.choice(list(DISCOUNTS))
        data = {"kind": kind, "date": day, "customer": customer, "agent": agent,
                "discounts": chain, "lines": []}
        currency = rng.choice((None, None, None, "USD", "GBP"))
        if currency:
            tables.set_rate(ctx, currency, day, RATES[currency])
            data["currency"] = currency
        by_vat: dict[int, Decimal] = defaultdict(Decimal)
        qty_total = Decimal(0)
        for _ in range(rng.randint(1, 3)):
            article = rng.choice(list(VAT))
            qty = Decimal(rng.randint(1, 20))
            price = Decimal(rng.randint(100, 5000)) / 100
            line_discount = rng.choice(("", "10"))
            data["lines"].append({"article": article, "qty": str(qty), "price": str(price),
                                  "discounts": line_discount})
            by_vat[VAT[article]] += cents(qty * price * DISCOUNTS[line_discount])
            qty_total += qty
        goods = sum((cents(v * DISCOUNTS[chain]) for v in by_vat.values()), Decimal(0))
        if currency:
            goods = cents(goods / RATES[currency])
        sign = -1 if kind == "credit_note" else 1
        issue(ctx, data)
        slot = expected[(agent, customer, year, day.month)]
        slot["revenue"] += sign * goods
        slot["qty"] += sign * qty_total
    return expected


@pytest.fixture
def ctx(admin_ctx):
    prepare(admin_ctx, stock_qty="100000")
    return admin_ctx


def pct(diff: Decimal, base: Decimal) -> Decimal | None:
    return None if not base else cents(diff * 100 / abs(base))


def test_agent_customer_month_over_two_years_matches_the_lines(ctx):
    expected = build_sales(ctx)
    spec = StatSpec(elements=("agent", "customer", "month"), measures=("qty", "revenue"),
                    date_from=date(2026, 1, 1), date_to=date(2026, 12, 31), compare_years=2)
    result = engine.run(ctx, spec)
    assert result.years == [2025, 2026]
    details = {row.keys: row.values for row in result.details()}
    want_keys = {(a, c, f"{m:02d}") for a, c, _, m in expected}
    assert set(details) == want_keys
    for (agent, customer, month), values in details.items():
        old = expected.get((agent, customer, 2025, int(month)), {"revenue": 0, "qty": 0})
        new = expected.get((agent, customer, 2026, int(month)), {"revenue": 0, "qty": 0})
        assert values["revenue_2025"] == old["revenue"]
        assert values["revenue_2026"] == new["revenue"]
        assert values["qty_2026"] == new["qty"] and values["qty_2025"] == old["qty"]
        assert values["revenue_diff"] == new["revenue"] - old["revenue"]
        assert values["revenue_diff_pct"] == pct(new["revenue"] - old["revenue"],
                                                 Decimal(old["revenue"]))

    def summed(match) -> dict[int, Decimal]:
        out = {2025: Decimal(0), 2026: Decimal(0)}
        for (a, c, y, _), v in expected.items():
            if match(a, c):
                out[y] += v["revenue"]
        return out

    subtotals = [r for r in result.rows if r.kind == "subtotal"]
    per_customer = {r.keys[:2]: r.values for r in subtotals if r.level == 1}
    per_agent = {r.keys[0]: r.values for r in subtotals if r.level == 0}
    assert set(per_agent) == set(AGENTS)
    for (agent, customer), values in per_customer.items():
        want = summed(lambda a, c: (a, c) == (agent, customer))
        assert (values["revenue_2025"], values["revenue_2026"]) == (want[2025], want[2026])
    for agent, values in per_agent.items():
        want = summed(lambda a, c: a == agent)
        assert (values["revenue_2025"], values["revenue_2026"]) == (want[2025], want[2026])
        assert values["revenue_diff"] == want[2026] - want[2025]
        assert values["revenue_diff_pct"] == pct(want[2026] - want[2025], want[2025])
    total = result.total().values
    want = summed(lambda a, c: True)
    assert (total["revenue_2025"], total["revenue_2026"]) == (want[2025], want[2026])
    assert total["revenue_diff_pct"] == pct(want[2026] - want[2025], want[2025])
    # Rows come in the hierarchy: each agent's customers, then the agent's subtotal.
    kinds = [(r.kind, r.level) for r in result.rows]
    assert kinds[-1] == ("total", -1) and ("subtotal", 0) in kinds
    table = engine.to_table(result)
    assert table.chart_category == "agent" and table.chart_measure == "revenue_2026"
    assert [c.key for c in table.columns][:4] == ["agent", "customer", "month", "qty_2025"]


def test_groups_over_a_journal_id_window_add_up_to_the_whole(ctx):
    build_sales(ctx, count=40, seed=3)
    spec = StatSpec(elements=("customer", "month"), measures=("revenue",))
    middle = engine.last_journal_id(ctx) // 2
    whole = {g.keys: g.sums["revenue"] for g in engine.aggregate(ctx, spec)}
    parts: dict = defaultdict(Decimal)
    for window in ({"upto_id": middle}, {"after_id": middle}):
        for g in engine.aggregate(ctx, spec, **window):
            parts[g.keys] += g.sums["revenue"]
    assert {k: v for k, v in parts.items() if v} == {k: v for k, v in whole.items() if v}
    assert all(len(k) == 2 and k[1][:4] in ("2025", "2026") for k in whole)
