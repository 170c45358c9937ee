"""A company with sales to consolidate: customers C001 and C002, ten invoices of ten lines
(100 journal rows) from January to April 2026, each line's quantity and price known here,
so the tests work expected sums out from the lines themselves."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from gamma.master import parties
from gamma.stats.spec import StatSpec
from tests.sales_fixtures import issue, prepare

PRICES = {"A22": Decimal("10.00"), "A10": Decimal("5.50"), "A04": Decimal("2.00")}
ARTICLES = ("A22", "A10", "A04")
SPEC = StatSpec(elements=("customer", "month"), measures=("qty", "revenue"),
                date_from=date(2026, 1, 1), date_to=date(2026, 12, 31))


def invoice_lines(k: int) -> list[dict]:
    return [{"article": ARTICLES[(k + pos) % 3], "qty": str((k + pos) % 4 + 1)}
            for pos in range(10)]


def invoice_of(k: int) -> dict:
    return {"kind": "invoice", "date": date(2026, 1, 5) + timedelta(days=10 * k),
            "customer": "C001" if k % 2 == 0 else "C002", "lines": invoice_lines(k)}


def setup(ctx) -> list:
    """The company and its ten invoices; returns the confirmed documents."""
    prepare(ctx, stock_qty="1000")
    parties.save_from_form(ctx, {"code": "C002", "name": "Trattoria Da Gino",
                                 "payment_term": "RB306090", "price_list": "1"})
    return [issue(ctx, invoice_of(k)).document for k in range(10)]


def expected(invoices: list[dict]) -> dict[tuple[str, str], tuple[Decimal, Decimal]]:
    """(customer, "YYYY-MM") → (qty, revenue) summed from the lines as given."""
    out: dict = defaultdict(lambda: (Decimal(0), Decimal(0)))
    for data in invoices:
        key = (data["customer"], data["date"].strftime("%Y-%m"))
        for line in data["lines"]:
            qty = Decimal(line["qty"])
            q, r = out[key]
            out[key] = (q + qty, r + qty * PRICES[line["article"]])
    return dict(out)


def table_of(result) -> tuple[list[tuple], list]:
    """The result as comparable data: every row (kind, level, cells) and the total row."""
    from gamma.stats.engine import to_table
    table = to_table(result)
    rows = [(r.kind, r.level, tuple(sorted((k, str(v)) for k, v in r.cells.items())))
            for r in table.rows]
    return rows, [r for r in rows if r[0] == "total"]
