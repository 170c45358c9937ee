"""MaskHost: the behaviour of a screen or dialog that holds a mask.

Enter, Tab and Down advance; Shift+Tab and Up go back; PgUp/PgDn turn pages; F2 opens
the lookup of the current field; F10 confirms; Esc leaves, asking first when something
was changed. Each field is checked as the operator leaves it, so the message names the
field and the rule while the operator is still there.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.widgets import Input

from gamma.errors import GammaError, ValidationError
from gamma.forms import Form
from screens import keys
from screens.dialogs import Confirm
from screens.lookup import LookupScreen
from screens.mask.field_input import FieldInput
from screens.mask.mask import Mask
from screens.mask.placement import defaults, place


class MaskHost:
    FORM: Form
    # Reserved lines around the mask (status, title, message, footer).
    CHROME_LINES = 5
    # Show each field as it will be stored once left (1234,5 → 1.234,50). Parameter
    # screens keep what was typed: "-7" in a preset must stay "seven days ago".
    TIDY = True

    read_only = False
    _baseline: dict[str, str] | None = None

    @property
    def dirty(self) -> bool:
        """Something differs from what the mask showed when it was filled."""
        return self._baseline is not None and self.mask.texts() != self._baseline

    def mark_clean(self) -> None:
        self._baseline = self.mask.texts()

    def fixed_fields(self) -> set[str]:
        """Fields shown but not editable here (the key of a record being changed)."""
        return set()

    def make_mask(self) -> Mask:
        placed = place(self.app.ctx, self.FORM)
        rows = self.app.size.height - self.CHROME_LINES
        return Mask(placed, rows, read_only=self.read_only, fixed=self.fixed_fields(),
                    id="mask")

    @property
    def mask(self) -> Mask:
        return self.query_one("#mask", Mask)

    def start_mask(self, values: dict[str, Any] | None = None,
                   texts: dict[str, str] | None = None) -> None:
        """Fill the mask (rule defaults, then the record, then typed texts of a draft)."""
        mask = self.mask
        if values is None:
            mask.fill(defaults(self.app.ctx, self.FORM), as_text=True)
        else:
            mask.fill(values)
        self.mark_clean()
        if texts:
            mask.fill(texts, as_text=True)
        mask.first()

    def on_input_changed(self, event: Input.Changed) -> None:
        if isinstance(event.input, FieldInput) and self.dirty:
            self.changed()

    def changed(self) -> None:
        """Something was typed (draft keeping hooks in here)."""

    def mask_message(self, text: str) -> None:
        self.say(text)

    async def handle_mask_key(self, event: events.Key) -> bool:
        key = event.key
        mask = self.mask
        if key in keys.FORWARD or key in keys.BACKWARD:
            if key in keys.FORWARD:
                left = mask.current()
                if not self.leave_field() or not await self.after_field(left):
                    return True
            if not mask.step(1 if key in keys.FORWARD else -1) and key == "enter":
                if mask.page < mask.pages - 1:
                    mask.turn_page(1)
                else:
                    self.mask_message("Ultimo campo: F10 per confermare")
            return True
        if key in ("pageup", "pagedown"):
            if self.leave_field():
                mask.turn_page(1 if key == "pagedown" else -1)
            return True
        focused = self.focused
        if isinstance(focused, FieldInput) and (self.read_only or focused.read_only):
            return event.is_printable or key in ("backspace", "delete")
        return False

    async def after_field(self, field_input: FieldInput) -> bool:
        """Hook once a field was left correctly forward; False stops the move."""
        return True

    def leave_field(self) -> bool:
        """Check and tidy the current field; False (and a message) when it is wrong."""
        current = self.mask.current()
        if current.read_only:
            return True
        try:
            if self.TIDY:
                self.mask.tidy(current, self.app.ctx.today())
            else:
                self.mask.check(current, self.app.ctx.today())
        except ValidationError as exc:
            self.mask_message(exc.message)
            return False
        self.mask_message("")
        return True

    def mask_values(self) -> dict[str, Any] | None:
        try:
            return self.mask.values(self.app.ctx.today())
        except ValidationError as exc:
            self.mask_message(exc.message)
            return None

    def show_error(self, exc: GammaError) -> None:
        if isinstance(exc, ValidationError):
            self.mask.focus_field(exc.field)
        self.mask_message(exc.message)

    async def open_lookup(self) -> None:
        current = self.mask.current()
        source = current.field.lookup
        if source is None or current.read_only or self.read_only:
            self.mask_message(f"{current.field.label}: nessuna ricerca per questo campo")
            return

        head, typed = "", current.value
        if current.field.many and "," in typed:
            head, typed = typed.rsplit(",", 1)
            head += ","

        def chosen(value: str | None) -> None:
            if value is not None:
                current.value = head + value
                self.changed()
                self.mask.show_note(current)
                self.leave_field()

        await self.app.push_screen(LookupScreen(source, typed.strip(), on_result=chosen))

    async def ask_leave(self, leave) -> None:
        """Leave at once when nothing changed; otherwise ask first."""
        if not self.dirty or self.read_only:
            await leave(False)
            return

        async def answered(yes: bool) -> None:
            if yes:
                await leave(True)

        await self.app.push_screen(Confirm("Ci sono modifiche non confermate: abbandonarle?",
                                           answered))
