"""One input of a mask, bound to its field definition."""

from __future__ import annotations

from gamma import dates
from gamma.forms import FieldDef
from screens.base import LineInput


class FieldInput(LineInput):
    """A one-line input sized to its field; keeps the field definition and rule."""

    DEFAULT_CSS = """
    FieldInput {
        border: none;
        height: 1;
        padding: 0;
        background: $panel;
    }
    FieldInput:focus { border: none; background: $accent; color: $text; }
    FieldInput.-read-only { color: $text-muted; }
    """

    def __init__(self, field: FieldDef, width: int, read_only: bool = False):
        # A date may be typed as words ("fine mese scorso") wider than the day it means.
        typed_width = 18 if field.kind == "date" else 0
        super().__init__(id=f"f-{field.name}", max_length=max(width, field.width, typed_width),
                         password=field.kind == "password", select_on_focus=False)
        self.field = field
        self.read_only = read_only
        # A date typed as "oggi" or "fine mese" shows as the day it means; presets keep the
        # words (typed_texts), as long as the field still shows that day.
        self.relative = ""
        self._relative_shown = ""
        self.styles.width = width + 1  # one cell for the cursor after the last character
        if read_only:
            self.add_class("-read-only")

    def note_typed(self, typed: str, shown: str) -> None:
        if dates.is_relative(typed):
            self.relative, self._relative_shown = typed, shown
        elif typed != self._relative_shown:
            self.relative = self._relative_shown = ""
