"""Reading what a valuation needs, fast: the movements as raw tuples from one ordered
query (no model objects), the articles' fallback costs and groups, and the window of
dates a year close lets a valuation start from."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Iterator

from gamma import db
from gamma.context import Context
from gamma.stock.valuation_methods import LOAD, OPEN, OTHER
from models import Article, StockClose, StockMovement, StockReason, TableEntry

OPENING, CLOSING = "APE", "CHI"  # the reasons a year close writes
BATCH = 20_000


@dataclass(frozen=True)
class Window:
    """Where the movements are read from: `start` (an opening written by a close of the
    same method) or the beginning; which reasons count as what."""

    start: date | None
    kinds: dict[int, int]  # reason id -> LOAD, OPEN or OTHER
    skipped: tuple[int, ...]  # reason ids left out (closing; transfers across depots)


def window(ctx: Context, method: str, at: date, depot_id: int | None) -> Window:
    """Start at the opening of the last year closed before `at` when it was closed by
    the same method: its opening movements carry what older years left. Otherwise read
    everything, leaving out the closes' own movements."""
    reasons = list(StockReason.select(StockReason.id, StockReason.code, StockReason.value,
                                      StockReason.paired_reason)
                   .where(StockReason.company == ctx.company).tuples())
    # The last close before `at` only: an older one's opening would meet the later
    # one's closing and opening movements on the way.
    closed = (StockClose.select(StockClose.year, StockClose.method)
              .where(StockClose.company == ctx.company, StockClose.year < at.year)
              .order_by(StockClose.year.desc()).first())
    start = date(closed.year + 1, 1, 1) if closed and closed.method == method else None
    kinds, skipped = {}, []
    for rid, code, value, paired in reasons:
        if code == CLOSING or (code == OPENING and start is None):
            skipped.append(rid)
        elif paired and depot_id is None:
            # Both halves of a transfer are in a valuation of every depot: they cancel.
            skipped.append(rid)
        else:
            kinds[rid] = OPEN if code == OPENING else LOAD if value > 0 else OTHER
    return Window(start, kinds, tuple(r for r in skipped if _used(ctx, r)))


def _used(ctx: Context, reason_id: int) -> bool:
    # A reason never used needs no filter: a NOT IN costs every row of a valuation.
    return (StockMovement.select(StockMovement.id)
            .where(StockMovement.company == ctx.company, StockMovement.reason == reason_id)
            .limit(1).exists())


def _year_sql() -> str:
    return ("CAST(strftime('%Y', m.date) AS INTEGER)" if db.is_sqlite()
            else "CAST(EXTRACT(YEAR FROM m.date) AS INTEGER)")


def filters(ctx: Context, win: Window, at: date, depot_id: int | None, prefix: str = ""
            ) -> tuple[list[str], list]:
    """The conditions (and their parameters) picking the movements of a valuation at
    `at`: the company's, in the window, at the depot, moving the stock, reasons skipped
    left out; `prefix` is the table's alias with its dot."""
    p = db.current().param
    where = [f"{prefix}company_id = {p}", f"{prefix}date <= {p}", f"{prefix}on_hand <> 0"]
    args: list = [ctx.company.id, at]
    if win.start is not None:
        where.append(f"{prefix}date >= {p}")
        args.append(win.start)
    if depot_id is not None:
        where.append(f"{prefix}depot_id = {p}")
        args.append(depot_id)
    if win.skipped:
        where.append(f"{prefix}reason_id NOT IN ("
                     + ", ".join(str(int(r)) for r in win.skipped) + ")")
    return where, args


def movements(ctx: Context, win: Window, at: date, depot_id: int | None,
              full: bool = True) -> Iterator[tuple]:
    """(article_id, on_hand, unit_value, reason_id, then year and party_id when `full`,
    else depot_id) of every movement that moves the stock up to `at`, by article, date
    and entry order; the stored integers as they are."""
    database = db.current()
    where, args = filters(ctx, win, at, depot_id, "m.")
    extra = f", {_year_sql()}, m.party_id" if full else ", m.depot_id"
    sql = (f"SELECT m.article_id, m.on_hand, m.unit_value, m.reason_id{extra} "
           f"FROM stock_movement m WHERE {' AND '.join(where)} "
           "ORDER BY m.article_id, m.date, m.id")
    if db.is_sqlite():  # the cursor itself: a generator would cost a step per row
        return database.execute_sql(sql, args)
    return _server_side(database, sql, args)


def _server_side(database, sql: str, args: list) -> Iterator[tuple]:
    # A server-side cursor: a million rows stream in batches instead of filling memory.
    database.connect(reuse_if_open=True)
    cursor = database.connection().cursor(name=f"valuation_{uuid.uuid4().hex[:12]}",
                                          withhold=True)
    try:
        cursor.itersize = BATCH
        cursor.execute(sql, args)
        yield from cursor
    finally:
        cursor.close()


def fallbacks(ctx: Context) -> dict[int, int]:
    """Per article with one, its own cost (last, else standard, else average), millionths:
    what a quantity without a cost is valued at before any load."""
    database = db.current()
    cursor = database.execute_sql(
        "SELECT id, COALESCE(cost_last, cost_standard, cost_average) FROM article "
        f"WHERE company_id = {database.param} AND "
        "COALESCE(cost_last, cost_standard, cost_average) IS NOT NULL", [ctx.company.id])
    return {a: int(c) for a, c in cursor}


@dataclass(frozen=True)
class ArticleInfo:
    code: str
    description: str
    unit: str
    fallback: int  # millionths: the article's last (else standard, else average) cost
    supplier: int | None  # the preferred supplier's party id, when the article has one
    group: str  # the fiscal group (product group, else family) code
    group_name: str


def articles(ctx: Context) -> dict[int, ArticleInfo]:
    """Every article of the company, with what a valuation line shows."""
    database = db.current()
    fields = Article._meta.fields
    supplier = "a.preferred_supplier_id" if "preferred_supplier" in fields else "NULL"
    cursor = database.execute_sql(
        "SELECT a.id, a.code, a.description, COALESCE(u.code, ''), a.cost_last, "
        f"a.cost_standard, a.cost_average, {supplier}, g.code, g.description, "
        "f.code, f.description FROM article a "
        "LEFT JOIN unit u ON u.id = a.unit_id "
        f"LEFT JOIN {TableEntry._meta.table_name} g ON g.id = a.product_group_id "
        f"LEFT JOIN {TableEntry._meta.table_name} f ON f.id = a.family_id "
        f"WHERE a.company_id = {database.param}", [ctx.company.id])
    out = {}
    for (aid, code, description, unit, last, standard, average, party, gcode, gname,
         fcode, fname) in cursor:
        fallback = next((int(c) for c in (last, standard, average) if c is not None), 0)
        out[aid] = ArticleInfo(code, description, unit, fallback, party,
                               gcode or fcode or "", gname or fname or "")
    return out
