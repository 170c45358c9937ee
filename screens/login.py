"""Login: operator and password."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Static

from gamma.access import auth
from gamma.errors import GammaError


class LoginScreen(Screen):
    CSS_PATH = "login.tcss"
    BINDINGS = [Binding("escape", "app.quit", "Esci", id="quit")]

    def compose(self) -> ComposeResult:
        with Vertical(id="login-box"):
            yield Static("GAMMA — accesso", id="login-title")
            yield Label("Operatore")
            yield Input(id="login", max_length=20)
            yield Label("Password")
            yield Input(id="password", password=True, max_length=128)
            yield Static("", id="login-error")
        yield Footer()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "login":
            self.query_one("#password", Input).focus()
            return
        login = self.query_one("#login", Input).value
        password = self.query_one("#password", Input).value
        try:
            operator = auth.login(self.app.base_context(), login, password)
        except GammaError as exc:
            self.query_one("#login-error", Static).update(exc.message)
            self.query_one("#password", Input).value = ""
            return
        self.app.logged_in(operator)
