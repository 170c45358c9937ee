"""FIFO with as little as possible crossing from the database to Python.

On SQLite: every movement, in the index's order (article, depot, date), which needs no
sort, as (article, on_hand, cost when it brings one, depot, opening?); the articles kept
at several depots are read again in date order. Measured on 1,000,000 movements: about
4x the plain SUM by article (every movement in date order: about 5x; the quantities by
a GROUP BY and then only the incoming movements: about 4.7x).

On PostgreSQL: one row per article (its quantity, and its incoming quantities and
costs as two arrays in date order) instead of one row per movement. Shipping and
converting a million rows costs more there than the server sorting them; the arrays
arrive as Python lists from the driver's C parser.

Measured (scripts/benchmarks/stock_value.py) on 200,000 movements: per-movement stream
about 4.5x the plain SUM by article, these arrays about 3x, the whole FIFO in window
functions (running sum of the incoming rows from the newest) about 12x; on 1,000,000
the arrays about 4.6x (the SUM runs in parallel workers, the ordered aggregates of
PostgreSQL 15 cannot).

Same rules as gamma.stock.valuation_methods.fifo_all."""

from __future__ import annotations

from datetime import date

from gamma import db
from gamma.context import Context
from gamma.stock.valuation_methods import OPEN, OTHER, fifo_all, tail_value
from gamma.stock.valuation_read import Window, filters

NO_COST = -1  # an incoming quantity without a cost of its own


def _ids(ids: list[int]) -> str:
    return ", ".join(str(int(i)) for i in ids)


def fifo(ctx: Context, win: Window, at: date, depot_id: int | None,
         fallbacks: dict[int, int]) -> dict[int, tuple[int, int]]:
    """Per article (qty thousandths, value billionths)."""
    database = db.current()
    costed = [r for r, k in win.kinds.items() if k != OTHER]
    opening = [r for r, k in win.kinds.items() if k == OPEN]
    where, args = filters(ctx, win, at, depot_id)
    # The opening layers are the oldest, even when entered after a movement of their day.
    order = (f"CASE WHEN reason_id IN ({_ids(opening)}) THEN 0 ELSE 1 END, " if opening
             else "") + "date, id"
    cost = (f"COALESCE(CASE WHEN reason_id IN ({_ids(costed)}) THEN unit_value END, "
            f"{NO_COST})" if costed else str(NO_COST))
    sql = (f"SELECT article_id, SUM(on_hand), "
           f"array_agg(on_hand ORDER BY {order}) FILTER (WHERE on_hand > 0), "
           f"array_agg({cost} ORDER BY {order}) FILTER (WHERE on_hand > 0) "
           f"FROM stock_movement WHERE {' AND '.join(where)} GROUP BY article_id")
    out = {}
    for article, qty, quantities, costs in database.execute_sql(sql, args):
        qty = int(qty)
        if not quantities or qty <= 0:
            out[article] = (qty, 0)
            continue
        if NO_COST in costs:  # the latest cost before it, else the article's
            last = fallbacks.get(article, 0)
            for n, c in enumerate(costs):
                if c == NO_COST:
                    costs[n] = last
                else:
                    last = c
        out[article] = (qty, tail_value(list(zip(quantities, costs)), qty))
    return out


def fifo_sqlite(ctx: Context, win: Window, at: date, depot_id: int | None,
                fallbacks: dict[int, int]) -> dict[int, tuple[int, int]]:
    """Per article (qty thousandths, value billionths)."""
    database = db.current()
    costed = [r for r, k in win.kinds.items() if k != OTHER]
    opening = [r for r, k in win.kinds.items() if k == OPEN]
    where, args = filters(ctx, win, at, depot_id)
    cost = (f"CASE WHEN reason_id IN ({_ids(costed)}) THEN unit_value END" if costed
            else "NULL")
    is_opening = f"reason_id IN ({_ids(opening)})" if opening else "0"
    select = (f"SELECT article_id, on_hand, {cost}, depot_id, {is_opening} "
              f"FROM stock_movement WHERE {' AND '.join(where)}")
    mixed: set[int] = set()
    out = fifo_all(database.execute_sql(f"{select} ORDER BY article_id, depot_id, date, id",
                                        args), fallbacks, mixed)
    ordered = sorted(mixed)
    for start in range(0, len(ordered), 500):
        chosen = _ids(ordered[start:start + 500])
        out.update(fifo_all(database.execute_sql(
            f"{select} AND article_id IN ({chosen}) ORDER BY article_id, date, id", args),
            fallbacks))
    return out
