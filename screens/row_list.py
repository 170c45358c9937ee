"""A list of one-line rows with a highlighted row, for lookups and record lists.

Rows are plain Statics and the list pages instead of scrolling: moving the highlight
repaints two lines, never a scrollbar (poor lines pay for every cell).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static


class RowList(Vertical):
    DEFAULT_CSS = """
    RowList { height: 1fr; }
    RowList > .row { height: 1; }
    RowList > .row.-highlight { background: $accent; color: $text; }
    RowList > #row-header { text-style: bold; height: 1; }
    """

    def __init__(self, header: str, rows: int, **kw):
        super().__init__(**kw)
        self.header = header
        self.row_count = max(rows, 1)
        self.texts: list[str] = []
        self.highlight = 0
        self.top = 0
        self._shown: list[str] = [""] * self.row_count

    def compose(self) -> ComposeResult:
        yield Static(self.header, id="row-header", markup=False)
        for number in range(self.row_count):
            yield Static("", classes="row", id=f"row-{number}", markup=False)

    def _row(self, number: int) -> Static:
        return self.query_one(f"#row-{number}", Static)

    def set_lines(self, lines: list[str], keep: bool = False) -> None:
        self.texts = lines
        if not keep or self.highlight >= len(lines):
            self.highlight, self.top = 0, 0
        self._paint()

    def move(self, delta: int) -> None:
        if not self.texts:
            return
        self.highlight = max(0, min(self.highlight + delta, len(self.texts) - 1))
        if self.highlight < self.top:
            self.top = self.highlight
        elif self.highlight >= self.top + self.row_count:
            self.top = self.highlight - self.row_count + 1
        self._paint()

    def page(self, direction: int) -> None:
        self.move(direction * self.row_count)

    def navigate(self, key: str) -> bool:
        """Arrows and page keys move the highlight; True when the key was one of them."""
        step = {"up": -1, "down": 1, "pageup": -self.row_count,
                "pagedown": self.row_count}.get(key)
        if step is None:
            return False
        self.move(step)
        return True

    def _paint(self) -> None:
        for number in range(self.row_count):
            index = self.top + number
            text = self.texts[index] if index < len(self.texts) else ""
            row = self._row(number)
            if text != self._shown[number]:
                row.update(text)
                self._shown[number] = text
            row.set_class(index == self.highlight and index < len(self.texts), "-highlight")
