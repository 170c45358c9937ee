"""The mask: labels and inputs laid out in pages that fit the terminal.

It knows nothing of records or services: it shows a form, moves between fields, parses
what was typed and checks each field against its definition and its field rule. The
screen that holds it (screens/mask_screen.py) decides what confirming means.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, Static
from textual.widgets.input import Selection

from gamma.access import field_rules
from gamma.access.field_rules import EffectiveRule
from gamma.errors import ValidationError
from gamma.forms import FieldDef
from screens.mask.field_input import FieldInput

LABEL_WIDTH = 22


@dataclass(frozen=True)
class Placed:
    """A field as this operator sees it: maybe relabelled and resized by a user mask."""

    field: FieldDef
    label: str
    width: int
    rule: EffectiveRule


class FieldRow(Horizontal):
    DEFAULT_CSS = """
    FieldRow { height: 1; }
    FieldRow > Label { width: %d; }
    FieldRow > .note { width: 1fr; color: $text-muted; padding-left: 1; }
    """ % LABEL_WIDTH


class Mask(Vertical):
    """The fields of a form, in pages of `rows` lines."""

    DEFAULT_CSS = """
    Mask { height: 1fr; }
    """

    def __init__(self, placed: list[Placed], rows: int, read_only: bool = False,
                 fixed: set[str] = frozenset(), **kw):
        super().__init__(**kw)
        self.fixed = set(fixed)
        self.placed = placed
        self.rows = max(rows, 1)
        self.all_read_only = read_only
        self.page = 0
        self.index = 0

    @property
    def pages(self) -> int:
        return max(1, -(-len(self.placed) // self.rows))

    def compose(self) -> ComposeResult:
        for number, item in enumerate(self.placed):
            read_only = (self.all_read_only or item.rule.read_only
                         or item.field.name in self.fixed)
            row = FieldRow(classes=f"page-{number // self.rows}")
            row.display = number < self.rows
            with row:
                yield Label(item.label[:LABEL_WIDTH - 1], markup=False)
                yield FieldInput(item.field, item.width, read_only)
                yield Static("", classes="note", id=f"note-{item.field.name}", markup=False)

    # -- access ---------------------------------------------------------------------
    @property
    def inputs(self) -> list[FieldInput]:
        return list(self.query(FieldInput))

    def input(self, name: str) -> FieldInput:
        return self.query_one(f"#f-{name}", FieldInput)

    def current(self) -> FieldInput:
        return self.inputs[self.index]

    def texts(self) -> dict[str, str]:
        return {i.field.name: i.value for i in self.inputs}

    def typed_texts(self) -> dict[str, str]:
        """The texts, with a date typed relative to today (oggi, -7, fine mese) as typed:
        what a preset stores, so that it means a new date at each run."""
        return {i.field.name: i.relative or i.value for i in self.inputs}

    def fill(self, values: dict[str, Any], as_text: bool = False) -> None:
        for field_input in self.inputs:
            name = field_input.field.name
            if name in values:
                value = values[name]
                field_input.value = value if as_text else field_input.field.show(value)
                field_input.note_typed("", "")
                self.show_note(field_input)

    def show_note(self, field_input: FieldInput) -> None:
        field = field_input.field
        note = (field.choice_label(field_input.value)
                or field.choice_label(field_input.value.upper())) if field.choices else ""
        if field.kind == "choice" and not note and field.choices:
            note = "/".join(v for v, _ in field.choices)
        self.query_one(f"#note-{field.name}", Static).update(note)

    def set_read_only(self, name: str, read_only: bool = True) -> None:
        field_input = self.input(name)
        field_input.read_only = read_only
        field_input.set_class(read_only, "-read-only")

    # -- moving -----------------------------------------------------------------------
    def _editable(self, index: int) -> bool:
        return not self.inputs[index].read_only

    def focus_index(self, index: int) -> FieldInput:
        inputs = self.inputs
        self.index = max(0, min(index, len(inputs) - 1))
        self._show_page(self.index // self.rows)
        target = inputs[self.index]
        self.screen.set_focus(target)
        # Selected at once (not on the Focus event, which comes later, after keys already
        # typed into the field): typing replaces the old value, as in every mask.
        target.selection = Selection(0, len(target.value))
        return target

    def focus_field(self, name: str) -> FieldInput:
        for number, field_input in enumerate(self.inputs):
            if field_input.field.name == name:
                return self.focus_index(number)
        return self.current()

    def first(self) -> None:
        for number in range(len(self.inputs)):
            if self._editable(number):
                self.focus_index(number)
                return
        self.focus_index(0)

    def step(self, direction: int) -> bool:
        """Move to the next (1) or previous (-1) editable field; False past either end."""
        number = self.index + direction
        while 0 <= number < len(self.inputs):
            if self._editable(number):
                self.focus_index(number)
                return True
            number += direction
        return False

    def turn_page(self, direction: int) -> None:
        page = max(0, min(self.page + direction, self.pages - 1))
        if page != self.page:
            self.focus_index(page * self.rows)
            if not self._editable(self.index):
                self.step(1)

    def _show_page(self, page: int) -> None:
        if page == self.page:
            return
        for row in self.query(FieldRow):
            row.display = row.has_class(f"page-{page}")
        self.page = page

    # -- checking ---------------------------------------------------------------------
    def check(self, field_input: FieldInput, today: date) -> Any:
        """The field's value, parsed and checked against its rule; ValidationError else."""
        item = next(p for p in self.placed if p.field.name == field_input.field.name)
        value = field_input.field.parse(field_input.value, today)
        if value is not None and not item.rule.hidden:
            shown = value
            if item.field.kind == "date":
                shown = value.isoformat()
            field_rules.check_value(item.rule, shown, item.label)
        return value

    def values(self, today: date) -> dict[str, Any]:
        """Every field's value; the first wrong field gets the focus and the error."""
        out: dict[str, Any] = {}
        for number, field_input in enumerate(self.inputs):
            try:
                out[field_input.field.name] = self.check(field_input, today)
            except ValidationError:
                self.focus_index(number)
                raise
        return out

    def tidy(self, field_input: FieldInput, today: date) -> None:
        """Show a field as it will be stored (1234,5 → 1.234,50; 010326 → 01/03/2026)."""
        typed = field_input.value.strip()
        value = self.check(field_input, today)
        if field_input.field.kind == "date":
            field_input.note_typed(typed, field_input.field.show(value))
        if field_input.field.kind != "password":
            shown = field_input.field.show(value)
            if shown != field_input.value:
                field_input.value = shown
        self.show_note(field_input)
