"""The measures of a statistic. Base measures are sums over the journal, done in SQL;
derived ones are computed from the base sums at every level (detail, subtotal, total), so
a subtotal's margin % is its margin over its revenue, never a sum of percentages."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Callable

ZERO = Decimal(0)
CENT = Decimal("0.01")
QTY = Decimal("0.001")


@dataclass(frozen=True)
class Measure:
    name: str
    label: str  # Italian column header
    format: str  # money, qty, pct
    needs: tuple[str, ...]  # base sums it is computed from
    compute: Callable[[dict[str, Decimal], dict[str, Decimal]], Decimal | None] | None = None


def _pct(part: Decimal, whole: Decimal) -> Decimal | None:
    if not whole:
        return None
    return (part * 100 / whole).quantize(CENT, rounding=ROUND_HALF_UP)


def _base(name: str, label: str, fmt: str) -> Measure:
    return Measure(name, label, fmt, (name,))


BASE = {m.name: m for m in (
    _base("qty", "Quantità", "qty"),
    _base("qty2", "Quantità 2a u.m.", "qty"),
    _base("packages", "Colli", "qty"),
    _base("weight", "Peso kg", "qty"),
    _base("revenue", "Ricavo", "money"),
    _base("gross", "Valore lordo", "money"),
    _base("cost", "Costo", "money"),
    _base("qty_delivered", "Q.tà consegnata", "qty"),
    _base("revenue_delivered", "Ricavo consegnato", "money"),
    _base("qty_returned", "Q.tà resa", "qty"),
    _base("revenue_returned", "Valore reso", "money"),
)}

DERIVED = {m.name: m for m in (
    Measure("margin", "Margine", "money", ("revenue", "cost"),
            lambda s, t: s["revenue"] - s["cost"]),
    Measure("margin_pct", "Margine %", "pct", ("revenue", "cost"),
            lambda s, t: _pct(s["revenue"] - s["cost"], s["revenue"])),
    Measure("markup", "Ricarico %", "pct", ("revenue", "cost"),
            lambda s, t: _pct(s["revenue"] - s["cost"], s["cost"])),
    Measure("avg_discount", "Sconto medio %", "pct", ("revenue", "gross"),
            lambda s, t: _pct(s["gross"] - s["revenue"], s["gross"])),
    Measure("share", "Incidenza %", "pct", ("revenue",),
            lambda s, t: _pct(s["revenue"], t["revenue"])),
    Measure("return_pct", "Reso %", "pct", ("revenue_returned", "revenue_delivered"),
            lambda s, t: _pct(s["revenue_returned"], s["revenue_delivered"])),
)}

MEASURES = {**BASE, **DERIVED}
NAMES = tuple(MEASURES)


def get(name: str) -> Measure:
    return MEASURES[name]


def bases_of(names: tuple[str, ...]) -> tuple[str, ...]:
    """The base sums the measures `names` need, in BASE order."""
    needed = {b for n in names for b in MEASURES[n].needs}
    return tuple(b for b in BASE if b in needed)


def _evaluator(name: str) -> Callable:
    measure = MEASURES[name]
    if measure.compute is not None:
        return measure.compute
    places = QTY if measure.format == "qty" else CENT
    return lambda sums, totals: sums.get(name, ZERO).quantize(places)


# A result evaluates every measure on every row: the choice of formula is made once.
_EVALUATORS = {name: _evaluator(name) for name in MEASURES}


def value(name: str, sums: dict[str, Decimal], totals: dict[str, Decimal]) -> Decimal | None:
    """Measure `name` of a row whose base sums are `sums`; `totals` are the grand total's
    (for the share)."""
    return _EVALUATORS[name](sums, totals)


def add(into: dict[str, Decimal], sums: dict[str, Decimal]) -> None:
    for key, amount in sums.items():
        into[key] = into.get(key, ZERO) + amount


def difference(name: str, last: Decimal | None, previous: Decimal | None
               ) -> tuple[Decimal | None, Decimal | None]:
    """Comparison of the last year with the previous one: the difference in value and in %
    of the previous (a percentage measure gets its difference in points only)."""
    if last is None or previous is None:
        return (None, None)
    diff = last - previous
    if MEASURES[name].format == "pct":
        return (diff, None)
    return (diff, _pct(diff, abs(previous)))
