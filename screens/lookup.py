"""F2 lookup: a list that fills as the operator types (code prefix or description
substring), moved with the arrows, Enter returns the choice to the field; F3 changes view,
F5 saves the current view."""

from __future__ import annotations

from typing import Any, Callable

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Input, Static

from gamma import lookups
from gamma.errors import GammaError
from screens.base import LineInput, Plain
from screens import keys
from screens.dialogs import Dialog
from screens.row_list import RowList


def format_row(row: dict[str, Any], columns: list[lookups.Column]) -> str:
    return " ".join(str(row.get(c.name, ""))[:c.width].ljust(c.width) for c in columns)


class LookupScreen(Dialog):
    DEFAULT_CSS = """
    LookupScreen { align: center top; }
    LookupScreen > Vertical { width: 100%; height: 100%; border: none; padding: 0; }
    LookupScreen #lookup-title { height: 1; text-style: bold; }
    LookupScreen #lookup-filter { border: none; height: 1; padding: 0; }
    LookupScreen #lookup-message { height: 1; color: $warning; }
    """
    BINDINGS = [
        Binding("enter", "choose", "Scegli"),
        Binding("escape", "cancel", "Annulla"),
        Binding("f3", "next_view", "Vista"),
        Binding("f5", "save_view", "Memorizza vista"),
    ]

    def __init__(self, source: str, typed: str = "",
                 on_result: Callable[[str | None], Any] | None = None):
        super().__init__(on_result)
        self.source = lookups.get(source)
        self.typed = typed
        self.rows: list[dict[str, Any]] = []
        self.view_index = 0
        self.views: list[lookups.View] = []

    def _columns(self) -> list[lookups.Column]:
        view = self.views[self.view_index]
        return [self.source.column(name) for name in view.columns]

    def compose(self) -> ComposeResult:
        height = self.app.size.height
        with Vertical():
            yield Plain("", id="lookup-title")
            yield LineInput(self.typed, id="lookup-filter", placeholder="Codice o parte della "
                        "descrizione")
            yield RowList("", rows=height - 5, id="lookup-rows")
            yield Plain("", id="lookup-message")
        yield Footer()

    def on_mount(self) -> None:
        self.views = lookups.views(self.app.ctx, self.source.name)
        self.focus_now(self.query_one("#lookup-filter", Input))
        self._show_view()

    def _show_view(self) -> None:
        view = self.views[self.view_index]
        name = f" — vista {view.name}" if view.name else ""
        self.query_one("#lookup-title", Static).update(f"Ricerca {self.source.title}{name}")
        rows = self.query_one(RowList)
        rows.header = format_row({c.name: c.label for c in self._columns()}, self._columns())
        rows.query_one("#row-header", Static).update(rows.header)
        self.refresh_rows()

    def refresh_rows(self) -> None:
        typed = self.query_one("#lookup-filter", Input).value
        try:
            self.rows = lookups.search(self.app.ctx, self.source.name, typed,
                                       self.views[self.view_index])
        except GammaError as exc:
            self.query_one("#lookup-message", Static).update(exc.message)
            self.rows = []
        columns = self._columns()
        self.query_one(RowList).set_lines([format_row(r, columns) for r in self.rows])
        self.query_one("#lookup-message", Static).update(
            "" if self.rows else "Nessun elemento corrisponde")

    async def handle_key(self, event: events.Key) -> bool:
        if self.query_one(RowList).navigate(event.key) or event.key in ("tab", "shift+tab"):
            return True
        return keys.filter_key(self.query_one("#lookup-filter", Input), event,
                               self.refresh_rows)

    async def action_choose(self) -> None:
        rows = self.query_one(RowList)
        if not self.rows:
            return
        await self.finish(str(self.rows[rows.highlight][self.source.key]))

    async def action_cancel(self) -> None:
        await self.finish(None)

    def action_next_view(self) -> None:
        self.views = lookups.views(self.app.ctx, self.source.name)
        self.view_index = (self.view_index + 1) % len(self.views)
        self._show_view()

    async def action_save_view(self) -> None:
        from screens.view_editor import ViewEditor
        await self.app.push_screen(ViewEditor(self.source, self.views[self.view_index],
                                              on_result=self._view_saved))

    def _view_saved(self, view: lookups.View | None) -> None:
        if view is None:
            return
        self.views = lookups.views(self.app.ctx, self.source.name)
        self.view_index = next((i for i, v in enumerate(self.views) if v.name == view.name), 0)
        self._show_view()
