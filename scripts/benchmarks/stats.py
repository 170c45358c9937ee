"""A statistic by customer × month over LINES sales lines, per engine (a fresh SQLite file;
PostgreSQL in a schema of its own, dropped at the end).

Setup, not measured: 1,000 customers, 500 articles and LINES / 10 confirmed invoices of
10 lines over 2025-2026, with the journal rows their confirmation writes (stats_data.py).
Measured, best of two, in the same run:
  (a) the baseline: the equivalent single SQL GROUP BY over the document lines joined
      with their documents (customer id, month, sum of quantity and amount);
  (b) the engine's full run (gamma.stats.engine.run: GROUP BY over the journal, codes,
      result with subtotals and total);
  (c) the stored statistic's full run, as cron makes it: every journal row grouped and
      every group written (no result built: cron builds one only to write files);
  (d) after 1% more lines, the stored statistic's incremental run, as cron makes it:
      only the new journal rows grouped and added, once;
  (e) the result built from the stored groups, as `gamma stats run NAME` or 502 read it.
Goals: (b)/(a) within 2×; (d)/(c) under 10%. (d)+(e) is also shown against (b): what an
operator waits for a stored statistic against an ad hoc one.
GAMMA_BENCH_STAT_LINES sets LINES (default
1,000,000), GAMMA_BENCH_STAT_PG_LINES the PostgreSQL count (default the same).
"""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from scripts.benchmarks import stats_data  # noqa: E402
from scripts.benchmarks.engines import on_both  # noqa: E402
from gamma import bootstrap, companies, db  # noqa: E402
from gamma.access import operators  # noqa: E402
from gamma.context import Context  # noqa: E402
from gamma.settings import load  # noqa: E402
from gamma.stats import engine, stored  # noqa: E402
from gamma.stats.spec import StatSpec  # noqa: E402

LINES = int(os.environ.get("GAMMA_BENCH_STAT_LINES", "1000000"))
PG_LINES = int(os.environ.get("GAMMA_BENCH_STAT_PG_LINES", str(LINES)))
SPEC = StatSpec(elements=("customer", "month"), measures=("qty", "revenue"))
MONTH = {"sqlite": "substr(d.date, 1, 7)", "postgresql": "to_char(d.date, 'YYYY-MM')"}


def setup(url):
    settings = load(env={"HOME": "/nonexistent"}).replace(**{"security.scrypt_n": 1024})
    database = db.connect(url)
    bootstrap.init(settings, database, "bench-password")
    return database, companies.open_company(Context(settings, operators.find("admin")), 1)


def best(times, work):
    """The shortest of `times` runs of work(); and its last result."""
    elapsed, result = [], None
    for _ in range(times):
        started = time.perf_counter()
        result = work()
        elapsed.append(time.perf_counter() - started)
    return min(elapsed), result


def baseline(database, label, company):
    sql = (f"SELECT d.party_id, {MONTH[label]}, SUM(l.qty), SUM(l.amount) "
           "FROM document_line l JOIN document d ON d.id = l.document_id "
           f"WHERE d.company_id = {database.param} AND d.kind = 'invoice' "
           "AND d.status <> 'draft' GROUP BY 1, 2")
    return database.execute_sql(sql, [company]).fetchall()


def totals(result):
    total = result.total()
    return total.values["qty"], total.values["revenue"]


def measure(url, label):
    database, ctx = setup(url)
    lines = LINES if label == "sqlite" else PG_LINES
    docs = lines // stats_data.LINES_PER_DOC
    started = time.perf_counter()
    customers, articles = stats_data.masters(database, ctx)
    written, qty, revenue = stats_data.invoices(database, ctx, customers, articles, docs, 1)
    database.execute_sql("ANALYZE")
    load_time = time.perf_counter() - started
    fewer = "" if lines == LINES else f" (fewer than {LINES:,}: GAMMA_BENCH_STAT_PG_LINES)"
    print(f"stats [{label}]: customer × month over {written:,} sales lines{fewer} "
          f"({docs:,} invoices, {len(customers):,} customers, 24 months; loaded in "
          f"{load_time:.0f} s, not measured)")
    t_base, raw = best(2, lambda: baseline(database, label, ctx.company.id))
    t_engine, full = best(2, lambda: engine.run(ctx, SPEC))
    assert totals(full) == (qty, revenue), (totals(full), qty, revenue)
    assert len(full.details()) == len(raw)
    stored.save(ctx, "bench", SPEC)
    t_stored, _ = best(2, lambda: stored.run_named(ctx, "bench", full=True, render=False))
    more = docs // 100
    added, more_qty, more_revenue = stats_data.invoices(database, ctx, customers, articles,
                                                        more, 2, number_from=docs + 1)
    info = stored.RunInfo()
    t_incr, _ = best(1, lambda: stored.run_named(ctx, "bench", info=info, render=False))
    assert not info.full and info.read == added, (info.full, info.read, added)
    t_read, incremental = best(2, lambda: stored.run_named(ctx, "bench"))
    assert totals(incremental) == (qty + more_qty, revenue + more_revenue)
    assert totals(incremental) == totals(engine.run(ctx, SPEC))
    goal = lambda ok: "goal met" if ok else "goal MISSED"  # noqa: E731
    print(f"  (a) baseline GROUP BY {t_base:6.2f} s   (b) engine full run {t_engine:6.2f} s "
          f"= {t_engine / t_base:.2f}× baseline (goal ≤ 2×: {goal(t_engine <= 2 * t_base)})")
    print(f"  (c) stored full run  {t_stored:6.2f} s = {t_stored / t_base:.2f}× baseline "
          f"({info.rows:,} groups written)")
    print(f"  (d) +1% = {added:,} lines: stored incremental run {t_incr:6.3f} s = "
          f"{t_incr / t_stored * 100:.1f}% of the stored full run (goal < 10%: "
          f"{goal(t_incr < 0.1 * t_stored)})")
    print(f"  (e) result read from the {len(incremental.details()):,} stored groups "
          f"{t_read:6.3f} s; (d)+(e) = {(t_incr + t_read) / t_engine * 100:.0f}% of the "
          f"engine's full run (b)")
    db.close()


def main():
    on_both("stats", measure)


if __name__ == "__main__":
    main()
