"""Small dialogs of the document screens: a choice from a short list, a page of text,
the article lookup that also finds the customer's own codes."""

from __future__ import annotations

import textwrap
from typing import Any, Callable

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical

from gamma import lookups
from screens.base import Plain
from screens.dialogs import Dialog
from screens.lookup import LookupScreen
from screens.row_list import RowList


class ChoiceDialog(Dialog):
    """A short list: arrows or the number, Enter chooses, Esc cancels (None)."""

    DEFAULT_CSS = """
    ChoiceDialog > Vertical { width: 60; height: auto; }
    """
    BINDINGS = [Binding("enter", "choose", "Scegli"), Binding("escape", "cancel", "Annulla")]

    def __init__(self, question: str, choices: list[tuple[str, str]],
                 on_result: Callable[[str | None], Any]):
        super().__init__(on_result)
        self.question = question
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Plain(self.question)
            yield RowList("", rows=len(self.choices), id="choices")
            yield Plain("Frecce o numero, Invio sceglie, Esc annulla")

    def on_mount(self) -> None:
        self.query_one(RowList).set_lines([f"{n}. {label}" for n, (_, label) in
                                           enumerate(self.choices, start=1)])

    async def handle_key(self, event: events.Key) -> bool:
        rows = self.query_one(RowList)
        if rows.navigate(event.key):
            return True
        if event.character and event.character.isdigit():
            number = int(event.character)
            if 1 <= number <= len(self.choices):
                await self.finish(self.choices[number - 1][0])
            return True
        return False

    async def action_choose(self) -> None:
        await self.finish(self.choices[self.query_one(RowList).highlight][0])

    async def action_cancel(self) -> None:
        await self.finish(None)


class TextDialog(Dialog):
    """Lines of text (warnings, prices, stock); any key closes."""

    DEFAULT_CSS = """
    TextDialog > Vertical { width: 78; height: auto; max-height: 22; }
    """

    def __init__(self, title: str, lines: list[str],
                 on_result: Callable[[Any], Any] | None = None):
        super().__init__(on_result)
        self.title_text = title
        # Long warnings wrap inside the 74 columns of the box, never cut.
        self.lines = [part for line in lines
                      for part in (textwrap.wrap(line, 74, subsequent_indent="  ") or [""])]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Plain(self.title_text, classes="title")
            for line in self.lines[:18]:
                yield Plain(line[:74])
            if len(self.lines) > 18:
                yield Plain(f"… altre {len(self.lines) - 18} righe")
            yield Plain("Un tasto qualsiasi per tornare")

    async def handle_key(self, event: events.Key) -> bool:
        await self.finish(None)
        return True


class PartyArticleLookup(LookupScreen):
    """The article lookup with the customer's own codes found too (filter party)."""

    def __init__(self, party: str, typed: str = "",
                 on_result: Callable[[str | None], Any] | None = None):
        super().__init__("article", typed, on_result)
        self.party = party

    def _with_party(self, views: list[lookups.View]) -> list[lookups.View]:
        return [lookups.View(v.name, v.columns, {**v.filters, "party": self.party})
                for v in views]

    def refresh_rows(self) -> None:
        if self.party:
            self.views = self._with_party(self.views)
        super().refresh_rows()
