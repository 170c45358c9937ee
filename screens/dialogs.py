"""Small dialogs: yes/no questions, the keys of a screen, a choice from a short list."""

from __future__ import annotations

from typing import Any, Callable

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical


from screens.base import GammaModal, Plain

YES_KEYS = ("s", "S", "y", "Y")
NO_KEYS = ("n", "N", "escape")


class Dialog(GammaModal):
    """A modal whose answer is handed over before it closes, in the same key's turn."""

    DEFAULT_CSS = """
    Dialog { align: center middle; }
    Dialog > Vertical {
        width: 76; height: auto; border: round $warning; padding: 0 1;
        background: $panel;
    }
    """

    def __init__(self, on_result: Callable[[Any], Any] | None = None):
        super().__init__()
        self.on_result = on_result

    async def finish(self, result: Any) -> None:
        await self.app.pop_screen()
        if self.on_result is not None:
            outcome = self.on_result(result)
            if hasattr(outcome, "__await__"):
                await outcome


class Confirm(Dialog):
    """A question answered S or N; Esc means N."""

    def __init__(self, question: str, on_result: Callable[[bool], Any]):
        super().__init__(on_result)
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Plain(self.question)
            yield Plain("S = sì   N = no", classes="keys")

    async def handle_key(self, event: events.Key) -> bool:
        if event.key in YES_KEYS or event.character in YES_KEYS:
            await self.finish(True)
        elif event.key in NO_KEYS or event.character in NO_KEYS:
            await self.finish(False)
        return True  # nothing else may slip to the screen beneath


class KeysHelp(Dialog):
    """F1: the keys of the current screen."""

    def __init__(self, lines: list[tuple[str, str]]):
        super().__init__()
        self.key_lines = lines

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Plain("Tasti di questa videata", classes="title")
            for key, text in self.key_lines:
                yield Plain(f"{key:<12}{text}")
            yield Plain("Un tasto qualsiasi per tornare")

    async def handle_key(self, event: events.Key) -> bool:
        await self.finish(None)
        return True
