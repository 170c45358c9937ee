"""FIFO stock valuation of 1,000,000 movements over 10,000 articles, per engine (a fresh
SQLite file; PostgreSQL in a schema of its own, dropped at the end), against a single
SQL aggregate over the same table (SUM of on hand grouped by article, every row fetched)
timed in the same run. Goal: the valuation within 5x of the aggregate.

Each article gets its movements over three years at one depot: loads at varying costs
from one of 20 suppliers, and sales taking part of them (about half the rows each).
They are written by raw multi-row INSERTs in one transaction (not a figure).

    GAMMA_BENCH_MOVEMENTS=100000 GAMMA_BENCH_STOCK_ARTICLES=1000 scripts/bench stock_value
"""

import os
import random
import sys
import time
from datetime import date, timedelta

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from scripts.benchmarks.engines import on_both  # noqa: E402
from scripts.benchmarks.numbering import setup  # noqa: E402
from gamma import db  # noqa: E402
from gamma.master import tables  # noqa: E402
from gamma.stock import valuation  # noqa: E402
from models import Article, Party, StockMovement  # noqa: E402

MOVEMENTS = int(os.environ.get("GAMMA_BENCH_MOVEMENTS", "1000000"))
ARTICLES = int(os.environ.get("GAMMA_BENCH_STOCK_ARTICLES", "10000"))
SUPPLIERS = 20
CHUNK = 1000  # rows per multi-row INSERT (under both engines' limit of parameters)
GOAL = 5.0
START = date(2024, 1, 1)
AT = date(2026, 12, 31)
RUNS = 5


def insert_rows(database, model, rows):
    """rows: dicts by field name; every other column (but id) takes its default."""
    fields = [f for f in model._meta.sorted_fields if f.name != "id"]
    defaults = {f.name: (f.default() if callable(f.default) else f.default) for f in fields}
    names = ", ".join(f'"{f.column_name}"' for f in fields)
    marks = ", ".join([database.param] * len(fields))
    sql = f'INSERT INTO "{model._meta.table_name}" ({names}) VALUES ({marks})'
    with database.atomic():
        cursor = database.cursor()
        for start in range(0, len(rows), CHUNK):
            cursor.executemany(sql, [tuple(f.db_value(r.get(f.name, defaults[f.name]))
                                           for f in fields) for r in rows[start:start + CHUNK]])


def load_data(database, ctx):
    company = ctx.company.id
    insert_rows(database, Party, [{"company": company, "code": f"F{n:03d}",
                                   "name": f"Fornitore {n}", "is_customer": False,
                                   "is_supplier": True} for n in range(SUPPLIERS)])
    insert_rows(database, Article, [{"company": company, "code": f"B{n:06d}",
                                     "description": f"Articolo {n}"} for n in range(ARTICLES)])
    article_ids = [i for (i,) in Article.select(Article.id).where(
        Article.company == company).order_by(Article.id).tuples()]
    party_ids = [i for (i,) in Party.select(Party.id).where(
        Party.company == company).tuples()]
    depot = tables.find(ctx, "depot", "01").id
    load_reason = tables.find(ctx, "stock_reason", "CAR").id
    sale_reason = tables.find(ctx, "stock_reason", "VEN").id
    rng = random.Random(7)
    per_article = MOVEMENTS // len(article_ids)
    span = (AT - START).days
    fields = [f for f in StockMovement._meta.sorted_fields if f.name != "id"]
    defaults = {f.name: (f.default() if callable(f.default) else f.default) for f in fields}
    names = ", ".join(f'"{f.column_name}"' for f in fields)
    row_marks = "(" + ", ".join([database.param] * len(fields)) + ")"
    single = f'INSERT INTO "stock_movement" ({names}) VALUES {row_marks}'
    sql = single + (", " + row_marks) * (CHUNK - 1)

    def write(rows):
        if len(rows) == CHUNK:
            cursor.execute(sql, [v for row in rows for v in row])
        else:
            cursor.executemany(single, rows)
    index = {f.name: n for n, f in enumerate(fields)}
    template = [f.db_value(defaults[f.name]) for f in fields]
    template[index["company"]] = company
    template[index["depot"]] = depot
    rows = []
    with database.atomic():
        cursor = database.cursor()
        for article in article_ids:
            days = sorted(rng.randrange(span) for _ in range(per_article))
            on_hand = 0
            for k, day in enumerate(days):
                row = list(template)
                row[index["article"]] = article
                row[index["date"]] = START + timedelta(days=day)
                if k == 0 or on_hand < 5000 or rng.random() < 0.5:
                    qty = rng.randint(1, 50) * 1000
                    row[index["reason"]] = load_reason
                    row[index["unit_value"]] = rng.randint(1_000_000, 99_000_000)
                    row[index["party"]] = party_ids[rng.randrange(SUPPLIERS)]
                    row[index["on_hand"]] = qty
                else:
                    qty = rng.randint(1, max(1, on_hand // 1000)) * 1000
                    row[index["reason"]] = sale_reason
                    row[index["on_hand"]] = -qty
                row[index["qty"]] = qty
                on_hand += row[index["on_hand"]]
                rows.append(tuple(row))
                if len(rows) >= CHUNK:
                    write(rows)
                    rows = []
        if rows:
            write(rows)
    database.execute_sql("ANALYZE")  # fresh statistics, as a live database has


def aggregate(database, ctx):
    p = database.param
    cursor = database.execute_sql(
        f"SELECT article_id, SUM(on_hand) FROM stock_movement WHERE company_id = {p} "
        f"AND date <= {p} GROUP BY article_id", [ctx.company.id, AT])
    return len(cursor.fetchall())


def best(fn, *args):
    times, result = [], None
    for _ in range(RUNS):
        started = time.perf_counter()
        result = fn(*args)
        times.append(time.perf_counter() - started)
    return min(times), result


def measure(url, label):
    database, ctx = setup(url)
    started = time.perf_counter()
    load_data(database, ctx)
    loaded = time.perf_counter() - started
    count = database.execute_sql("SELECT COUNT(*) FROM stock_movement").fetchone()[0]
    print(f"stock_value [{label}]: {count:,} movements over {ARTICLES:,} articles "
          f"(loaded in {loaded:.1f} s); best of {RUNS}")
    base, groups = best(aggregate, database, ctx)
    fifo, figures = best(valuation.compute, ctx, "fifo", AT)
    assert groups == len(figures), (groups, len(figures))
    ratio = fifo / base
    verdict = "goal met" if ratio <= GOAL else "goal MISSED"
    print(f"  SQL aggregate (SUM by article): {base * 1000:8.0f} ms")
    print(f"  FIFO valuation:                 {fifo * 1000:8.0f} ms   "
          f"fifo/aggregate = {ratio:.1f}x ({verdict}: within {GOAL:.0f}x)")
    for method in ("moving-average", "lifo-annual"):
        spent, _ = best(valuation.compute, ctx, method, AT)
        print(f"  {method + ' valuation:':<31} {spent * 1000:8.0f} ms   "
              f"ratio {spent / base:.1f}x (for reference)")
    db.close()


def main():
    on_both("stock_value", measure)


if __name__ == "__main__":
    main()
