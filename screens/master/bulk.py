"""141 bulk changes: the selection and the change (presets with F5/F6), then F10 shows
every change (code, field, before → after) and asks S/N before applying it all in one
transaction."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical

from gamma import functions
from gamma.errors import GammaError
from gamma.master import bulk
from gamma.master.bulk_form import BULK, request
from screens.base import Plain
from screens.dialogs import YES_KEYS, NO_KEYS, Dialog
from screens.parameter_screen import ParameterScreen
from screens.registry import opens
from screens.row_list import RowList


def _shown(value: Any) -> str:
    from decimal import Decimal
    from gamma.numbers import format_decimal
    if value is None:
        return ""
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        places = max(2, len(text.split(".")[1])) if "." in text else 2
        return format_decimal(value, places)
    return str(value)


@opens(functions.BULK_CHANGE)
class BulkChanges(ParameterScreen):
    FORM = BULK
    COMMAND = "bulk"  # the screen's own presets (the CLI's are "bulk articles"/"parties")

    async def run(self, values: dict[str, Any]) -> None:
        archive, selection, changes = request(values)
        preview = bulk.preview_articles if archive == "A" else bulk.preview_parties
        lines = preview(self.ctx, selection, changes)
        if not lines:
            self.say("Nessuna variazione: la selezione non cambia nulla")
            return

        async def answered(yes: bool) -> None:
            if not yes:
                self.say("Variazioni annullate: nulla è stato scritto")
                return
            apply = bulk.apply_articles if archive == "A" else bulk.apply_parties
            try:
                done = apply(self.ctx, selection, changes)
            except GammaError as exc:
                self.show_error(exc)
                return
            self.say(f"Eseguite {len(done)} variazioni su "
                     f"{len({c.code for c in done})} record")

        await self.app.push_screen(BulkPreview(lines, answered))


class BulkPreview(Dialog):
    """The changes, one a line; arrows and page keys scroll; S applies, N/Esc cancels."""

    DEFAULT_CSS = "BulkPreview > Vertical { width: 78; height: 20; }"

    def __init__(self, lines: list[bulk.Change], on_result):
        super().__init__(on_result)
        self.lines = lines

    def compose(self) -> ComposeResult:
        records = len({c.code for c in self.lines})
        with Vertical():
            yield Plain(f"Anteprima: {len(self.lines)} variazioni su {records} record",
                        classes="title")
            yield RowList(f"{'Codice':<21}{'Campo':<15}{'Prima':<19}Dopo", rows=14,
                          id="changes")
            yield Plain("Eseguire le variazioni? S = sì   N = no", classes="keys")

    def on_mount(self) -> None:
        self.query_one(RowList).set_lines(
            [f"{c.code[:20]:<21}{c.field[:14]:<15}{_shown(c.old)[:18]:<19}"
             f"{_shown(c.new)[:18]}" for c in self.lines])

    async def handle_key(self, event: events.Key) -> bool:
        if self.query_one(RowList).navigate(event.key):
            return True
        if event.key in YES_KEYS or event.character in YES_KEYS:
            await self.finish(True)
        elif event.key in NO_KEYS or event.character in NO_KEYS:
            await self.finish(False)
        return True
