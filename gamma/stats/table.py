"""A statistic's result as a table to show or print: the contract between the engine
(gamma.stats.engine, which builds it) and the outputs (screen, PDF, CSV, Excel, terminal
chart), which only read it. Values are plain: str for elements, Decimal for measures."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

ColumnKind = Literal["element", "measure"]
# money: euro, 2 places; qty: up to 3 places; pct: a percentage, 2 places; text
ColumnFormat = Literal["money", "qty", "pct", "text"]
RowKind = Literal["detail", "subtotal", "total"]


@dataclass(frozen=True)
class Column:
    key: str  # "customer", "revenue", "revenue_2025", "revenue_diff_pct", ...
    label: str  # Italian header: "Cliente", "Ricavo 2025", "Diff. %"
    kind: ColumnKind
    format: ColumnFormat
    width: int = 12  # characters, for the text outputs


@dataclass(frozen=True)
class TableRow:
    kind: RowKind
    level: int  # 0 = the first element of the hierarchy; the total row is -1
    cells: dict[str, str | Decimal | None]  # by Column.key; a subtotal leaves deeper elements None
    page_break_before: bool = False  # the level asked for a page break on each new value
    keys: dict[str, str] = field(default_factory=dict)  # element codes, for the drill-down


@dataclass
class StatTable:
    title: str  # "Statistica vendite per agente, cliente, mese"
    subtitle: str  # period, filters, cost valuation, in words
    columns: list[Column]
    rows: list[TableRow]
    # The chart: categories from this element column (top level), values from this measure.
    chart_category: str | None = None
    chart_measure: str | None = None

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    def details(self) -> list[TableRow]:
        return [r for r in self.rows if r.kind == "detail"]

    def labelled(self, row: TableRow) -> dict[str, str | Decimal | None]:
        """The row's cells as printed: a subtotal reads "Totale <item>" where its level's
        item stands (elements come first, in hierarchy order)."""
        if row.kind != "subtotal":
            return row.cells
        key = self.columns[row.level].key
        item = row.cells.get(key)
        return {**row.cells, key: f"Totale {'' if item is None else item}".rstrip()}
