"""Order fulfilment, per engine (a fresh SQLite file; PostgreSQL in a schema of its own).

ORDERS customer orders of LINES lines each (on the sales benchmark's articles, stocked)
are confirmed beforehand (drafts copied by multi-row INSERTs, then confirmed: not a
figure). Then, measured:
- the automatic proposal over every open line (priority, delivery date, availability),
  against reading the same lines and balances with two plain SQL queries;
- the fulfilment of every order into its delivery note (picking the order lines,
  releasing the commitment, one transaction each), against saving and confirming as many
  delivery notes of the same lines that pick from nothing (what a delivery note made by
  a program costs anyway).
"""

import os
import sys
import time
from datetime import date
from decimal import Decimal

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from scripts.benchmarks import sales as sales_bench  # noqa: E402
from scripts.benchmarks.engines import on_both  # noqa: E402
from scripts.benchmarks.master import bulk_insert  # noqa: E402
from gamma import db  # noqa: E402
from gamma.master import tables  # noqa: E402
from gamma.orders import fulfilment  # noqa: E402
from gamma.sales import documents, stock  # noqa: E402
from gamma.sales.confirm import confirm  # noqa: E402
from models import Document, DocumentLine, DocumentVat  # noqa: E402

ORDERS = int(os.environ.get("GAMMA_BENCH_ORDERS", "1000"))
ARTICLES = sales_bench.ARTICLES
LINES = 5
DAY = date(2026, 3, 10)


def setup(url):
    """The sales benchmark's company (customer C001, ARTICLES articles at 10,00) with
    stock for the orders and the plain notes alike."""
    database, ctx = sales_bench.setup(url)
    depot, reason = tables.find(ctx, "depot", "01"), tables.find(ctx, "stock_reason", "CAR")
    ids = [a for (a,) in database.execute_sql("SELECT id FROM article ORDER BY code")]
    with db.transaction():
        stock.move(ctx, [{"article": a, "depot": depot.id, "reason": reason, "date": DAY,
                          "qty": Decimal(ORDERS * LINES * 4)} for a in ids])
    return database, ctx


def copies(database, ctx, kind: str, count: int) -> list[int]:
    """`count` drafts of `kind` (copies of one made by the service), on rotating articles."""
    template = documents.save_draft(ctx, {
        "kind": kind, "date": DAY, "customer": "C001",
        "lines": [{"article": f"ART{n:04d}", "qty": "2"} for n in range(LINES)]}).document

    def plain(record, skip):
        return {f.name: (getattr(record, f.name).id if hasattr(getattr(record, f.name), "id")
                         else getattr(record, f.name))
                for f in type(record)._meta.sorted_fields if f.name not in skip}

    head = plain(template, ("id",))
    lines = [plain(x, ("id", "document")) for x in template.lines]
    vats = [plain(v, ("id", "document")) for v in
            DocumentVat.select().where(DocumentVat.document == template)]
    article_ids = [a for (a,) in database.execute_sql("SELECT id FROM article ORDER BY code")]
    before = {i for (i,) in database.execute_sql("SELECT id FROM document")}
    bulk_insert(database, Document, [dict(head) for _ in range(count)])
    ids = sorted({i for (i,) in database.execute_sql("SELECT id FROM document")} - before)
    rows = [line | {"document": doc_id, "article": article_ids[(n * LINES + k) % ARTICLES]}
            for n, doc_id in enumerate(ids) for k, line in enumerate(lines)]
    bulk_insert(database, DocumentLine, rows)
    bulk_insert(database, DocumentVat, [v | {"document": i} for i in ids for v in vats])
    documents.delete_draft(ctx, template.id)
    return ids


def raw_reading(database) -> float:
    """The open order lines and the balances, as two plain queries."""
    started = time.perf_counter()
    database.execute_sql(
        "SELECT l.id, l.document_id, l.article_id, l.depot_id, l.qty, l.picked_qty, "
        "d.priority, d.delivery_date, d.date, d.number, p.code FROM document_line l "
        "JOIN document d ON d.id = l.document_id JOIN party p ON p.id = d.party_id "
        "WHERE d.kind = 'customer_order' AND d.status <> 'draft' AND l.line_kind = 'article' "
        "AND NOT l.closed AND NOT l.not_to_fulfil AND l.qty > l.picked_qty "
        "ORDER BY d.priority, d.delivery_date, d.date, d.number, l.position").fetchall()
    database.execute_sql("SELECT article_id, depot_id, SUM(on_hand), SUM(committed) "
                         "FROM stock_balance GROUP BY article_id, depot_id").fetchall()
    return time.perf_counter() - started


def measure(url, label):
    database, ctx = setup(url)
    for doc_id in copies(database, ctx, "customer_order", ORDERS):
        confirm(ctx, doc_id)
    print(f"orders [{label}]: {ORDERS:,} customer orders of {LINES} lines on {ARTICLES} "
          "articles")
    started = time.perf_counter()
    proposed = fulfilment.propose(ctx, fulfilment.Selection())
    propose = time.perf_counter() - started
    raw = raw_reading(database)
    assert len(proposed) == ORDERS * LINES and all(p.to_ship == p.residual for p in proposed)
    print(f"  proposal of {len(proposed):,} lines: {propose:6.2f} s   plain SQL reading: "
          f"{raw:6.2f} s   proposal/SQL = {propose / raw:.1f}x")
    started = time.perf_counter()
    results = fulfilment.fulfil(ctx, proposed, day=DAY)
    fulfil = time.perf_counter() - started
    assert all(r.document is not None for r in results), [r.error for r in results][:3]
    started = time.perf_counter()
    for n in range(ORDERS):  # the same lines, saved and confirmed, picking nothing
        lines = [{"article": f"ART{(n * LINES + k) % ARTICLES:04d}", "qty": "2",
                  "price": "10.00", "discounts": ""} for k in range(LINES)]
        with db.transaction():
            saved = documents.save_draft(ctx, {"kind": "delivery_note", "customer": "C001",
                                               "date": DAY, "lines": lines})
            confirm(ctx, saved.document.id)
    plain = time.perf_counter() - started
    print(f"  fulfilment: {ORDERS / fulfil:6.0f} orders/s   plain delivery notes: "
          f"{ORDERS / plain:6.0f} notes/s   fulfilment/plain = {fulfil / plain:.1f}x")
    left = stock.levels(ctx, [a for (a,) in database.execute_sql("SELECT id FROM article")])
    assert all(level.committed == 0 for level in left.values())
    db.close()


def main():
    on_both("orders", measure)


if __name__ == "__main__":
    main()
