"""Acceptance: after a randomized sequence of movements (loads, unloads, sales, returns,
transfers with their pair, customer and supplier order reasons, documents deleted with
unmove, hand movements removed) the live balances equal both the balances recomputed from
the movements (the check's GROUP BY) and a running sum kept here from the reasons' signs.
10,000 movements on SQLite, 2,000 on PostgreSQL (same code, slower round trips)."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from gamma import db, records
from gamma.master import articles, tables
from gamma.sales import stock as sales_stock
from gamma.stock import check, movements
from gamma.stock.movements import Entry
from models import Depot, Document, StockBalance, StockMovement
from tests.sales_fixtures import prepare

SEED = 20260310
ARTICLES = ("A22", "A10", "A04", "P1", "P2", "P3")
DEPOTS = ("01", "02", "03")
DOC_REASONS = ("CAR", "SCA", "VEN", "RES", "ORC", "ORF")
HAND_REASONS = ("CAR", "SCA", "PRC", "PRS", "INV", "ORC", "ORF")


def _qty(rng: random.Random) -> Decimal:
    return Decimal(rng.randint(1, 50_000)) / 1000  # 0.001 .. 50.000


def _setup(ctx):
    prepare(ctx, stock_qty="")
    for code in ARTICLES[3:]:
        articles.save_from_form(ctx, {"code": code, "description": f"Prova {code}",
                                      "unit": "NR", "vat_code": "22"})
    for code in DEPOTS[1:]:
        records.insert(ctx, Depot, company=ctx.company, code=code, description=code)
    ids = {c: articles.get(ctx, c).id for c in ARTICLES}
    depots = {c: tables.find(ctx, "depot", c).id for c in DEPOTS}
    reasons = {c: sales_stock.reason(ctx, c)
               for c in set(DOC_REASONS + HAND_REASONS + ("TRU", "TRE"))}
    return ids, depots, reasons


def test_balances_equal_the_movements_after_a_random_sequence(admin_ctx, engine):
    ctx = admin_ctx
    target = 10_000 if engine == "sqlite" else 2_000
    rng = random.Random(SEED)
    ids, depots, reasons = _setup(ctx)
    expected: dict[tuple[int, int], list[Decimal]] = defaultdict(lambda: [Decimal(0)] * 3)
    by_doc: dict[int, list[tuple]] = {}
    hand: list[int] = []
    written = 0
    day = date(2026, 1, 1)

    def add(article_id, depot_id, reason, qty, sign=1):
        row = expected[(article_id, depot_id)]
        row[0] += sign * qty * reason.on_hand
        row[1] += sign * qty * reason.committed
        row[2] += sign * qty * reason.on_order

    while written < target:
        day += timedelta(days=rng.random() < 0.05)
        op = rng.choices(("doc", "unmove", "hand", "transfer", "remove"),
                         (35, 8, 35, 15, 7))[0]
        if op == "doc":
            rows = [{"article": ids[rng.choice(ARTICLES)], "depot": depots[rng.choice(DEPOTS)],
                     "reason": reasons[rng.choice(DOC_REASONS)], "date": day,
                     "qty": _qty(rng)} for _ in range(rng.randint(1, 8))]
            with db.transaction():
                doc = Document.create(company=ctx.company, kind="delivery_note",
                                      register="delivery_note", year=day.year, date=day)
                sales_stock.move(ctx, [{**r, "document": doc.id} for r in rows])
            by_doc[doc.id] = [(r["article"], r["depot"], r["reason"], r["qty"]) for r in rows]
            for r in by_doc[doc.id]:
                add(*r)
            written += len(rows)
        elif op == "unmove" and by_doc:
            doc_id = rng.choice(sorted(by_doc))
            with db.transaction():
                sales_stock.unmove(ctx, doc_id)
            for r in by_doc.pop(doc_id):
                add(*r, sign=-1)
        elif op == "hand":
            code = rng.choice(HAND_REASONS)
            qty = _qty(rng) * (rng.choice((1, -1)) if code == "INV" else 1)
            done = movements.record(ctx, Entry(rng.choice(ARTICLES), qty, code,
                                               rng.choice(DEPOTS), date=day))
            m = done.movements[0]
            add(m.article_id, m.depot_id, reasons[code], m.qty)
            hand.append(m.id)
            written += 1
        elif op == "transfer":
            source, dest = rng.sample(DEPOTS, 2)
            done = movements.transfer(ctx, rng.choice(ARTICLES), _qty(rng), source, dest, day)
            for m in done.movements:
                add(m.article_id, m.depot_id, reasons[m.reason.code], m.qty)
            hand.append(done.movements[rng.randint(0, 1)].id)
            written += 2
        elif op == "remove" and hand:
            m = StockMovement.get_or_none(StockMovement.id == hand.pop(rng.randrange(len(hand))))
            if m is None:
                continue
            group = [m] + ([StockMovement.get_by_id(m.paired_id)] if m.paired_id else [])
            movements.remove(ctx, m.id)
            for x in group:
                add(x.article_id, x.depot_id, reasons[x.reason.code], x.qty, sign=-1)

    assert check.check(ctx) == []  # balances = SUM of the movements, per article and depot
    live = {(b.article_id, b.depot_id): [b.on_hand, b.committed, b.on_order]
            for b in StockBalance.select()}
    zero = [Decimal(0)] * 3
    keys = set(live) | set(expected)
    assert {k: live.get(k, zero) for k in keys} == {k: expected.get(k, zero) for k in keys}
    assert any(v[0] < 0 for v in live.values()) and any(v[1] for v in live.values())
