"""Confirming invoices, per engine (a fresh SQLite file; PostgreSQL in a schema of its own,
dropped at the end).

INVOICES drafts of 10 lines each (10 articles of 200, VAT 22 %, a RiBa 30/60/90 term:
three instalments) are prepared by multi-row INSERTs (not a figure). Then each is confirmed
through gamma.sales.confirm.confirm, one transaction per invoice: number, totals checked,
10 stock movements and balances, 3 instalments, last prices, audit. The baseline, in the
same run, writes the same rows with raw SQL, one transaction per invoice: number counter,
document, 10 lines, VAT summary, 10 movements, the balances, 3 instalments. Goal: at least
300 invoices/s on SQLite.
"""

import os
import sys
import time
from datetime import date
from decimal import Decimal

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from scripts.benchmarks.engines import on_both  # noqa: E402
from gamma import bootstrap, companies, db  # noqa: E402
from gamma.access import operators  # noqa: E402
from gamma.context import Context  # noqa: E402
from gamma.master import article_prices, articles, parties  # noqa: E402
from gamma.sales import documents  # noqa: E402
from gamma.sales.confirm import confirm  # noqa: E402
from gamma.settings import load  # noqa: E402
from models import Document, DocumentLine, DocumentVat  # noqa: E402
from scripts.benchmarks.master import bulk_insert  # noqa: E402

INVOICES = int(os.environ.get("GAMMA_BENCH_INVOICES", "10000"))
ARTICLES = 200
LINES = 10
GOAL = 300
DAY = date(2026, 3, 10)


def setup(url):
    settings = load(env={"HOME": "/nonexistent"}).replace(**{"security.scrypt_n": 1024})
    database = db.connect(url)
    bootstrap.init(settings, database, "bench-password")
    ctx = companies.open_company(Context(settings, operators.find("admin")), 1)
    parties.save_from_form(ctx, {"code": "C001", "name": "Cliente prova",
                                 "payment_term": "RB306090"})
    for n in range(ARTICLES):
        articles.save_from_form(ctx, {"code": f"ART{n:04d}", "description": f"Articolo {n}",
                                      "unit": "NR", "vat_code": "22"})
        article_prices.set_price(ctx, f"ART{n:04d}", 1, Decimal("10.00"), date(2026, 1, 1))
    return database, ctx


def prepare_drafts(database, ctx):
    """One draft through the service, then INVOICES copies of it, each on other articles."""
    template = documents.save_draft(ctx, {
        "kind": "invoice", "date": DAY, "customer": "C001",
        "lines": [{"article": f"ART{n:04d}", "qty": "2"} for n in range(LINES)]}).document
    head = {f.name: getattr(template, f.name) for f in Document._meta.sorted_fields
            if f.name not in ("id",)}
    head = {k: (v.id if hasattr(v, "id") else v) for k, v in head.items()}
    lines = [{f.name: (getattr(x, f.name).id if hasattr(getattr(x, f.name), "id")
                       else getattr(x, f.name))
              for f in DocumentLine._meta.sorted_fields if f.name not in ("id", "document")}
             for x in DocumentLine.select().where(DocumentLine.document == template)]
    vats = [{f.name: (getattr(v, f.name).id if hasattr(getattr(v, f.name), "id")
                      else getattr(v, f.name))
             for f in DocumentVat._meta.sorted_fields if f.name not in ("id", "document")}
            for v in DocumentVat.select().where(DocumentVat.document == template)]
    article_ids = [a for (a,) in database.execute_sql(
        "SELECT id FROM article ORDER BY code").fetchall()]
    bulk_insert(database, Document, [dict(head) for _ in range(INVOICES)])
    ids = [i for (i,) in database.execute_sql(
        "SELECT id FROM document WHERE id <> %d ORDER BY id" % template.id).fetchall()]
    rows, vat_rows = [], []
    for n, doc_id in enumerate(ids):
        for k, line in enumerate(lines):
            rows.append(line | {"document": doc_id,
                                "article": article_ids[(n * LINES + k) % ARTICLES]})
        vat_rows += [v | {"document": doc_id} for v in vats]
    bulk_insert(database, DocumentLine, rows)
    bulk_insert(database, DocumentVat, vat_rows)
    documents.delete_draft(ctx, template.id)
    return ids, lines, vats, head


def raw_baseline(database, ctx, ids, lines, vats, head):
    """The rows a confirmation writes, by plain SQL, one transaction per invoice."""
    p = database.param
    company = ctx.company.id
    engine_pg = database.gamma_url.engine == "postgresql"
    doc_cols = [c for c in head if c not in ("number", "status", "series")]
    doc_sql = (f"INSERT INTO document ({', '.join(c if c in ('kind', 'date', 'year') else c for c in [Document._meta.fields[c].column_name for c in doc_cols])}, number, status, series) "
               f"VALUES ({', '.join([p] * (len(doc_cols) + 3))})"
               + (" RETURNING id" if engine_pg else ""))
    line_cols = [DocumentLine._meta.fields[c].column_name for c in lines[0]]
    line_sql = (f"INSERT INTO document_line (document_id, {', '.join(line_cols)}) VALUES "
                f"({', '.join([p] * (len(line_cols) + 1))})")
    move_sql = (f"INSERT INTO stock_movement (version, company_id, article_id, depot_id, "
                f"reason_id, date, qty, on_hand, committed, on_order, party_id, document_id, "
                f"currency, note) VALUES ({', '.join([p] * 12)}, '', '')")
    balance_sql = (f"INSERT INTO stock_balance (version, company_id, article_id, depot_id, "
                   f"on_hand, committed, on_order) VALUES ({', '.join([p] * 7)}) "
                   "ON CONFLICT (article_id, depot_id) DO UPDATE SET on_hand = "
                   "stock_balance.on_hand + excluded.on_hand")
    inst_sql = (f"INSERT INTO instalment (version, company_id, document_id, party_id, number, "
                f"due_date, amount, collection_charge, method, iban, status) VALUES "
                f"({', '.join([p] * 11)})")
    number_sql = (f"UPDATE number_counter SET last_number = last_number + 1 WHERE "
                  f"company_id = {p} AND kind = {p} AND series = {p} AND year = {p} "
                  "RETURNING last_number")
    database.execute_sql("INSERT INTO number_counter (version, company_id, kind, series, year, "
                         f"last_number) VALUES (1, {p}, 'invoice', 'RAW', 2026, 0)", (company,))
    depot = database.execute_sql("SELECT id FROM depot WHERE code = '01'").fetchone()[0]
    reason = database.execute_sql("SELECT id FROM stock_reason WHERE code = 'VEN'").fetchone()[0]
    article_ids = [a for (a,) in database.execute_sql(
        "SELECT id FROM article ORDER BY code").fetchall()]
    values = [Document._meta.fields[c].db_value(head[c]) for c in doc_cols]
    line_values = [[DocumentLine._meta.fields[c].db_value(v) for c, v in line.items()]
                   for line in lines]
    started = time.perf_counter()
    for n in range(len(ids)):
        with database.atomic():
            number = database.execute_sql(number_sql, (company, "invoice", "RAW", 2026)
                                          ).fetchone()[0]
            cursor = database.execute_sql(doc_sql, values + [number, "confirmed", "RAW"])
            doc_id = cursor.fetchone()[0] if engine_pg else cursor.lastrowid
            cursor = database.cursor()
            arts = [article_ids[(n * LINES + k) % ARTICLES] for k in range(LINES)]
            cursor.executemany(line_sql, [[doc_id] + lv[:2] + [a] + lv[3:]
                                          if False else [doc_id] + lv for a, lv in
                                          zip(arts, line_values)])
            cursor.executemany(move_sql, [(1, company, a, depot, reason, DAY, 2000, -2000, 0, 0,
                                           head["party"], doc_id) for a in arts])
            cursor.executemany(balance_sql, [(1, company, a, depot, -2000, 0, 0)
                                             for a in sorted(arts)])
            cursor.executemany(inst_sql, [(1, company, doc_id, head["party"], k, DAY, 8134,
                                           0, "MP12", "", "open") for k in (1, 2, 3)])
    return time.perf_counter() - started


def measure(url, label):
    database, ctx = setup(url)
    ids, lines, vats, head = prepare_drafts(database, ctx)
    print(f"sales [{label}]: confirming {len(ids):,} invoices of {LINES} lines "
          f"(stock movements, 3 instalments each); goal {GOAL}/s on SQLite")
    started = time.perf_counter()
    for doc_id in ids:
        confirm(ctx, doc_id)
    service = time.perf_counter() - started
    raw = raw_baseline(database, ctx, ids, lines, vats, head)
    rate, raw_rate = len(ids) / service, len(ids) / raw
    verdict = "" if label != "sqlite" else (" (goal met)" if rate >= GOAL else " (goal MISSED)")
    print(f"  service: {rate:7.0f} invoices/s{verdict}   raw SQL: {raw_rate:7.0f} invoices/s   "
          f"raw/service = {raw_rate / rate:.1f}x")
    last = database.execute_sql("SELECT MAX(number) FROM document WHERE series = ''").fetchone()
    assert last[0] == len(ids), last
    db.close()


def main():
    on_both("sales", measure)


if __name__ == "__main__":
    main()
