"""A StatTable laid out in 79 columns for the result screen: the elements on the left
(an upper element's value not repeated while it stays the same, as a printed report
does), as many measure columns as fit on the right, from a first one that ←/→ move."""

from __future__ import annotations

from gamma.stats.table import Column, StatTable, TableRow
from printers.stats_text import cell_text, fit

WIDTH = 79
LABEL_MAX = 40  # the elements' share of the line at most
MEASURE_MIN, MEASURE_MAX = 9, 15


def _element_widths(elements: list[Column]) -> list[int]:
    widths = [max(min(c.width, 24), 4) for c in elements]
    while sum(widths) + len(widths) - 1 > LABEL_MAX and max(widths) > 4:
        widest = widths.index(max(widths))
        widths[widest] -= 1
    return widths


def _measure_width(column: Column) -> int:
    return max(MEASURE_MIN, min(max(column.width, len(column.label)), MEASURE_MAX))


class TableText:
    def __init__(self, table: StatTable):
        self.table = table
        self.elements = [c for c in table.columns if c.kind == "element"]
        self.measures = [c for c in table.columns if c.kind == "measure"]
        self.widths = _element_widths(self.elements)
        self.label_w = sum(self.widths) + max(len(self.widths) - 1, 0)
        self.first = 0  # the first measure shown

    def shown_measures(self) -> list[Column]:
        room, shown = WIDTH - self.label_w, []
        for column in self.measures[self.first:]:
            width = _measure_width(column) + 1
            if width > room and shown:
                break
            shown.append(column)
            room -= width
        return shown

    def scroll(self, delta: int) -> bool:
        """Move the first measure shown; False when there is nothing more that way."""
        first = self.first + delta
        if first < 0 or first >= len(self.measures) or (
                delta > 0 and self.first + len(self.shown_measures()) >= len(self.measures)):
            return False
        self.first = first
        return True

    @property
    def more(self) -> str:
        """"←", "→", "←→" or "": where further measure columns are."""
        left = "←" if self.first else ""
        right = "→" if self.first + len(self.shown_measures()) < len(self.measures) else ""
        return left + right

    def header(self) -> str:
        label = " ".join(fit(c.label, w).ljust(w) for c, w in zip(self.elements, self.widths))
        return (label + self._measures({c.key: c.label for c in self.measures},
                                        as_text=True))[:WIDTH]

    def lines(self) -> list[str]:
        out, previous = [], None
        for row in self.table.rows:
            out.append((self._label(row, previous) + self._measures(row.cells))[:WIDTH])
            previous = row
        return out

    def _label(self, row: TableRow, previous: TableRow | None) -> str:
        if row.kind == "total":  # the engine names it in the first element's cell
            return fit(self._value(row, 0) or "Totale generale", self.label_w).ljust(
                self.label_w)
        if row.kind == "subtotal":
            text = "Totale " + self._value(row, row.level)
            return fit(text, self.label_w).ljust(self.label_w)
        parts, same = [], previous is not None and previous.kind != "total"
        for index, (column, width) in enumerate(zip(self.elements, self.widths)):
            value = self._value(row, index)
            same = same and previous.cells.get(column.key) == row.cells.get(column.key)
            last = index == len(self.elements) - 1
            parts.append(" " * width if same and not last else fit(value, width).ljust(width))
        return " ".join(parts)

    def _value(self, row: TableRow, index: int) -> str:
        if index >= len(self.elements):
            return ""
        value = row.cells.get(self.elements[index].key)
        return "" if value is None else str(value)

    def _measures(self, cells: dict, as_text: bool = False) -> str:
        texts = []
        for column in self.shown_measures():
            value = cells.get(column.key)
            text = str(value or "") if as_text else cell_text(column.format, value)
            width = _measure_width(column)
            texts.append(" " + fit(text, width).rjust(width))
        return "".join(texts)
