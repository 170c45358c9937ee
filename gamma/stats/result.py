"""A statistic's result from its finest groups: the hierarchy with a subtotal per level
(derived measures recomputed from the summed bases), the grand total, the columns per
compared year with the difference in value and % of the last year on the one before,
the funnel and the unmoved items of the first level."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from gamma.stats import elements as els
from gamma.stats import measures
from gamma.stats.labels import subtitle, title
from gamma.stats.spec import StatSpec
from gamma.stats.table import Column, StatTable, TableRow
from gamma.stats.unmoved import unmoved_codes

ZERO = Decimal(0)
WIDTHS = {"money": 14, "qty": 12, "pct": 9}


@dataclass
class ResultRow:
    kind: str  # detail, subtotal, total
    level: int  # the total: -1
    keys: tuple[str | None, ...]  # per element; a subtotal's deeper ones None
    values: dict[str, Decimal | None]  # by column key
    sums: dict[Any, dict[str, Decimal]]  # the base sums, per compared year (None: no compare)
    page_break_before: bool = False


@dataclass
class StatResult:
    spec: StatSpec
    title: str
    subtitle: str
    columns: list[Column]
    rows: list[ResultRow]
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    years: list[int] = field(default_factory=list)

    def details(self) -> list[ResultRow]:
        return [r for r in self.rows if r.kind == "detail"]

    def total(self) -> ResultRow:
        return self.rows[-1]


def measure_columns(spec: StatSpec, years: list[int]) -> list[Column]:
    out = []
    for name in spec.measures:
        m = measures.get(name)
        width = WIDTHS[m.format]
        if not years:
            out.append(Column(name, m.label, "measure", m.format, width))
            continue
        for y in years:
            out.append(Column(f"{name}_{y}", f"{m.label} {y}", "measure", m.format, width))
        out.append(Column(f"{name}_diff", f"{m.label} diff.", "measure", m.format, width))
        if m.format != "pct":
            out.append(Column(f"{name}_diff_pct", f"{m.label} diff. %", "measure", "pct", 9))
    return out


def _values(spec: StatSpec, years: list[int], sums: dict, totals: dict) -> dict:
    out: dict[str, Decimal | None] = {}
    for name in spec.measures:
        if not years:
            out[name] = measures.value(name, sums.get(None, {}), totals.get(None, {}))
            continue
        per = [measures.value(name, sums.get(str(y), {}), totals.get(str(y), {}))
               for y in years]
        for y, v in zip(years, per):
            out[f"{name}_{y}"] = v
        diff, pct = measures.difference(name, per[-1], per[-2])
        out[f"{name}_diff"] = diff
        if measures.get(name).format != "pct":
            out[f"{name}_diff_pct"] = pct
    return out


def _zero(names) -> dict[str, Decimal]:
    return {n: ZERO for n in names}


def _sort_key(element: els.Element, code: str | None) -> tuple:
    if element.entity == "band" and code:
        return (0, Decimal(code.split("-")[0].rstrip("+")), "")
    if element.entity in ("period", "kind", "source"):
        return (0 if code is not None else 1, 0, code or "")
    return els.code_sort(code)


def build(ctx, spec: StatSpec, groups: list) -> StatResult:
    from gamma.stats.engine import bases
    chosen = [els.get(n) for n in spec.elements]
    depth = len(chosen)
    years = [y for y, _, _ in spec.years()]
    names = bases(spec)
    cells: dict[tuple, dict] = {}
    zero = _zero(names)
    for group in groups:
        year = group.keys[depth] if years else None
        if years and year is None:
            continue
        slot = cells.setdefault(tuple(group.keys[:depth]), {})
        found = slot.get(year)
        if found is None:  # the usual case: one group per key (and year)
            slot[year] = {**zero, **group.sums}
        else:
            measures.add(found, group.sums)
    slots = [str(y) for y in years] or [None]
    totals = {s: dict(zero) for s in slots}
    for per in cells.values():
        for s, sums in per.items():
            measures.add(totals[s], sums)
    if spec.include_unmoved:
        present = {k[0] for k in cells}
        for code in unmoved_codes(ctx, spec, chosen[0]) - present:
            cells[(code,) + (None,) * (depth - 1)] = {}
    order = _first_level_order(spec, chosen[0], cells, slots)
    rows = _rows(spec, chosen, cells, order, years, slots, totals, names)
    labels = {e.name: els.labels(ctx, e, {k[i] for k in cells if k[i] is not None})
              for i, e in enumerate(chosen)}
    columns = ([Column(e.name, e.label, "element", "text", 24 if e.entity in (
        "party", "article", "document") else 14) for e in chosen]
        + measure_columns(spec, years))
    return StatResult(spec, title(spec), subtitle(spec), columns, rows, labels, years)


def _first_level_order(spec: StatSpec, first: els.Element, cells: dict,
                       slots: list) -> list:
    """The first level's codes in order; with a funnel, by the measure descending and cut
    where the cumulative share reaches the funnel's %."""
    codes = {k[0] for k in cells}
    if spec.funnel is None:
        return sorted(codes, key=lambda c: _sort_key(first, c))
    last = slots[-1]
    value = {c: ZERO for c in codes}
    for key, per in cells.items():
        value[key[0]] += per.get(last, {}).get(spec.funnel_measure, ZERO)
    ranked = sorted(codes, key=lambda c: (-value[c], _sort_key(first, c)))
    whole = sum(value.values(), ZERO)
    kept, running = [], ZERO
    for code in ranked:
        if whole and running * 100 >= spec.funnel * whole:
            break
        kept.append(code)
        running += value[code]
    return kept


def _rows(spec, chosen, cells, order, years, slots, totals, names) -> list[ResultRow]:
    depth = len(chosen)
    out: list[ResultRow] = []
    breaks = {chosen.index(els.get(p)) for p in spec.page_breaks}
    rank = {c: i for i, c in enumerate(order)}
    known: list[dict] = [{} for _ in chosen]  # codes repeat across groups: sort keys once

    def order_of(k: tuple) -> tuple:
        out = [rank[k[0]]]
        for i in range(1, depth):
            code = k[i]
            key = known[i].get(code)
            if key is None:
                key = known[i][code] = _sort_key(chosen[i], code)
            out.append(key)
        return tuple(out)

    keys = sorted((k for k in cells if k[0] in rank), key=order_of)

    zero = _zero(names)

    def summed(members) -> dict:
        if len(members) == 1:  # a detail row: its sums as they are (never changed later)
            found = cells[members[0]]
            return {s: found.get(s, zero) for s in slots}
        per = {s: dict(zero) for s in slots}
        for k in members:
            for s, sums in cells[k].items():
                measures.add(per[s], sums)
        return per

    def emit(level: int, members: list[tuple], first_break: bool) -> None:
        values_in_order: list = []
        children: dict = {}
        for k in members:
            if k[level] not in children:
                values_in_order.append(k[level])
            children.setdefault(k[level], []).append(k)
        for n, value in enumerate(values_in_order):
            start = len(out)
            part = children[value]
            if level == depth - 1:
                per = summed(part)
                out.append(ResultRow("detail", level, part[0], _values(spec, years, per,
                                                                       totals), per))
            else:
                emit(level + 1, part, False)
                per = summed(part)
                prefix = part[0][:level + 1] + (None,) * (depth - level - 1)
                out.append(ResultRow("subtotal", level, prefix,
                                     _values(spec, years, per, totals), per))
            if level in breaks and (n > 0 or first_break):
                out[start].page_break_before = True

    emit(0, keys, False)
    per = summed(keys) if spec.funnel is not None else totals
    out.append(ResultRow("total", -1, (None,) * depth, _values(spec, years, per, totals), per))
    return out


def _cell(result: StatResult, element: str, code: str | None) -> str | None:
    if code is None:
        return None
    label = result.labels.get(element, {}).get(code)
    entity = els.get(element).entity
    if entity in ("period", "kind", "source", "band", "document"):
        return label or code
    return f"{code} {label}" if label else code


def to_table(result: StatResult) -> StatTable:
    """The result as the outputs read it (gamma.stats.table)."""
    spec = result.spec
    rows = []
    for row in result.rows:
        cells: dict[str, Any] = {e: _cell(result, e, c) for e, c in zip(spec.elements, row.keys)}
        if row.kind == "total":
            cells[spec.elements[0]] = "Totale generale"
        cells.update(row.values)
        keys = {e: c for e, c in zip(spec.elements, row.keys) if c is not None}
        rows.append(TableRow(row.kind, row.level, cells, row.page_break_before, keys))
    money = next((m for m in spec.measures if measures.get(m).format == "money"), None)
    if money and result.years:
        money = f"{money}_{result.years[-1]}"
    return StatTable(result.title, result.subtitle, result.columns, rows,
                     chart_category=spec.elements[0], chart_measure=money)


def rows_json(result: StatResult) -> list[dict]:
    """The detail rows: one key per element (its code) and per measure column (a string
    with the exact decimal, or None where undefined, as a % of zero)."""
    out = []
    for row in result.details():
        item: dict[str, Any] = dict(zip(result.spec.elements, row.keys))
        item.update({k: (None if v is None else str(v)) for k, v in row.values.items()})
        out.append(item)
    return out
