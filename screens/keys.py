"""Keys handled in order, one at a time, by the app itself.

Textual queues a key for the focused widget and goes on dispatching the next ones: a burst
of keys (one SSH packet holding `ACME⇥4711`) all lands in the field focused before the
burst, and keys right after a screen switch are lost. Gamma's screens therefore take every
key in the app's own task (`GammaApp.on_event` → `screen.terminal_key`): editing, moving
between fields and opening screens finish before the next key is looked at.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.widgets import Input

FORWARD = ("enter", "tab", "down")
BACKWARD = ("shift+tab", "up")

_EDIT_ACTIONS = {
    "backspace": "delete_left",
    "delete": "delete_right",
    "left": "cursor_left",
    "right": "cursor_right",
    "home": "home",
    "end": "end",
    "ctrl+u": "delete_left_all",
    "ctrl+k": "delete_right_all",
}


def edit_input(field: Input, event: events.Key) -> bool:
    """Apply an editing key to an input at once; False when the key is not an edit."""
    if event.is_printable and event.character:
        start, end = sorted(field.selection)
        if start != end:
            field.replace(event.character, start, end)
        else:
            field.insert_text_at_cursor(event.character)
        return True
    action = _EDIT_ACTIONS.get(event.key)
    if action is None:
        return False
    getattr(field, f"action_{action}")()
    return True


def binding_for(node, key: str) -> Binding | None:
    """The binding a screen (or its class ancestors) declares for the key."""
    for cls in type(node).__mro__:
        for binding in cls.__dict__.get("BINDINGS", ()):
            if isinstance(binding, Binding):
                keys = binding.key.split(",")
            else:
                keys, binding = binding[0].split(","), Binding(*binding)
            if key in (k.strip() for k in keys):
                return binding
    return None


def filter_key(field: Input, event: events.Key, changed) -> bool:
    """Edit a filter input; call `changed()` when its text changed."""
    before = field.value
    if not edit_input(field, event):
        return False
    if field.value != before:
        changed()
    return True
