"""Stock valuation at a date: per article the quantity on hand and its value by a method.

Methods (`gamma stock value --method`):
  last             last purchase cost
  average          weighted average cost of the year's purchases and opening stock
  moving-average   perpetual weighted average (re-averaged at every load)
  fifo, lifo       perpetual first-in-first-out / last-in-first-out layers
  lifo-annual      Italian yearly layered LIFO ("LIFO a scatti annuale")
  supplier-average average cost of the purchases from the article's supplier
  list:N           sale price list N in force at the date

The movements are read once, by one ordered query of raw tuples, and each article's are
valued in integers (gamma.stock.valuation_methods); only the totals become Decimals.
Stock below zero is listed with its quantity and valued at zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Callable

from gamma import db, functions
from gamma.context import Context
from gamma.access import permissions
from gamma.errors import PermissionDenied, ValidationError
from gamma.master import tables
from gamma.service import operation
from gamma.stock import valuation_methods as vm
from gamma.stock import valuation_read as read
from gamma.stock import valuation_sql

METHODS = ("last", "average", "moving-average", "fifo", "lifo", "lifo-annual",
           "supplier-average", "list:N")
LABELS = {"last": "ultimo costo di acquisto", "average": "costo medio ponderato annuo",
          "moving-average": "costo medio ponderato continuo", "fifo": "FIFO",
          "lifo": "LIFO continuo", "lifo-annual": "LIFO a scatti annuale",
          "supplier-average": "costo medio del fornitore abituale", "list": "listino"}
_COSTING: dict[str, Callable] = {
    "last": vm.last_cost, "average": vm.period_average,
    "moving-average": vm.moving_average, "lifo": vm.lifo,
    "lifo-annual": vm.lifo_annual}
QTY, COST = Decimal("0.001"), Decimal("0.000001")


@dataclass(frozen=True)
class Line:
    article_id: int
    code: str
    description: str
    unit: str
    group: str
    group_name: str
    qty: Decimal
    unit_cost: Decimal  # value / qty (0 when nothing is on hand)
    value: Decimal


@dataclass(frozen=True)
class Valuation:
    method: str
    at: date
    depot: str  # "" for every depot
    lines: list[Line]

    @property
    def total(self) -> Decimal:
        return sum((line.value for line in self.lines), Decimal("0.00"))

    def label(self) -> str:
        name, _, number = self.method.partition(":")
        return f"{LABELS[name]} {number}".strip()


def parse_method(text: str) -> str:
    """The method as typed: one of METHODS, `list:N` with N 1-8."""
    method = (text or "").strip().lower()
    if method.startswith("list:"):
        number = method[5:]
        if number.isdigit() and 1 <= int(number) <= 8:
            return f"list:{int(number)}"
        raise ValidationError("method", "listino da 1 a 8 (list:N)", "Metodo")
    if method not in _COSTING and method not in ("fifo", "supplier-average"):
        raise ValidationError("method", "uno tra " + ", ".join(METHODS), "Metodo")
    return method


def _list_prices(ctx: Context, number: int, at: date) -> dict[int, int]:
    """Per article the unit price (millionths) of list `number` in force at `at`."""
    database = db.current()
    p = database.param
    cursor = database.execute_sql(
        "SELECT article_id, price, divisor FROM article_price WHERE company_id = "
        f"{p} AND list_number = {p} AND valid_from <= {p} ORDER BY article_id, valid_from",
        [ctx.company.id, number, at])
    prices = {}
    for article_id, price, divisor in cursor:  # the latest in force wins
        prices[article_id] = (2 * int(price) + (divisor or 1)) // (2 * (divisor or 1))
    return prices


def compute(ctx: Context, method: str, at: date, depot_id: int | None = None
            ) -> dict[int, tuple[int, int]]:
    """Per article (qty thousandths, value billionths) at `at`: the integers, for callers
    that aggregate further (indices, year close, benchmarks)."""
    method = parse_method(method)
    win = read.window(ctx, method, at, depot_id)
    out: dict[int, tuple[int, int]] = {}
    if method.startswith("list:"):
        prices = _list_prices(ctx, int(method[5:]), at)
        for article_id, qty in _quantities(ctx, win, at, depot_id).items():
            out[article_id] = (qty, max(qty, 0) * prices.get(article_id, 0))
        return out
    if method == "fifo":
        fallbacks = read.fallbacks(ctx)
        if not db.is_sqlite():
            return valuation_sql.fifo(ctx, win, at, depot_id, fallbacks)
        return valuation_sql.fifo_sqlite(ctx, win, at, depot_id, fallbacks)
    costing = _COSTING.get(method)
    info = read.articles(ctx)

    def value_of(article_id: int, rows: list[tuple]) -> tuple[int, int]:
        a = info.get(article_id)
        fallback = a.fallback if a else 0
        if costing is None:
            return vm.supplier_average(rows, fallback, a.supplier if a else None)
        return costing(rows, fallback)

    return _per_article(ctx, win, at, depot_id, value_of)


def _per_article(ctx: Context, win: read.Window, at: date, depot_id: int | None,
                 fn: Callable[[int, list[tuple]], tuple]) -> dict[int, tuple]:
    """fn(article, its movements as valuation_methods rows) for every article moved."""
    kinds, out = win.kinds, {}
    current, rows = None, []
    for article_id, on_hand, cost, reason_id, year, party in read.movements(
            ctx, win, at, depot_id):
        if article_id != current:
            if current is not None:
                out[current] = fn(current, rows)
            current, rows = article_id, []
        rows.append((on_hand, cost, kinds.get(reason_id, 0), year, party))
    if current is not None:
        out[current] = fn(current, rows)
    return out


_LAYERED = {"fifo": vm.fifo_layers, "lifo": vm.lifo_layers,
            "lifo-annual": vm.lifo_annual_layers}


def layers(ctx: Context, method: str, at: date, depot_id: int | None
           ) -> dict[int, tuple[int, list[list[int]]]]:
    """Per article (qty, layers [qty, unit cost] oldest first) at `at`: what a year
    close carries. Methods without layers give one at their unit cost."""
    method = parse_method(method)
    layered = _LAYERED.get(method)
    if layered is None:
        return {a: (qty, [[qty, vm.unit_cost(value, qty)]] if qty > 0 else [])
                for a, (qty, value) in compute(ctx, method, at, depot_id).items()}
    info = read.articles(ctx)
    win = read.window(ctx, method, at, depot_id)
    return _per_article(ctx, win, at, depot_id,
                        lambda a, rows: layered(rows, info[a].fallback if a in info else 0))


def _quantities(ctx: Context, win: read.Window, at: date, depot_id: int | None
                ) -> dict[int, int]:
    qty: dict[int, int] = {}
    for article_id, on_hand, *_ in read.movements(ctx, win, at, depot_id, full=False):
        qty[article_id] = qty.get(article_id, 0) + on_hand
    return qty


def lines_of(ctx: Context, figures: dict[int, tuple[int, int]]) -> list[Line]:
    """Lines for the articles with stock (or below zero), by code."""
    info = read.articles(ctx)
    lines = []
    for article_id, (qty, value) in figures.items():
        if not qty:
            continue
        a = info.get(article_id)
        value_cents = Decimal(vm.cents(value)).scaleb(-2)
        cost = Decimal(vm.unit_cost(value, qty)).scaleb(-6) if qty > 0 else Decimal(0)
        lines.append(Line(article_id, a.code if a else str(article_id),
                          a.description if a else "", a.unit if a else "",
                          a.group if a else "", a.group_name if a else "",
                          (Decimal(qty) * QTY).quantize(QTY), cost.quantize(COST),
                          value_cents))
    lines.sort(key=lambda line: line.code)
    return lines


def require_sight(ctx: Context, method: str, margins: bool = False) -> None:
    """Costs, prices and margins are sensitive data: a valuation shows costs (or the
    prices of a list), indices margins too."""
    rights = permissions.sensitive_data(ctx.operator)
    needed = [("prezzi", rights.prices) if method.startswith("list:") else ("costi", rights.costs)]
    if margins:
        needed.append(("margini", rights.margins))
    for name, allowed in needed:
        if not allowed:
            raise PermissionDenied(f"{name.capitalize()} non visibili all'operatore "
                                   f"{ctx.operator.display}")


@operation(functions.STOCK_VALUATION, write=False)
def value(ctx: Context, method: str, at: date, depot: str | None = None) -> Valuation:
    """The stock at `at` (at `depot`, or every depot) valued by `method`."""
    method = parse_method(method)
    require_sight(ctx, method)
    depot_id = tables.find(ctx, "depot", depot).id if depot else None
    return Valuation(method, at, depot or "", lines_of(ctx, compute(ctx, method, at, depot_id)))
