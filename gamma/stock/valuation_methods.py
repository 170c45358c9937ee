"""The valuation methods on one article's movements, in integers.

Every function takes the article's movements in date order as tuples
`(on_hand, unit_cost, kind, year, party)` — on_hand in thousandths (signed), unit_cost in
millionths of a euro or None, kind LOAD (a load with value whose cost counts as a
purchase), OPEN (an opening balance written by a year close) or OTHER — and returns
`(qty, value)`: the quantity in thousandths and the value in billionths of a euro
(thousandths × millionths), rounded to the cent only by the caller.

Shared rules, so that every method tells the same story:
- a quantity coming in without a cost (transfer in, adjustment without cost) is valued
  at the article's current cost under the method (latest layer, moving average);
- stock below zero is valued at zero: the quantity short is filled first by the next
  loads, as it would have been had they been entered in time;
- unit costs worked out by a method (averages) are rounded half up to 6 decimals, the
  precision of the stored costs, before multiplying by the quantity.
"""

from __future__ import annotations

from typing import Iterable, Sequence

OTHER, LOAD, OPEN = 0, 1, 2
Row = tuple  # (on_hand, unit_cost, kind, year, party)


def unit_cost(value: int, qty: int) -> int:
    """value (billionths) / qty (thousandths) in millionths, rounded half up."""
    if qty <= 0:
        return 0
    return (2 * value + qty) // (2 * qty)


def cents(value: int) -> int:
    """Billionths of a euro to cents, half up (negative values mirrored)."""
    if value < 0:
        return -cents(-value)
    return (value + 5_000_000) // 10_000_000


def _costed(on_hand: int, cost, kind: int) -> bool:
    return kind != OTHER and cost is not None and on_hand > 0


def last_cost(rows: Iterable[Row], fallback: int) -> tuple[int, int]:
    """Last purchase cost (an opening balance's cost counts until a purchase follows)."""
    qty, last = 0, fallback
    for on_hand, cost, kind, _year, _party in rows:
        qty += on_hand
        if _costed(on_hand, cost, kind):
            last = cost
    return qty, max(qty, 0) * last


def fifo_all(rows: Iterable[tuple], fallbacks: dict[int, int],
             mixed: set[int] | None = None) -> dict[int, tuple[int, int]]:
    """First in, first out, perpetual, for every article at once from the stream of
    (article, on_hand, unit cost when the movement brings one else None, depot,
    1 for an opening layer else 0) by article, depot and date: the hot path of a
    valuation, so one loop without a tuple per row. Whatever the order of the unloads,
    what remains is the most recent quantity that came in: the tail of the incoming
    layers covering the quantity on hand, so only incoming rows are kept.
    An article met at a second depot is added to `mixed`: its layers are not in date
    order, and the caller values it again from its movements in date order."""
    out: dict[int, tuple[int, int]] = {}
    current, depot_now, qty, last = None, None, 0, 0
    opening: list[tuple[int, int]] = []
    layers: list[tuple[int, int]] = []
    for article, on_hand, cost, depot, is_opening in rows:
        if article != current:
            if current is not None:
                out[current] = (qty, tail_value(opening + layers if opening else layers, qty))
            current, depot_now, qty, layers, opening = article, depot, 0, [], []
            last = fallbacks.get(article, 0)
        elif depot != depot_now:
            if mixed is not None:
                mixed.add(article)
            depot_now = depot
        qty += on_hand
        if on_hand > 0:
            if cost is not None:
                last = cost
            if is_opening:  # the oldest, even when entered after a movement of its day
                opening.append((on_hand, last))
            else:
                layers.append((on_hand, last))
    if current is not None:
        out[current] = (qty, tail_value(opening + layers if opening else layers, qty))
    return out


def fifo_layers(rows: Iterable[Row], fallback: int) -> tuple[int, list[list[int]]]:
    """FIFO's remaining layers of one article, oldest first (what a year close carries)."""
    qty, last = 0, fallback
    opening: list[tuple[int, int]] = []
    layers: list[tuple[int, int]] = []
    for on_hand, cost, kind, _year, _party in rows:
        qty += on_hand
        if on_hand > 0:
            if cost is not None and kind != OTHER:
                last = cost
            (opening if kind == OPEN else layers).append((on_hand, last))
    left, kept = qty, []
    for q, c in reversed(opening + layers):
        if left <= 0:
            break
        kept.append([min(q, left), c])
        left -= q
    return qty, kept[::-1]


def tail_value(layers: Sequence[tuple[int, int]], qty: int) -> int:
    """The value of the newest `qty` of the layers (oldest first)."""
    value = 0
    for q, c in reversed(layers):
        if qty <= 0:
            break
        take = q if q < qty else qty
        value += take * c
        qty -= take
    return value


class _Stack:
    """Layers [qty, cost] oldest first, with the quantity short below zero."""

    def __init__(self):
        self.layers: list[list[int]] = []
        self.openings = 0
        self.short = 0

    def push(self, qty: int, cost: int, opening: bool = False) -> None:
        fill = min(qty, self.short)
        self.short -= fill
        qty -= fill
        if qty <= 0:
            return
        if opening:
            self.layers.insert(self.openings, [qty, cost])
            self.openings += 1
        else:
            self.layers.append([qty, cost])

    def pop(self, qty: int) -> None:
        """Take `qty` from the newest layers."""
        layers = self.layers
        while qty and layers:
            top = layers[-1]
            if top[0] > qty:
                top[0] -= qty
                return
            qty -= top[0]
            layers.pop()
            self.openings = min(self.openings, len(layers))
        self.short += qty

    def top_cost(self, fallback: int) -> int:
        return self.layers[-1][1] if self.layers else fallback


def lifo_layers(rows: Iterable[Row], fallback: int) -> tuple[int, list[list[int]]]:
    """Last in, first out, perpetual: each unload takes the newest layers."""
    qty, last, stack = 0, fallback, _Stack()
    for on_hand, cost, kind, _year, _party in rows:
        qty += on_hand
        if on_hand > 0:
            if cost is not None and kind != OTHER:
                last = cost
            stack.push(on_hand, last, kind == OPEN)
        elif on_hand < 0:
            stack.pop(-on_hand)
    return qty, stack.layers if qty > 0 else []


def lifo(rows: Iterable[Row], fallback: int) -> tuple[int, int]:
    qty, layers = lifo_layers(rows, fallback)
    return qty, sum(q * c for q, c in layers)


def lifo_annual_layers(rows: Iterable[Row], fallback: int) -> tuple[int, list[list[int]]]:
    """Italian yearly layered LIFO ("LIFO a scatti annuale"): what a year adds to the
    stock (its net increase) becomes one layer valued at that year's average purchase
    cost; a year that decreases the stock takes from the newest layers. A valuation
    during a year closes the year so far the same way. Opening balances written by a
    year close are layers already (one per layer carried)."""
    qty, stack = 0, _Stack()
    year, net, bought_qty, bought_value, last = None, 0, 0, 0, fallback

    def close_year():
        if net > 0:
            cost = unit_cost(bought_value, bought_qty) if bought_qty else stack.top_cost(last)
            stack.push(net, cost)
        elif net < 0:
            stack.pop(-net)

    for on_hand, cost, kind, row_year, _party in rows:
        if row_year != year:
            if year is not None:
                close_year()
            year, net, bought_qty, bought_value = row_year, 0, 0, 0
        qty += on_hand
        if kind == OPEN and on_hand > 0:
            stack.push(on_hand, cost if cost is not None else last, True)
            continue
        net += on_hand
        if _costed(on_hand, cost, kind):
            bought_qty += on_hand
            bought_value += on_hand * cost
            last = cost
    if year is not None:
        close_year()
    return qty, stack.layers if qty > 0 else []


def lifo_annual(rows: Iterable[Row], fallback: int) -> tuple[int, int]:
    qty, layers = lifo_annual_layers(rows, fallback)
    return qty, sum(q * c for q, c in layers)


def moving_average(rows: Iterable[Row], fallback: int) -> tuple[int, int]:
    """Perpetual weighted average: each load re-averages the cost of what is on hand
    (valued at the average so far); unloads leave the average unchanged."""
    qty, average = 0, fallback
    for on_hand, cost, kind, _year, _party in rows:
        if on_hand > 0:
            if cost is None or kind == OTHER:
                cost = average
            if qty <= 0:  # nothing on hand to average with: the short is filled at cost
                average = cost
            else:
                average = unit_cost(qty * average + on_hand * cost, qty + on_hand)
        qty += on_hand
    return qty, qty * average if qty > 0 else 0


def period_average(rows: Iterable[Row], fallback: int) -> tuple[int, int]:
    """Weighted average cost of the period (the year of the valuation date): the opening
    stock at its value plus the year's purchases, divided by their quantities. The
    opening stock of a year is valued at the previous year's average."""
    qty, year, average = 0, None, fallback
    open_qty = open_value = bought_qty = bought_value = 0

    def year_average() -> int:
        base_qty = max(open_qty, 0) + bought_qty
        base_value = (open_value if open_qty > 0 else 0) + bought_value
        return unit_cost(base_value, base_qty) if base_qty else average

    for on_hand, cost, kind, row_year, _party in rows:
        if row_year != year:
            if year is not None:
                average = year_average()
            year, bought_qty, bought_value = row_year, 0, 0
            open_qty, open_value = qty, max(qty, 0) * average
        qty += on_hand
        if kind == OPEN and on_hand > 0:
            open_qty += on_hand
            open_value += on_hand * (cost if cost is not None else average)
        elif _costed(on_hand, cost, kind):
            bought_qty += on_hand
            bought_value += on_hand * cost
    if year is not None:
        average = year_average()
    return qty, max(qty, 0) * average


def supplier_average(rows: Iterable[Row], fallback: int, supplier: int | None
                     ) -> tuple[int, int]:
    """Average cost of the purchases from the article's supplier (its preferred supplier,
    else the one it was bought most from); the last cost when there are none."""
    qty, last = 0, fallback
    bought: dict[int | None, list[int]] = {}
    for on_hand, cost, kind, _year, party in rows:
        qty += on_hand
        if _costed(on_hand, cost, kind):
            last = cost
            if kind == LOAD and party is not None:
                total = bought.setdefault(party, [0, 0])
                total[0] += on_hand
                total[1] += on_hand * cost
    if supplier is None and bought:
        supplier = max(bought, key=lambda p: bought[p][0])
    found = bought.get(supplier)
    cost = unit_cost(found[1], found[0]) if found else last
    return qty, max(qty, 0) * cost
