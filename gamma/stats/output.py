"""A statistic's table written out: Excel, PDF, CSV, and a bar chart of its top level for
the terminal. Every output reads a StatTable (gamma.stats.table) and nothing else; the
printers get it as plain data (`plain`).

CSV for Italian spreadsheets: `;` between fields, decimal comma without thousands
separator (Excel in Italian reads 1234,56 as a number, and a dot would be ambiguous),
UTF-8 with a BOM (so Excel detects the encoding), percentages as plain numbers (12,50),
a "Tipo" (dettaglio, subtotale, totale) and a "Livello" (1 = the first element of the
hierarchy, empty for the total) ahead of the table's own columns.
"""

from __future__ import annotations

import csv
import dataclasses
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from gamma.stats.table import StatTable
from printers import stats_pdf, stats_xlsx
from printers.stats_text import KIND_NAMES, cell_text, fit

LABEL_MAX = 24  # the longest label the terminal chart shows before cutting it


def chart_points(table: StatTable) -> list[tuple[str, Decimal]]:
    """The top level as (label, value): the first level's subtotals, or the details when
    there is one level (details of a deeper table without subtotals summed by label)."""
    category, measure = _chart_keys(table)
    if category is None or measure is None:
        return []
    tops = [r for r in table.rows if r.kind == "subtotal" and r.level == 0]
    if tops:
        return [(_label(r.cells.get(category)), _number(r.cells.get(measure))) for r in tops]
    sums: dict[str, Decimal] = {}
    for row in table.details():
        label = _label(row.cells.get(category))
        sums[label] = sums.get(label, Decimal(0)) + _number(row.cells.get(measure))
    return list(sums.items())


def _chart_keys(table: StatTable) -> tuple[str | None, str | None]:
    category = table.chart_category or next(
        (c.key for c in table.columns if c.kind == "element"), None)
    return category, table.chart_measure or _default_measure(table)


def _default_measure(table: StatTable) -> str | None:
    """The first measure; of a comparison (qty_2025, qty_2026, qty_diff…) its last year."""
    keys = [c.key for c in table.columns if c.kind == "measure"]
    if not keys:
        return None
    base, _, year = keys[0].rpartition("_")
    if not (base and year.isdigit()):
        return keys[0]
    return [k for k in keys if k.rpartition("_")[0] == base
            and k.rpartition("_")[2].isdigit()][-1]


def _label(value: Any) -> str:
    return "" if value is None else str(value)


def _number(value: Any) -> Decimal:
    return Decimal(0) if value is None else Decimal(value)


def chart_title(table: StatTable) -> str:
    category, measure = _chart_keys(table)
    if category is None or measure is None:
        return ""
    return f"{table.column(measure).label} per {table.column(category).label.lower()}"


def plain(table: StatTable) -> dict[str, Any]:
    """The table as the printers take it: dicts and lists, plus the chart's points."""
    data = dataclasses.asdict(table)
    for row, out in zip(table.rows, data["rows"]):
        out["cells"] = table.labelled(row)
    category, measure = _chart_keys(table)
    points = chart_points(table)
    data["chart"] = None if not points else {
        "title": chart_title(table), "category": table.column(category).label,
        "measure": table.column(measure).label, "format": table.column(measure).format,
        "points": [list(p) for p in points]}
    return data


def _target(path: str | Path) -> Path:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    return target


def write_xlsx(table: StatTable, path: str | Path) -> Path:
    target = _target(path)
    target.write_bytes(stats_xlsx.render(plain(table)))
    return target


def write_pdf(table: StatTable, path: str | Path) -> Path:
    target = _target(path)
    target.write_bytes(stats_pdf.render(plain(table)))
    return target


def csv_rows(table: StatTable) -> list[list[str]]:
    """The CSV's rows: the heading, then one per table row."""
    rows = [["Tipo", "Livello"] + [c.label for c in table.columns]]
    for row in table.rows:
        cells = [_csv_cell(c.format, row.cells.get(c.key)) for c in table.columns]
        level = "" if row.kind == "total" else str(row.level + 1)
        rows.append([KIND_NAMES[row.kind], level] + cells)
    return rows


def _csv_cell(fmt: str, value: Any) -> str:
    if value is None or fmt == "text" or not isinstance(value, (Decimal, int)):
        return "" if value is None else str(value)
    places = 3 if fmt == "qty" else 2
    text = format(Decimal(value).quantize(Decimal(1).scaleb(-places)), "f")
    if fmt == "qty" and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def write_csv(table: StatTable, path: str | Path) -> Path:
    target = _target(path)
    with target.open("w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(csv_rows(table))
    return target


def bar_chart_lines(table: StatTable, width: int = 78) -> list[str]:
    """The top level as horizontal bars within `width` columns: label, bar, value, and
    the sum at the foot (not for percentages). Negative values grow left of an axis (│),
    positive ones right of it; labels longer than 24 characters are cut with "…"."""
    points = chart_points(table)
    if not points:
        return ["Nessun dato da rappresentare"]
    fmt = table.column(_chart_keys(table)[1]).format
    labels = [fit(label, LABEL_MAX) for label, _ in points]
    values = [cell_text(fmt, value) for _, value in points]
    foot = None if fmt == "pct" else cell_text(fmt, sum((v for _, v in points), Decimal(0)))
    label_w = max(len(t) for t in labels + (["Totale"] if foot else []))
    value_w = max(len(t) for t in values + ([foot] if foot else []))
    room = max(width - label_w - value_w - 2, 4)  # label, space, bars, space, value
    low = -min(Decimal(0), *(v for _, v in points))
    high = max(Decimal(0), *(v for _, v in points))
    # Each side at least one cell when it has values, the axis one more.
    left = min(max(1, _cells(room * low / (low + high))), room - 2) if low else 0
    right = room - left - (1 if low else 0)
    lines = [fit(chart_title(table), width)]
    for label, text, (_, value) in zip(labels, values, points):
        bar = _bar(value, low, high, left, right)
        lines.append(f"{label:<{label_w}} {bar} {text:>{value_w}}")
    if foot:
        lines.append(f"{'Totale':<{label_w}} {'':{room}} {foot:>{value_w}}")
    return lines


def _cells(length: Decimal) -> int:
    return int(length.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _bar(value: Decimal, low: Decimal, high: Decimal, left: int, right: int) -> str:
    """One bar: `left` cells for the negatives, the axis when there are any, `right` cells
    for the positives; a value not zero gets at least one cell."""
    if value < 0:
        cells = max(1, _cells(left * -value / low))
        return " " * (left - cells) + "█" * cells + "│" + " " * right
    cells = _cells(right * value / high) if high else 0
    if value > 0:
        cells = max(cells, 1)
    positive = "█" * cells + " " * (right - cells)
    return (" " * left + "│" + positive) if low else positive
