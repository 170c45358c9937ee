"""The balances check: recompute every balance from the movements (one GROUP BY) and
compare it with the stored one, per article and depot.

What "correcting drift" means here: the movements are the record of what happened and
the balances only their running sum, so a balance that disagrees with its movements is
rebuilt from them (`fix`): set to the sums, created when missing, and each correction is
audited. Nothing is invented: when the real stock differs from what the movements say
(a count), the correction is an adjustment movement (gamma.stock.movements.adjust, the
inventory count), which the balances then follow. Running the check again after a fix
finds nothing: it is safe to re-run, and safe to run from cron.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from gamma import db, functions
from gamma import rows as rows_
from gamma.audit import log
from gamma.context import Context
from gamma.service import operation
from models import Article, Depot, StockBalance, StockMovement

FIGURES = ("on_hand", "committed", "on_order")
ZERO3 = (Decimal(0), Decimal(0), Decimal(0))
CHUNK = 1000


@dataclass(frozen=True)
class Drift:
    article_id: int
    depot_id: int
    article: str
    depot: str
    stored: tuple[Decimal, Decimal, Decimal]  # on hand, committed, on order in the balance
    computed: tuple[Decimal, Decimal, Decimal]  # the same from the movements

    @property
    def differences(self) -> tuple[Decimal, Decimal, Decimal]:
        return tuple(s - c for s, c in zip(self.stored, self.computed))

    def as_dict(self) -> dict:
        out = {"article": self.article, "depot": self.depot}
        for name, stored, computed in zip(FIGURES, self.stored, self.computed):
            out[name] = {"balance": stored, "movements": computed,
                         "difference": stored - computed}
        return out


def _computed(ctx: Context) -> dict[tuple[int, int], tuple[Decimal, Decimal, Decimal]]:
    to_qty = StockMovement.on_hand.python_value  # SUM gives the stored thousandths
    database = db.current()
    cursor = database.execute_sql(
        "SELECT article_id, depot_id, SUM(on_hand), SUM(committed), SUM(on_order) "
        f"FROM stock_movement WHERE company_id = {database.param} "
        "GROUP BY article_id, depot_id", [ctx.company.id])
    return {(a, d): (to_qty(int(h or 0)), to_qty(int(c or 0)), to_qty(int(o or 0)))
            for a, d, h, c, o in cursor.fetchall()}


def drifts(ctx: Context) -> list[Drift]:
    """Every article and depot whose balance differs from the sum of its movements."""
    computed = _computed(ctx)
    stored = {(b.article_id, b.depot_id): (b.on_hand, b.committed, b.on_order)
              for b in StockBalance.select().where(StockBalance.company == ctx.company)}
    keys = [k for k in set(computed) | set(stored)
            if computed.get(k, ZERO3) != stored.get(k, ZERO3)]
    if not keys:
        return []
    codes = dict(Article.select(Article.id, Article.code)
                 .where(Article.id.in_({a for a, _ in keys})).tuples())
    depots = dict(Depot.select(Depot.id, Depot.code).where(Depot.company == ctx.company)
                  .tuples())
    found = [Drift(a, d, codes.get(a, str(a)), depots.get(d, str(d)), stored.get((a, d), ZERO3),
                   computed.get((a, d), ZERO3)) for a, d in keys]
    return sorted(found, key=lambda x: (x.article, x.depot))


@operation(functions.STOCK_CHECK, write=False)
def check(ctx: Context) -> list[Drift]:
    """The drift report (function 306)."""
    return drifts(ctx)


@operation(functions.STOCK_CHECK)
def fix(ctx: Context) -> list[Drift]:
    """Rebuild the drifting balances from the movements, in one transaction; returns what
    was corrected."""
    if not db.is_sqlite():
        # Movements written while the sums are read would be lost from the rebuilt
        # balances: they wait for this transaction (SQLite's writers queue already).
        db.current().execute_sql("LOCK TABLE stock_movement IN SHARE MODE")
    found = drifts(ctx)
    rebuilt = [{"company": ctx.company.id, "article": d.article_id, "depot": d.depot_id,
                **dict(zip(FIGURES, d.computed))} for d in found]
    for start in range(0, len(rebuilt), CHUNK):  # within the engines' parameter limits
        rows_.insert(StockBalance, rebuilt[start:start + CHUNK], conflict=("article", "depot"),
                     replace=FIGURES)
    for drift in found:
        log.record(ctx, "update", "stock_balance", f"{drift.article}/{drift.depot}",
                   {name: (s, c) for name, s, c in zip(FIGURES, drift.stored, drift.computed)
                    if s != c}, message="saldo ricalcolato dai movimenti")
    return found
