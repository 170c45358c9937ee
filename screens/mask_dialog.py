"""A small mask in a dialog: F10 hands the values over, Esc cancels."""

from __future__ import annotations

from typing import Any, Callable

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from gamma.errors import GammaError
from gamma.forms import Form
from screens.base import Plain
from screens.dialogs import Dialog
from screens.mask.host import MaskHost


class MaskDialog(MaskHost, Dialog):
    DEFAULT_CSS = """
    MaskDialog > Vertical { width: 76; height: auto; max-height: 20; }
    MaskDialog #mask { height: auto; }
    MaskDialog #dialog-message { height: 1; color: $warning; }
    """
    BINDINGS = [Binding("f2", "lookup", "Ricerca"), Binding("f10", "confirm", "Conferma"),
                Binding("escape", "cancel", "Annulla")]
    CHROME_LINES = 8

    def __init__(self, form: Form, on_result: Callable[[dict[str, Any]], Any],
                 texts: dict[str, str] | None = None, title: str = ""):
        super().__init__(on_result)
        self.FORM = form
        self.texts = texts
        self.title_text = title or form.title

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Plain(self.title_text, classes="title")
            yield self.make_mask()
            yield Plain("", id="dialog-message")
            yield Plain("F10 conferma   Esc annulla   F2 ricerca", classes="keys")

    def on_mount(self) -> None:
        self.start_mask(None, self.texts)

    def say(self, text: str) -> None:
        self.query_one("#dialog-message", Static).update(text)

    async def handle_key(self, event: events.Key) -> bool:
        return await self.handle_mask_key(event)

    async def action_lookup(self) -> None:
        await self.open_lookup()

    async def action_confirm(self) -> None:
        values = self.mask_values()
        if values is None:
            return
        try:
            # The receiver may refuse (a service error): the dialog stays open, with the
            # message naming the field.
            self.check(values)
        except GammaError as exc:
            self.show_error(exc)
            return
        await self.finish(values)

    def check(self, values: dict[str, Any]) -> None:
        """Validation before closing; raise GammaError to keep the dialog open."""

    async def action_cancel(self) -> None:
        self.on_result = None
        await self.finish(None)
