"""The main menu: areas and functions by code; typing a code or mnemonic opens it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from gamma import menu
from gamma.errors import GammaError


class MainMenuScreen(Screen):
    CSS_PATH = "main_menu.tcss"
    BINDINGS = [Binding("escape", "app.quit", "Esci", id="quit")]

    def compose(self) -> ComposeResult:
        ctx = self.app.ctx
        yield Static(self._status(), id="status")
        with VerticalScroll(id="menu"):
            for area in menu.menu(ctx):
                yield Static(f"{area.code}  {area.title}", classes="area")
                for entry in area.entries:
                    yield Static(f"  {entry.code:<5}{entry.mnemonic:<9}{entry.title}",
                                 classes="entry")
        yield Static("", id="message")
        yield Input(placeholder="Codice o sigla della funzione", id="code", max_length=20)
        yield Footer()

    def _status(self, function: str = "") -> str:
        ctx = self.app.ctx
        company = ctx.company
        return (f"Ditta {company.code} {company.name[:30]} │ {ctx.operator.display} │ "
                f"{ctx.today():%d/%m/%Y}" + (f" │ {function}" if function else ""))

    def on_mount(self) -> None:
        self.query_one("#code", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        message = self.query_one("#message", Static)
        typed = event.value.strip()
        event.input.value = ""
        if not typed:
            return
        try:
            function = menu.open_function(self.app.ctx, typed)
        except GammaError as exc:
            message.update(exc.message)
            return
        self.query_one("#status", Static).update(self._status(function.code))
        message.update(f"{function.code} «{function.title}»: disponibile dalla riga di comando")
