"""The Gamma terminal application: login, company choice, main menu."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding

from gamma import sessions
from gamma.context import Clock, Context
from gamma.settings import Settings
from models import Company, Operator
from screens.company_select import CompanySelectScreen
from screens.login import LoginScreen
from screens.main_menu import MainMenuScreen


class GammaApp(App):
    """Holds the operator's context once logged in; ends the session on exit."""

    TITLE = "Gamma"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [Binding("ctrl+q", "quit", "Esci", id="quit", show=False)]

    def __init__(self, settings: Settings, clock: Clock | None = None, origin: str = "tui"):
        super().__init__()
        self.settings = settings
        self.clock = clock or Clock()
        self.origin = origin
        self.ctx: Context | None = None

    def on_mount(self) -> None:
        self.theme = "ansi-dark"  # 16 colours: the cheapest over a poor line
        self.push_screen(LoginScreen())

    def base_context(self) -> Context:
        return Context(self.settings, operator=None, clock=self.clock)

    def logged_in(self, operator: Operator) -> None:
        ctx = Context(self.settings, operator=operator, clock=self.clock)
        self.ctx = sessions.start(ctx, self.origin)
        self.switch_screen(CompanySelectScreen())

    def company_chosen(self, company: Company) -> None:
        self.ctx = self.ctx.with_company(company)
        sessions.touch(self.ctx)
        self.switch_screen(MainMenuScreen())

    def on_unmount(self) -> None:
        if self.ctx is not None:
            sessions.end(self.ctx)
