"""The balances check and hand movements, per engine.

1. `gamma stock check` (recompute every balance from the movements, one GROUP BY by
   article and depot, compared with the balances) over the stock_value benchmark's
   movements (default 1,000,000 over 10,000 articles), against a single SQL aggregate over
   the same table (SUM of on hand grouped by article) timed in the same run. The balances
   are first rebuilt by `check --fix` (timed too, once).
2. Recording 1,000 movements by hand through the service (one operation each: checks,
   audit, balance upsert) against the same rows written as documents write them
   (gamma.sales.stock.move, 10 rows a call), in the same run.

    GAMMA_BENCH_MOVEMENTS=100000 GAMMA_BENCH_STOCK_ARTICLES=1000 scripts/bench stock_check
"""

import os
import sys
import time
from datetime import date
from decimal import Decimal

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from scripts.benchmarks.engines import on_both  # noqa: E402
from scripts.benchmarks.stock_value import (ARTICLES, aggregate, best, load_data,  # noqa: E402
                                            setup)
from gamma import db  # noqa: E402
from gamma.master import tables  # noqa: E402
from gamma.sales import stock as sales_stock  # noqa: E402
from gamma.stock import check, movements  # noqa: E402
from models import Article  # noqa: E402

HAND = 1000
DAY = date(2026, 6, 1)


def hand_movements(ctx) -> tuple[float, float]:
    codes = [a.code for a in Article.select(Article.code).limit(50)]
    started = time.perf_counter()
    for n in range(HAND):
        movements.record(ctx, movements.Entry(codes[n % len(codes)], "1", "CAR", "01",
                                              date=DAY))
    by_hand = time.perf_counter() - started
    ids = [a.id for a in Article.select(Article.id).limit(50)]
    depot = tables.find(ctx, "depot", "01").id
    reason = sales_stock.reason(ctx, "CAR")
    started = time.perf_counter()
    for start in range(0, HAND, 10):
        with db.transaction():
            sales_stock.move(ctx, [{"article": ids[n % len(ids)], "depot": depot,
                                    "reason": reason, "date": DAY, "qty": Decimal(1)}
                                   for n in range(start, start + 10)])
    return by_hand, time.perf_counter() - started


def measure(url, label):
    database, ctx = setup(url)
    load_data(database, ctx)
    count = database.execute_sql("SELECT COUNT(*) FROM stock_movement").fetchone()[0]
    print(f"stock_check [{label}]: {count:,} movements over {ARTICLES:,} articles")
    started = time.perf_counter()
    rebuilt = check.fix(ctx)
    fixing = time.perf_counter() - started
    base, _ = best(aggregate, database, ctx)
    checking, drift = best(check.drifts, ctx)
    assert drift == [], drift[:3]
    print(f"  SQL aggregate (SUM by article):   {base * 1000:8.0f} ms")
    print(f"  check (no drift):                 {checking * 1000:8.0f} ms   "
          f"check/aggregate = {checking / base:.1f}x")
    print(f"  check --fix ({len(rebuilt):,} balances built): {fixing * 1000:8.0f} ms   "
          f"ratio {fixing / base:.1f}x")
    by_hand, as_documents = hand_movements(ctx)
    print(f"  {HAND:,} hand movements:            {by_hand * 1000:8.0f} ms   "
          f"{by_hand / HAND * 1000:.2f} ms each; "
          f"{by_hand / as_documents:.1f}x the document path ({as_documents * 1000:.0f} ms)")
    assert check.drifts(ctx) == []
    db.close()


def main():
    on_both("stock_check", measure)


if __name__ == "__main__":
    main()
