"""A statistic's result on screen: the table (subtotals as "Totale …" rows, ←/→ for
more measure columns), Enter shows the movements behind a row, F4 the bar chart of the
top level, F6/F7/F8 write it to Excel, PDF or CSV (the file asked, a default offered)."""

from __future__ import annotations

from typing import Any, Callable

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding

from gamma.errors import GammaError
from gamma.stats import output, stat_forms
from gamma.stats.table import StatTable, TableRow
from screens.base import GammaScreen, Plain
from screens.mask_dialog import MaskDialog
from screens.row_list import RowList
from screens.sales.prices import TextPage
from screens.stats.table_text import TableText

WRITERS = {"xlsx": ("Excel", output.write_xlsx), "pdf": ("PDF", output.write_pdf),
           "csv": ("CSV", output.write_csv)}


class StatResult(GammaScreen):
    BINDINGS = [
        Binding("f1", "app.show_keys", "Tasti"),
        Binding("enter", "drill", "Movimenti"),
        Binding("f4", "chart", "Grafico"),
        Binding("f6", "write('xlsx')", "Excel"),
        Binding("f7", "write('pdf')", "PDF"),
        Binding("f8", "write('csv')", "CSV"),
        Binding("escape", "app.pop_screen", "Esci"),
    ]

    def __init__(self, table: StatTable,
                 drill: Callable[[TableRow], list[dict[str, Any]]] | None = None,
                 function_code: str = ""):
        super().__init__()
        self.FUNCTION_CODE = function_code
        self.table = table
        self.text = TableText(table)
        self.drill = drill

    def body(self) -> ComposeResult:
        yield RowList(self.text.header(), rows=self.app.size.height - 5, id="rows")

    def on_mount(self) -> None:
        self.query_one("#title").update(self.table.title[:80])
        self.query_one(RowList).set_lines(self.text.lines())
        details = len(self.table.details())
        self.say(f"{details} righe di dettaglio — {self.table.subtitle}"[:80]
                 if self.table.rows else "Nessun movimento con questi limiti")

    async def handle_key(self, event: events.Key) -> bool:
        if event.key in ("left", "right"):
            if self.text.scroll(-1 if event.key == "left" else 1):
                rows = self.query_one(RowList)
                rows.query_one("#row-header").update(self.text.header())
                rows.set_lines(self.text.lines(), keep=True)
            return True
        return self.query_one(RowList).navigate(event.key)

    def selected(self) -> TableRow | None:
        if not self.table.rows:
            return None
        return self.table.rows[self.query_one(RowList).highlight]

    async def action_drill(self) -> None:
        row = self.selected()
        if row is None or self.drill is None:
            return
        if row.kind == "total" or not row.keys:
            self.say("Movimenti: scegliere una riga di dettaglio o un subtotale")
            return
        try:
            moves = self.drill(row)
        except GammaError as exc:
            self.say(exc.message)
            return
        await self.app.push_screen(Movements(row, moves, self.FUNCTION_CODE))

    async def action_chart(self) -> None:
        await self.app.push_screen(StatChart(self.table, self.FUNCTION_CODE))

    async def action_write(self, kind: str) -> None:
        name, writer = WRITERS[kind]
        default = stat_forms.default_path(self.ctx, self.table.title, kind)

        def check(values: dict[str, Any]) -> None:
            written = writer(self.table, stat_forms.output_path(values["path"], kind))
            self.say(f"{name} scritto in {written}"[:80])

        dialog = MaskDialog(stat_forms.OUTPUT_FILE, None, {"path": str(default)},
                            f"Statistica in {name}: file da scrivere")
        dialog.check = check
        await self.app.push_screen(dialog)


class Movements(GammaScreen):
    """The journal rows behind a row of the statistic."""

    BINDINGS = [Binding("f1", "app.show_keys", "Tasti"),
                Binding("escape", "app.pop_screen", "Esci")]

    def __init__(self, row: TableRow, moves: list[dict[str, Any]], function_code: str):
        super().__init__()
        self.FUNCTION_CODE = function_code
        self.row = row
        self.moves = moves

    def body(self) -> ComposeResult:
        header, _ = stat_forms.movement_lines(self.moves)
        yield RowList(header, rows=self.app.size.height - 5, id="rows")

    def on_mount(self) -> None:
        shown = ", ".join(f"{v}" for v in self.row.keys.values())
        self.query_one("#title").update(f"Movimenti di {shown}"[:80])
        _, lines = stat_forms.movement_lines(self.moves)
        self.query_one(RowList).set_lines(lines)
        self.say(f"{len(self.moves)} movimenti" if self.moves else "Nessun movimento")

    async def handle_key(self, event: events.Key) -> bool:
        return self.query_one(RowList).navigate(event.key)


class StatChart(GammaScreen):
    """The top level as horizontal bars (gamma.stats.output.bar_chart_lines)."""

    BINDINGS = [Binding("f1", "app.show_keys", "Tasti"),
                Binding("pagedown", "page(1)", "Pag.succ."),
                Binding("pageup", "page(-1)", "Pag.prec."),
                Binding("escape", "app.pop_screen", "Esci")]

    def __init__(self, table: StatTable, function_code: str):
        super().__init__()
        self.FUNCTION_CODE = function_code
        self.table = table

    def body(self) -> ComposeResult:
        yield Plain("", id="chart-title")
        yield TextPage(self.app.size.height - 6, id="chart")

    def on_mount(self) -> None:
        self.query_one("#title").update(self.table.title[:80])
        lines = output.bar_chart_lines(self.table, width=78)
        self.query_one("#chart-title", Plain).update(lines[0])
        page = self.query_one(TextPage)
        page.set_lines(lines[1:])
        self.say("PgGiù/PgSu scorrono il grafico" if page.more else "")

    async def handle_key(self, event: events.Key) -> bool:
        return self.query_one(TextPage).navigate(event.key)

    def action_page(self, direction: int) -> None:
        page = self.query_one(TextPage)
        page.scroll_by(direction * page.row_count)
