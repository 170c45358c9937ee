"""One input of a mask, bound to its field definition."""

from __future__ import annotations


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
        super().__init__(id=f"f-{field.name}", max_length=max(width, field.width),
                         password=field.kind == "password", select_on_focus=False)
        self.field = field
        self.read_only = read_only
        self.styles.width = width + 1  # one cell for the cursor after the last character
        if read_only:
            self.add_class("-read-only")
