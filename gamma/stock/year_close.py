"""Year-end stock close (chiusura di magazzino): the stock of every article at every depot
on 31/12 is closed (reason CHI) and reopened on 01/01 of the next year (reason APE) at the
values of the chosen valuation method — one opening movement per layer for the layered
methods (FIFO, LIFO, yearly LIFO), so that nothing of the older years is lost. Later
valuations by the same method start from the opening and read no older movement.

The two movements cancel in the balances. Closing a year again replaces its close
(asked for explicitly); a year cannot be closed before it ends, nor behind a later close.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from gamma import functions, records
from gamma.audit import log
from gamma.context import Context
from gamma.errors import ValidationError
from gamma.master import standard_data
from gamma.numbers import format_decimal
from gamma.sales import stock
from gamma.service import operation
from gamma.stock import valuation
from gamma.stock import valuation_methods as vm
from gamma.stock.valuation_read import CLOSING, OPENING
from models import StockBalance, StockClose, StockMovement, StockReason

QTY, COST = Decimal("0.001"), Decimal("0.000001")


def _reason(ctx: Context, code: str) -> StockReason:
    """The close's reason; companies made before it existed get it from the standard
    tables."""
    found = StockReason.get_or_none(StockReason.company == ctx.company, StockReason.code == code)
    if found is not None:
        return found
    row = next(r for r in standard_data.read()["stock_reason"] if r["code"] == code)
    return records.insert(ctx, StockReason, company=ctx.company, **row)


def _depots(ctx: Context, day: date) -> list[int]:
    rows = (StockMovement.select(StockMovement.depot).distinct()
            .where(StockMovement.company == ctx.company, StockMovement.date <= day).tuples())
    return sorted(d for (d,) in rows)


def _remove(ctx: Context, year: int) -> None:
    """Take a previous close's movements out of the balances and delete them."""
    ids = [r.id for r in StockReason.select().where(
        StockReason.company == ctx.company, StockReason.code.in_((CLOSING, OPENING)))]
    found = (StockMovement.select().where(
        StockMovement.company == ctx.company, StockMovement.reason.in_(ids),
        StockMovement.date.in_([date(year, 12, 31), date(year + 1, 1, 1)])))
    delta: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    for m in found:
        delta[(m.article_id, m.depot_id)] += m.on_hand
    for (article, depot), on_hand in sorted(delta.items()):
        if on_hand:
            (StockBalance.update(on_hand=StockBalance.on_hand - on_hand)
             .where(StockBalance.article == article, StockBalance.depot == depot).execute())
    ids = [m.id for m in found]
    if ids:
        StockMovement.delete().where(StockMovement.id.in_(ids)).execute()


@operation(functions.STOCK_YEAR_CLOSE)
def close(ctx: Context, year: int, method: str, replace: bool = False) -> StockClose:
    """Close `year` valuing its closing stock by `method`; `replace` closes it again."""
    method = valuation.parse_method(method)
    valuation.require_sight(ctx, method)
    if year >= ctx.today().year:
        raise ValidationError("year", f"l'anno {year} non è ancora finito", "Anno")
    later = (StockClose.select().where(StockClose.company == ctx.company,
                                       StockClose.year > year).order_by(StockClose.year).first())
    if later is not None:
        raise ValidationError("year", f"già chiuso l'anno {later.year}: chiudere gli anni "
                              "in ordine", "Anno")
    previous = StockClose.get_or_none(StockClose.company == ctx.company, StockClose.year == year)
    if previous is not None and not replace:
        raise ValidationError("year", f"anno {year} già chiuso il "
                              f"{ctx.local(previous.closed_at):%d/%m/%Y} "
                              f"({previous.method}): richiedere la sostituzione", "Anno")
    if previous is not None:
        _remove(ctx, year)
        records.delete(ctx, previous)
    end, opening_day = date(year, 12, 31), date(year + 1, 1, 1)
    closing, opening = _reason(ctx, CLOSING), _reason(ctx, OPENING)
    moves, articles, total = [], set(), 0
    for depot in _depots(ctx, end):
        for article, (qty, layers) in sorted(valuation.layers(ctx, method, end, depot).items()):
            if not qty:
                continue
            value = sum(q * c for q, c in layers)
            total += value
            articles.add(article)
            quantity = (Decimal(qty) * QTY).quantize(QTY)
            moves.append({"article": article, "depot": depot, "reason": closing, "date": end,
                          "qty": quantity, "unit_value": (Decimal(vm.unit_cost(value, qty))
                                                          * COST).quantize(COST)})
            # Below zero: the shortfall is carried as it is, at no value.
            for q, c in layers or [[qty, 0]]:
                moves.append({"article": article, "depot": depot, "reason": opening,
                              "date": opening_day, "qty": (Decimal(q) * QTY).quantize(QTY),
                              "unit_value": (Decimal(c) * COST).quantize(COST)})
    stock.move(ctx, moves)
    saved = records.insert(ctx, StockClose, company=ctx.company, year=year, method=method,
                           articles=len(articles),
                           value=Decimal(vm.cents(total)).scaleb(-2), closed_at=ctx.now(),
                           closed_by=ctx.login[:20])
    log.record(ctx, "close", "stock_close", str(year),
               message=f"Chiusura {year} ({method}): {len(articles)} articoli, "
                       f"{len(moves)} movimenti")
    return saved


def summary(done: StockClose) -> str:
    """What the operator is told: "Magazzino 2025 chiuso (FIFO): articoli 12, valore …"."""
    name, _, number = done.method.partition(":")
    label = f"{valuation.LABELS[name]} {number}".strip()
    return (f"Magazzino {done.year} chiuso ({label}): articoli {done.articles}, "
            f"valore {format_decimal(done.value, 2)}")


def closes(ctx: Context) -> list[StockClose]:
    return list(StockClose.select().where(StockClose.company == ctx.company)
                .order_by(StockClose.year.desc()))
