"""The Gamma terminal application: login, company choice, main menu, function screens."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal

from textual import events
from textual.app import App
from textual.binding import Binding

from gamma import drafts, menu, sessions
from gamma.access import auth, permissions
from gamma.context import Clock, Context
from gamma.errors import GammaError, RecordLocked
from gamma.settings import Settings
from models import Company, Operator
from screens import bandwidth
from screens.company_select import CompanySelectScreen
from screens.dialogs import Confirm, KeysHelp
from screens.login import LoginScreen
from screens.main_menu import MainMenuScreen
from screens.mask.host import MaskHost
from screens.registry import screen_for


class GammaApp(App):
    """Holds the operator's context once logged in; ends the session on exit."""

    TITLE = "Gamma"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [Binding("ctrl+q", "quit", "Esci", id="quit", show=False)]

    def __init__(self, settings: Settings, clock: Clock | None = None, origin: str = "tui",
                 remote: str = "", operator_login: str | None = None,
                 low_bandwidth: bool | None = None):
        if low_bandwidth is None:
            mode = settings.terminal.low_bandwidth
            low_bandwidth = mode == "on" or (mode == "ssh" and origin == "ssh")
        super().__init__(driver_class=bandwidth.driver_class(low_bandwidth))
        self.settings = settings
        self.clock = clock or Clock()
        self.origin = origin
        self.remote = remote
        # Set when the caller (the SSH server) has already authenticated the operator.
        self.operator_login = operator_login
        self.low_bandwidth = low_bandwidth
        bandwidth.configure(self, low_bandwidth)
        self.ctx: Context | None = None

    async def on_mount(self) -> None:
        self.theme = "ansi-dark"  # 16 colours: the cheapest over a poor line
        with contextlib.suppress(NotImplementedError, RuntimeError):
            asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, self.hang_up)
        if self.operator_login:
            try:
                operator = auth.admit(self.base_context(), self.operator_login, self.origin)
            except GammaError as exc:
                self.exit(return_code=1, message=exc.message)
                return
            await self.logged_in(operator)
            return
        await self.push_screen(LoginScreen())

    def run(self, **kw):
        return super().run(**{**bandwidth.run_options(self.low_bandwidth), **kw})

    # -- keys: one at a time, in order (screens/keys.py) ------------------------------
    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            handler = getattr(self.screen, "terminal_key", None)
            if handler is not None and await handler(event):
                return
        await super().on_event(event)

    # -- the way in -------------------------------------------------------------------
    def base_context(self) -> Context:
        return Context(self.settings, operator=None, clock=self.clock)

    async def logged_in(self, operator: Operator) -> None:
        ctx = Context(self.settings, operator=operator, clock=self.clock)
        self.ctx = sessions.start(ctx, self.origin, self.remote)
        granted = permissions.allowed_companies(operator)
        if len(granted) == 1:
            await self.company_chosen(granted[0])
        else:
            await self._replace(CompanySelectScreen(granted))

    async def company_chosen(self, company: Company) -> None:
        self.ctx = self.ctx.with_company(company)
        sessions.touch(self.ctx)
        await self._replace(MainMenuScreen())
        pending = drafts.pending(self.ctx)
        if pending:
            from screens.drafts_offer import DraftsOffer
            await self.push_screen(DraftsOffer(pending))

    async def _replace(self, screen) -> None:
        if len(self.screen_stack) > 1:
            await self.switch_screen(screen)
        else:
            await self.push_screen(screen)

    # -- functions --------------------------------------------------------------------
    async def open_function(self, typed: str, **params) -> bool:
        """Open the function typed (code or mnemonic) if the operator may; tell why not."""
        screen = self.screen
        try:
            function = menu.open_function(self.ctx, typed)
        except GammaError as exc:
            getattr(screen, "say", self.notify)(exc.message)
            return False
        try:
            sessions.touch(self.ctx)  # "who is connected" shows the last activity
        except sessions.SessionEnded as exc:
            await self.session_ended(exc.message)
            return False
        factory = screen_for(function.code)
        if factory is None:
            getattr(screen, "say", self.notify)(
                f"{function.label()}: disponibile dalla riga di comando")
            return False
        await self.open_screen(factory(**params))
        return True

    async def open_screen(self, screen, read_only_offer: bool = True) -> None:
        """Push a screen once it is ready; a record held by another operator is offered
        read-only, saying who holds it and since when."""
        prepare = getattr(screen, "prepare", None)
        try:
            if prepare is not None:
                prepare()
        except RecordLocked as exc:
            if not read_only_offer:
                getattr(self.screen, "say", self.notify)(exc.message)
                return

            async def answered(yes: bool) -> None:
                if yes:
                    screen.read_only = True
                    await self.open_screen(screen, read_only_offer=False)

            await self.push_screen(Confirm(f"{exc.message}. Aprire in sola lettura?",
                                           answered))
            return
        except GammaError as exc:
            getattr(self.screen, "say", self.notify)(exc.message)
            return
        await self.push_screen(screen)

    async def action_show_keys(self) -> None:
        screen = self.screen
        # The subclass's binding of a key wins, even one without a description (hidden).
        seen, lines = set(), []
        for cls in type(screen).__mro__:
            for b in cls.__dict__.get("BINDINGS", ()):
                if not isinstance(b, Binding) or b.key in seen:
                    continue
                seen.add(b.key)
                if b.description:
                    lines.append((b.key.upper().replace("ESCAPE", "ESC"), b.description))
        if isinstance(screen, MaskHost):
            lines += [("INVIO/TAB", "campo successivo"), ("MAIUSC+TAB", "campo precedente"),
                      ("PAG.SU/GIÙ", "pagina della maschera")]
        await self.push_screen(KeysHelp(lines))

    async def action_favourites(self) -> None:
        from screens.favourites import FavouritesDialog
        screen = self.screen
        params = getattr(screen, "favourite_params", lambda: {})()
        await self.push_screen(FavouritesDialog(params))

    # -- the way out ------------------------------------------------------------------
    def hang_up(self) -> None:
        """The line dropped (SIGHUP from the SSH server or the terminal): keep the draft of
        the mask in hand, release the locks, end the session, leave without painting."""
        self.save_drafts()
        self.end_session()
        # Nobody is left to see the screen: skip restoring the terminal, which would block
        # or fail on a dead line.
        os._exit(0)

    async def session_ended(self, message: str) -> None:
        """An administrator ended this session: keep the drafts, back to the login."""
        self.save_drafts()
        self.ctx = None  # ended already, its locks freed
        while len(self.screen_stack) > 1:
            await self.pop_screen()
        await self._replace(LoginScreen())
        self.notify(message, severity="warning", timeout=30)

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

