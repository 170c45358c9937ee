"""Login: operator and password."""

from __future__ import annotations

import asyncio

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Static

from gamma.access import auth
from gamma.errors import GammaError
from screens.base import KeyedScreen, LeanFocus, LineInput, Plain


class LoginScreen(LeanFocus, KeyedScreen, Screen):
    CSS_PATH = "login.tcss"
    BINDINGS = [Binding("escape", "app.quit", "Esci", id="quit")]

    def compose(self) -> ComposeResult:
        with Vertical(id="login-box"):
            yield Plain("GAMMA — accesso", id="login-title")
            yield Label("Operatore")
            yield LineInput(id="login", max_length=20)
            yield Label("Password")
            yield LineInput(id="password", password=True, max_length=128)
            yield Plain("", id="login-error")
        yield Footer()

    def on_mount(self) -> None:
        self.focus_now(self.query_one("#login", Input))

    async def handle_key(self, event: events.Key) -> bool:
        login = self.query_one("#login", Input)
        password = self.query_one("#password", Input)
        if event.key in ("enter", "tab", "down") and self.focused is login:
            self.focus_now(password)
            return True
        if event.key in ("shift+tab", "up"):
            self.focus_now(login)
            return True
        if event.key == "enter":
            await self.submit(login.value, password.value)
            return True
        return False

    async def submit(self, login_name: str, password_text: str) -> None:
        # The password check is slow on purpose (scrypt): done off the event loop so the
        # screen stays alive; keys typed meanwhile wait in order for the next screen.
        try:
            operator = await asyncio.to_thread(auth.login, self.app.base_context(),
                                               login_name, password_text)
        except GammaError as exc:
            self.query_one("#login-error", Static).update(exc.message)
            self.query_one("#password", Input).value = ""
            return
        await self.app.logged_in(operator)
