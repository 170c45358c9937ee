"""Reorder over many articles, per engine.

1. The below-minimum report (gamma.orders.reorder.needs: one query joining articles,
   their balances summed over the depots and the preferred supplier, then the rounding
   in Python) over 10,000 articles with a minimum stock, half of them under it, against
   a single SQL aggregate over the same balances (SUM(on_hand − committed + on_order)
   grouped by article), timed in the same run.
2. Saving a proposal of those articles (one multi-row INSERT of its lines), against the
   report alone.

    GAMMA_BENCH_REORDER_ARTICLES=2000 scripts/bench reorder
"""

import os
import random
import sys
import time
from decimal import Decimal

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from scripts.benchmarks.engines import on_both  # noqa: E402
from scripts.benchmarks.stock_value import best, insert_rows, setup  # noqa: E402
from gamma import db  # noqa: E402
from gamma.master import tables  # noqa: E402
from gamma.orders import reorder, reorder_proposal  # noqa: E402
from models import Article, Party, ReorderLine, StockBalance  # noqa: E402

ARTICLES = int(os.environ.get("GAMMA_BENCH_REORDER_ARTICLES", "10000"))
SUPPLIERS = 20


def load_data(database, ctx):
    company = ctx.company.id
    insert_rows(database, Party, [{"company": company, "code": f"F{n:03d}",
                                   "name": f"Fornitore {n}", "is_customer": False,
                                   "is_supplier": True} for n in range(SUPPLIERS)])
    suppliers = [i for (i,) in Party.select(Party.id).tuples()]
    rng = random.Random(11)
    insert_rows(database, Article, [
        {"company": company, "code": f"R{n:06d}", "description": f"Articolo {n}",
         "min_stock": Decimal(rng.choice([10, 20, 50])),
         "reorder_lot": Decimal(rng.choice([1, 6, 12, 25])),
         "preferred_supplier": suppliers[n % SUPPLIERS] if n % 10 else None}
        for n in range(ARTICLES)])
    depots = [tables.find(ctx, "depot", "01").id]
    ids = [i for (i,) in Article.select(Article.id).tuples()]
    insert_rows(database, StockBalance, [
        {"company": company, "article": a, "depot": depots[0],
         "on_hand": Decimal(rng.randint(0, 60)), "committed": Decimal(rng.randint(0, 10)),
         "on_order": Decimal(rng.randint(0, 5))} for a in ids])
    database.execute_sql("ANALYZE")


def aggregate(database, ctx):
    cursor = database.execute_sql(
        "SELECT article_id, SUM(on_hand - committed + on_order) FROM stock_balance "
        f"WHERE company_id = {database.param} GROUP BY article_id", [ctx.company.id])
    return len(cursor.fetchall())


def propose(ctx):
    started = time.perf_counter()
    proposal = reorder_proposal.propose(ctx)
    took = time.perf_counter() - started
    count = ReorderLine.select().where(ReorderLine.proposal == proposal).count()
    return took, count


def measure(url, label):
    database, ctx = setup(url)
    load_data(database, ctx)
    base, _ = best(aggregate, database, ctx)
    report, found = best(reorder.needs, ctx)
    print(f"reorder [{label}]: {ARTICLES:,} articles with a minimum stock, "
          f"{len(found):,} under it")
    print(f"  SQL aggregate (available by article): {base * 1000:8.0f} ms")
    print(f"  below-minimum report:                 {report * 1000:8.0f} ms   "
          f"report/aggregate = {report / base:.1f}x")
    saving, lines = propose(ctx)
    print(f"  proposal saved ({lines:,} lines):       {saving * 1000:8.0f} ms   "
          f"{saving / report:.1f}x the report")
    db.close()


def main():
    on_both("reorder", measure)


if __name__ == "__main__":
    main()
