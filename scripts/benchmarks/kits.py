"""Kits, per engine.

1. What the kit hook costs a document save: a 100-line invoice saved as a draft in a
   company without kits, then the same invoice once the company has 500 kits and a
   mix-and-match rule (none of its articles a kit: the hook looks and lets them pass),
   then with 10 of its lines automatic kits of 5 components (50 description lines added).
2. Explosion and buildable quantity of a 3-level kit of 10 × 10 × 10 (1,110 links),
   against one query reading every link of the company.

    scripts/bench kits
"""

import os
import sys
from datetime import date
from decimal import Decimal

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from scripts.benchmarks.engines import on_both  # noqa: E402
from scripts.benchmarks.numbering import setup  # noqa: E402
from scripts.benchmarks.stock_value import RUNS, best, insert_rows  # noqa: E402
from gamma import db  # noqa: E402
from gamma.kits import buildable, explosion, mix_match  # noqa: E402
from gamma.master import parties, tables  # noqa: E402
from gamma.sales import documents  # noqa: E402
from models import Article, ArticlePrice, KitComponent, StockBalance  # noqa: E402

LINES = 100


def ids(prefix: str) -> dict[str, int]:
    return {code: i for i, code in Article.select(Article.id, Article.code).where(
        Article.code.startswith(prefix)).tuples()}


def load_articles(database, ctx):
    company = ctx.company.id
    parties.save_from_form(ctx, {"code": "C001", "name": "Cliente", "payment_term": "RB306090"})
    codes = ([f"S{n:03d}" for n in range(LINES)] + [f"K{n:03d}" for n in range(500)]
             + [f"P{n:04d}" for n in range(1000)] + ["ROOT"]
             + [f"L1{n}" for n in range(10)] + [f"L2{n}" for n in range(100)]
             + [f"L3{n}" for n in range(1000)])
    insert_rows(database, Article, [{"company": company, "code": c, "description": c}
                                    for c in codes])
    sold = ids("S")
    insert_rows(database, ArticlePrice, [
        {"company": company, "article": i, "list_number": 1, "valid_from": date(2026, 1, 1),
         "price": Decimal("10")} for i in sold.values()])
    database.execute_sql("ANALYZE")


def load_kits(database, ctx):
    company = ctx.company.id
    parts, tree = ids("P"), {**ids("ROOT"), **ids("L")}
    links = [{"company": company, "parent": ids("K")[f"K{k:03d}"],
              "component": parts[f"P{(k * 5 + c) % 1000:04d}"], "qty": Decimal(1)}
             for k in range(500) for c in range(5)]
    links += [{"company": company, "parent": tree["ROOT"], "component": tree[f"L1{a}"],
               "qty": Decimal(2)} for a in range(10)]
    links += [{"company": company, "parent": tree[f"L1{a}"], "component": tree[f"L2{a * 10 + b}"],
               "qty": Decimal(3), "scrap": Decimal(5)} for a in range(10) for b in range(10)]
    links += [{"company": company, "parent": tree[f"L2{b}"],
               "component": tree[f"L3{b * 10 + c}"], "qty": Decimal("1.5")}
              for b in range(100) for c in range(10)]
    insert_rows(database, KitComponent, links)
    depot = tables.find(ctx, "depot", "01").id
    insert_rows(database, StockBalance, [
        {"company": company, "article": tree[f"L3{n}"], "depot": depot,
         "on_hand": Decimal(1000)} for n in range(1000)])
    database.execute_sql("ANALYZE")


def invoice(kits: int = 0) -> dict:
    lines = [{"article": f"S{n:03d}", "qty": "2"} for n in range(LINES - kits)]
    lines += [{"article": f"K{n:03d}", "qty": "1", "price": "50"} for n in range(kits)]
    return {"kind": "invoice", "date": date(2026, 3, 10), "customer": "C001", "lines": lines}


def save(ctx, data):
    return documents.save_draft(ctx, data).document.lines.count()


def measure(url, label):
    database, ctx = setup(url)
    company = ctx.company.id
    load_articles(database, ctx)
    save(ctx, invoice())  # warm: the first save reads the tables the others find cached
    base, _ = best(save, ctx, invoice())  # the company knows no kit yet
    load_kits(database, ctx)
    mix_match.add(ctx, "S000", "3", "S001")
    hooked, _ = best(save, ctx, invoice())
    Article.update(is_kit=True, kit_explosion="automatic").where(
        Article.company == company, Article.code.startswith("K")).execute()
    exploded, count = best(save, ctx, invoice(10))
    print(f"kits [{label}]: a {LINES}-line invoice saved as a draft, best of {RUNS}")
    print(f"  no kits in the company:             {base * 1000:8.0f} ms")
    print(f"  500 kits and a gift rule, none sold: {hooked * 1000:8.0f} ms   "
          f"{hooked / base:.2f}x")
    print(f"  10 lines automatic kits ({count} lines): {exploded * 1000:8.0f} ms   "
          f"{exploded / base:.2f}x")

    def read_links():
        p = database.param
        return len(database.execute_sql(
            f"SELECT parent_id, component_id, qty, scrap FROM kit_component "
            f"WHERE company_id = {p}", [company]).fetchall())

    raw, _ = best(read_links)
    exploding, result = best(explosion.explode, ctx, "ROOT", "10")
    building, found = best(buildable.buildable, ctx, "ROOT")
    print(f"  3-level kit, {len(result.rows):,} rows, {len(result.totals):,} leaves; "
          f"buildable {found.qty}")
    print(f"  one query reading all {read_links():,} links: {raw * 1000:8.1f} ms")
    print(f"  explosion of 10:                    {exploding * 1000:8.1f} ms   "
          f"{exploding / raw:.1f}x")
    print(f"  buildable quantity:                 {building * 1000:8.1f} ms   "
          f"{building / raw:.1f}x")
    db.close()


def main():
    on_both("kits", measure)


if __name__ == "__main__":
    main()
