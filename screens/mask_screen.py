"""MaskScreen: a full-screen mask editing one record (or a new one), with its lock, its
draft and the service call that confirms it.

Subclasses give FORM, FUNCTION_CODE, and three methods: `load` (the record's values),
`lock_target` (what to lock while editing) and `save` (call the service; return the
message for the operator).
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding

from gamma import drafts, locks
from gamma.errors import GammaError, RecordLocked
from screens.base import GammaScreen
from screens.dialogs import Confirm
from screens.mask.host import MaskHost


class MaskScreen(MaskHost, GammaScreen):
    BINDINGS = [
        Binding("f1", "app.show_keys", "Tasti"),
        Binding("f2", "lookup", "Ricerca"),
        Binding("f9", "app.favourites", "Preferiti"),
        Binding("f10", "confirm", "Conferma"),
        Binding("escape", "leave", "Esci"),
        Binding("pageup", "noop", "Pag.prec.", show=False),
        Binding("pagedown", "noop", "Pag.succ.", show=False),
    ]

    DRAFTS = True  # keep what is typed as a draft
    # The field naming the record: typed first, an existing record is then loaded.
    KEY_FIELD: str | None = None

    def __init__(self, record_key: str = "", texts: dict[str, str] | None = None,
                 read_only: bool = False, **_ignored):
        super().__init__()
        self.record_key = record_key
        self.draft_texts = texts
        self.read_only = read_only
        self.locked = None
        self.values: dict[str, Any] | None = None
        self._draft_timer = None

    # -- what subclasses provide ------------------------------------------------------
    def load(self) -> dict[str, Any] | None:
        """The record's current values; None for a new record."""
        return None

    def lock_target(self):
        """The record (or (table, key)) to lock while editing; None for a new record."""
        return None

    def save(self, values: dict[str, Any]) -> str:
        raise NotImplementedError

    def exists(self, key: str) -> bool:
        """Whether a record with that key exists (for KEY_FIELD masks)."""
        return False

    def fixed_fields(self) -> set[str]:
        return {self.KEY_FIELD} if self.KEY_FIELD and self.record_key else set()

    async def after_field(self, field_input) -> bool:
        if (self.KEY_FIELD is None or self.record_key
                or field_input.field.name != self.KEY_FIELD):
            return True
        key = field_input.value.strip()
        if not key or not self.exists(key):
            return True
        await self.load_found(key)
        return False

    async def load_found(self, key: str, also_fixed: tuple[str, ...] = ()) -> None:
        """Show, in this mask, the existing record found from what was typed, as if it had
        been opened from a list: locked, or read-only when another session holds it."""
        self.record_key = key

        def show() -> None:
            self._show_record()
            for name in also_fixed:
                self.mask.set_read_only(name)

        try:
            self.prepare()
        except RecordLocked as exc:
            async def answered(yes: bool) -> None:
                if yes:
                    self.read_only = True
                    self.prepare()
                    show()
                else:
                    self.record_key = ""
                    self.mask.focus_field(self.KEY_FIELD or self.FORM.fields[0].name)
            await self.app.push_screen(Confirm(f"{exc.message}. Aprire in sola lettura?",
                                               answered))
            return
        except GammaError as exc:
            self.record_key = ""
            self.say(exc.message)
            return
        show()

    def _show_record(self) -> None:
        drafts.discard(self.app.ctx, self.FORM.name, "")
        self.mask.set_read_only(self.KEY_FIELD)
        if self.read_only:
            for field_input in self.mask.inputs:
                self.mask.set_read_only(field_input.field.name)
        self.query_one("#title").update(self.heading())
        self.start_mask(self.values, self.draft_texts)

    def heading(self) -> str:
        what = self.FORM.title
        return f"{what} {self.record_key}".strip() + (" — sola lettura" if self.read_only
                                                       else "")

    # -- opening ----------------------------------------------------------------------
    def prepare(self) -> None:
        """Before the screen shows: take the lock and read the record (may raise)."""
        ctx = self.app.ctx
        target = self.lock_target()
        if target is not None and not self.read_only:
            self.locked = locks.acquire(ctx, target) and target
        self.values = self.load()
        if self.draft_texts is None and not self.read_only and self.DRAFTS:
            self.draft_texts = drafts.load(ctx, self.FORM.name, self.record_key)

    def body(self) -> ComposeResult:
        yield self.make_mask()

    def on_mount(self) -> None:
        self.query_one("#title").update(self.heading())
        self.start_mask(self.values, self.draft_texts)
        if self.draft_texts:
            self.say("Ripresa la bozza non confermata: F10 conferma, Esc abbandona")

    async def handle_key(self, event: events.Key) -> bool:
        return await self.handle_mask_key(event)

    # -- drafts -----------------------------------------------------------------------
    def changed(self) -> None:
        if self._draft_timer is None and not self.read_only:
            self._draft_timer = self.set_timer(
                self.app.settings.terminal.draft_save_seconds, self._timed_draft)

    def _timed_draft(self) -> None:
        self._draft_timer = None
        self.keep_draft()

    def keep_draft(self) -> None:
        if self.DRAFTS and self.dirty and not self.read_only and self.app.ctx is not None:
            drafts.save(self.app.ctx, self.FORM.name, self.mask.texts(), self.record_key,
                        self.FUNCTION_CODE, self.heading())

    def leave_field(self) -> bool:
        ok = super().leave_field()
        if ok and self.dirty:
            self.keep_draft()
        return ok

    # -- closing ----------------------------------------------------------------------
    def action_noop(self) -> None:
        """PgUp/PgDn are taken by the mask itself; listed here for the help."""

    async def action_lookup(self) -> None:
        await self.open_lookup()

    async def action_confirm(self) -> None:
        if self.read_only:
            self.say("Sola lettura: nulla da confermare (Esc per uscire)")
            return
        values = self.mask_values()
        if values is None:
            return
        try:
            message = self.save(values)
        except GammaError as exc:
            self.show_error(exc)
            return
        self.mark_clean()
        drafts.discard(self.app.ctx, self.FORM.name, self.record_key)
        await self.close(message)

    async def action_leave(self) -> None:
        await self.ask_leave(self._leave)

    async def _leave(self, discarding: bool) -> None:
        if discarding:
            self.mark_clean()
            drafts.discard(self.app.ctx, self.FORM.name, self.record_key)
        await self.close("")

    def release(self) -> None:
        if self.locked is not None and self.app.ctx is not None:
            locks.release(self.app.ctx, self.locked)
            self.locked = None

    async def close(self, message: str) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        self.release()
        await self.app.pop_screen()
        say = getattr(self.app.screen, "say", None)
        if message and say is not None:
            say(message)

    def on_unmount(self) -> None:
        self.release()
