"""The Gamma terminal application: login, company choice, main menu."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal

from textual.app import App
from textual.binding import Binding

from gamma import sessions
from gamma.access import auth
from gamma.errors import GammaError
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

    def __init__(self, settings: Settings, clock: Clock | None = None, origin: str = "tui",
                 remote: str = "", operator_login: str | None = None,
                 low_bandwidth: bool | None = None):
        super().__init__()
        self.settings = settings
        self.clock = clock or Clock()
        self.origin = origin
        self.remote = remote
        # Set when the caller (the SSH server) has already authenticated the operator.
        self.operator_login = operator_login
        if low_bandwidth is None:
            mode = settings.terminal.low_bandwidth
            low_bandwidth = mode == "on" or (mode == "ssh" and origin == "ssh")
        self.low_bandwidth = low_bandwidth
        self.ctx: Context | None = None

    def on_mount(self) -> None:
        self.theme = "ansi-dark"  # 16 colours: the cheapest over a poor line
        with contextlib.suppress(NotImplementedError, RuntimeError):
            asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, self.hang_up)
        if self.operator_login:
            try:
                operator = auth.admit(self.base_context(), self.operator_login, self.origin)
            except GammaError as exc:
                self.exit(return_code=1, message=exc.message)
                return
            self.logged_in(operator, push=True)
            return
        self.push_screen(LoginScreen())

    def base_context(self) -> Context:
        return Context(self.settings, operator=None, clock=self.clock)

    def logged_in(self, operator: Operator, push: bool = False) -> None:
        ctx = Context(self.settings, operator=operator, clock=self.clock)
        self.ctx = sessions.start(ctx, self.origin, self.remote)
        (self.push_screen if push else self.switch_screen)(CompanySelectScreen())

    def company_chosen(self, company: Company) -> None:
        self.ctx = self.ctx.with_company(company)
        sessions.touch(self.ctx)
        self.switch_screen(MainMenuScreen())

    def hang_up(self) -> None:
        """The line dropped (SIGHUP from the SSH server or the terminal): keep the draft of
        the mask in hand, release the locks, end the session, leave without painting."""
        self.save_drafts()
        self.end_session()
        # Nobody is left to see the screen: skip restoring the terminal, which would block
        # or fail on a dead line.
        os._exit(0)

    def save_drafts(self) -> None:
        for screen in self.screen_stack:
            keep = getattr(screen, "keep_draft", None)
            if keep is not None:
                with contextlib.suppress(Exception):
                    keep()

    def end_session(self) -> None:
        if self.ctx is not None:
            ctx, self.ctx = self.ctx, None
            sessions.end(ctx)

    def on_unmount(self) -> None:
        self.end_session()
