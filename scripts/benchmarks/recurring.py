"""Recurring order generation, per engine (a fresh SQLite file; PostgreSQL in a schema of
its own).

TEMPLATES weekday templates of LINES lines each (on the sales benchmark's articles,
priced from the list, stocked), imported from one JSON list (timed, not compared). Then,
measured:
- generating a Monday: the due templates, their data check (stock, prices, credit) and
  one confirmed customer order each with its (template, day) run, in one transaction;
  against saving and confirming as many customer orders of the same lines through the
  document engine (what the orders cost anyway), each in its own transaction;
- generating the same Monday again (every template found generated: nothing written),
  against the first generation.

    GAMMA_BENCH_RECURRING_TEMPLATES=100 scripts/bench recurring
"""

import os
import sys
import time
from datetime import date
from decimal import Decimal

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from scripts.benchmarks import sales as sales_bench  # noqa: E402
from scripts.benchmarks.engines import on_both  # noqa: E402
from gamma import db  # noqa: E402
from gamma.master import tables  # noqa: E402
from gamma.recurring import generation, json_io  # noqa: E402
from gamma.sales import documents, stock  # noqa: E402
from gamma.sales.confirm import confirm  # noqa: E402

TEMPLATES = int(os.environ.get("GAMMA_BENCH_RECURRING_TEMPLATES", "300"))
ARTICLES = sales_bench.ARTICLES
LINES = 5
MONDAY = date(2026, 3, 9)


def lines_of(n: int) -> list[dict]:
    return [{"article": f"ART{(n * LINES + k) % ARTICLES:04d}", "qty": "2"}
            for k in range(LINES)]


def measure(url, label):
    database, ctx = sales_bench.setup(url)
    depot, reason = tables.find(ctx, "depot", "01"), tables.find(ctx, "stock_reason", "CAR")
    ids = [a for (a,) in database.execute_sql("SELECT id FROM article ORDER BY code")]
    with db.transaction():
        stock.move(ctx, [{"article": a, "depot": depot.id, "reason": reason, "date": MONDAY,
                          "qty": Decimal(TEMPLATES * LINES * 4)} for a in ids])
    started = time.perf_counter()
    json_io.import_templates(ctx, [
        {"code": f"R{n:05d}", "customer": "C001", "frequency": "weekdays",
         "start": "2026-03-01", "lines": lines_of(n)} for n in range(TEMPLATES)])
    imported = time.perf_counter() - started
    print(f"recurring [{label}]: {TEMPLATES:,} weekday templates of {LINES} lines on "
          f"{ARTICLES} articles, imported in {imported:.2f} s")

    started = time.perf_counter()
    done = generation.generate(ctx, MONDAY)
    first = time.perf_counter() - started
    assert [o.status for o in done] == ["created"] * TEMPLATES, done[:3]
    started = time.perf_counter()
    for n in range(TEMPLATES):  # the same orders, straight through the document engine
        with db.transaction():
            saved = documents.save_draft(ctx, {"kind": "customer_order", "customer": "C001",
                                               "date": MONDAY, "lines": lines_of(n)})
            confirm(ctx, saved.document.id)
    plain = time.perf_counter() - started
    print(f"  generation: {TEMPLATES / first:6.0f} orders/s   plain orders: "
          f"{TEMPLATES / plain:6.0f} orders/s   generation/plain = {first / plain:.2f}x")
    started = time.perf_counter()
    again = generation.generate(ctx, MONDAY)
    rerun = time.perf_counter() - started
    assert {o.status for o in again} == {"skipped"}
    print(f"  the same day again: {rerun:6.2f} s, nothing made   rerun/first = "
          f"{rerun / first:.3f}x")
    db.close()


def main():
    on_both("recurring", measure)


if __name__ == "__main__":
    main()
