"""ListScreen: the records of one kind, filtered as the operator types, opened with Enter,
created with Ins. Rows come from a lookup source (gamma.lookups), so the list and the F2
lookup of the same records agree, views included."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input

from gamma import lookups
from gamma.errors import GammaError
from screens import keys
from screens.base import GammaScreen, LineInput
from screens.lookup import format_row
from screens.row_list import RowList


class ListScreen(GammaScreen):
    SOURCE = ""
    EDITOR: Any = None  # a MaskScreen class, opened with record_key=<key column>

    BINDINGS = [
        Binding("f1", "app.show_keys", "Tasti"),
        Binding("enter", "open", "Apri"),
        Binding("insert", "new", "Nuovo"),
        Binding("f3", "next_view", "Vista"),
        Binding("f9", "app.favourites", "Preferiti"),
        Binding("escape", "app.pop_screen", "Esci"),
    ]

    def __init__(self, **_ignored):
        super().__init__()
        self.rows: list[dict[str, Any]] = []
        self.view_index = 0

    def body(self) -> ComposeResult:
        yield LineInput(id="filter", placeholder="Cerca: codice o parte della descrizione")
        yield RowList("", rows=self.app.size.height - 6, id="rows")

    def on_mount(self) -> None:
        source = lookups.get(self.SOURCE)
        self.query_one("#title").update(self.TITLE_TEXT or source.title)
        field = self.query_one("#filter", Input)
        self.focus_now(field)
        self.refresh_rows()

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.refresh_rows(keep=True)

    def view(self) -> lookups.View:
        views = lookups.views(self.ctx, self.SOURCE)
        return views[self.view_index % len(views)]

    def refresh_rows(self, keep: bool = False) -> None:
        source = lookups.get(self.SOURCE)
        view = self.view()
        columns = [source.column(c) for c in view.columns]
        try:
            self.rows = lookups.search(self.ctx, self.SOURCE,
                                       self.query_one("#filter", Input).value, view)
        except GammaError as exc:
            self.say(exc.message)
            self.rows = []
        rows = self.query_one(RowList)
        header = format_row({c.name: c.label for c in columns}, columns)
        rows.query_one("#row-header").update(header)
        rows.set_lines([format_row(r, columns) for r in self.rows], keep=keep)

    def selected(self) -> dict[str, Any] | None:
        if not self.rows:
            return None
        return self.rows[self.query_one(RowList).highlight]

    def favourite_params(self) -> dict[str, Any]:
        row = self.selected()
        return {"record_key": str(row[lookups.get(self.SOURCE).key])} if row else {}

    async def handle_key(self, event: events.Key) -> bool:
        if self.query_one(RowList).navigate(event.key):
            return True
        return keys.filter_key(self.query_one("#filter", Input), event, self.refresh_rows)

    async def action_open(self) -> None:
        row = self.selected()
        if row is None or self.EDITOR is None:
            return
        await self.app.open_screen(self.EDITOR(record_key=str(row[lookups.get(
            self.SOURCE).key])))

    async def action_new(self) -> None:
        if self.EDITOR is not None:
            await self.app.open_screen(self.EDITOR())

    def action_next_view(self) -> None:
        self.view_index += 1
        view = self.view()
        self.say(f"Vista: {view.name or 'standard'}")
        self.refresh_rows()
