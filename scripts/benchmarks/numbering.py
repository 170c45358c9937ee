"""Numbering: numbers taken per second through the service, each in its own transaction,
against the same UPDATE … RETURNING issued by hand on the same database in a plain loop."""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from gamma import bootstrap, companies, db, numbering  # noqa: E402
from scripts.benchmarks.engines import on_both  # noqa: E402
from gamma.access import operators  # noqa: E402
from gamma.context import Context  # noqa: E402
from gamma.settings import load  # noqa: E402

COUNT = 3000


def setup(url):
    settings = load(env={"HOME": "/nonexistent"}).replace(**{"security.scrypt_n": 1024})
    database = db.connect(url)
    bootstrap.init(settings, database, "bench-password")
    ctx = companies.open_company(Context(settings, operators.find("admin")), 1)
    return database, ctx


def measure(url, label):
    database, ctx = setup(url)
    start = time.perf_counter()
    for _ in range(COUNT):
        with db.transaction():
            numbering.next_number(ctx, "invoice", "A", 2026)
    service = time.perf_counter() - start
    sql = ("UPDATE number_counter SET last_number = last_number + 1 WHERE company_id = {p} "
           "AND kind = {p} AND series = {p} AND year = {p} RETURNING last_number"
           ).format(p=database.param)
    with db.transaction():
        numbering.next_number(ctx, "invoice", "B", 2026)  # the counter row the raw loop bumps
    params = (ctx.company.id, "invoice", "B", 2026)
    start = time.perf_counter()
    for _ in range(COUNT):
        with database.atomic():
            database.execute_sql(sql, params).fetchone()
    raw = time.perf_counter() - start
    print(f"numbering [{label}]: {COUNT / service:,.0f} numbers/s through the service, "
          f"{COUNT / raw:,.0f}/s raw SQL; service/raw time = {service / raw:.2f}x")
    db.close()


def main():
    on_both("numbering", measure)


if __name__ == "__main__":
    main()
