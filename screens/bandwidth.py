"""Low-bandwidth mode: what the app gives up so that a poor line stays usable.

Measured on Textual 8.2.x at 80x24, 16 colours (tests/test_bandwidth.py keeps the figures
from regressing): a blinking cursor costs about 1 KB/s while idle, every focus change
repaints the whole screen (the screen's `focused` reactive), mouse tracking is on, and
every text segment carries a full colour code and reset. So, over SSH by default:
animations off, cursor blink off (every input, always), mouse off, focus changes repaint
only the two fields concerned, the footer repaints only when its keys change, and the
output goes through screens/lean_output.py.

The reliance on Textual internals is limited to the `focused` reactive of Screen and the
linux driver's `write`; TEXTUAL_VERSION pins the version they were checked against, and a
test fails when Textual moves on, so that the figures are measured again.
"""

from __future__ import annotations

from textual.drivers.linux_driver import LinuxDriver

from screens.lean_output import LeanOutput

TEXTUAL_VERSION = "8.2"


class LeanDriver(LinuxDriver):
    """The linux driver with its output passed through LeanOutput."""

    def __init__(self, app, **kw):
        super().__init__(app, **kw)
        self._lean = LeanOutput(80)

    def write(self, data: str) -> None:
        lean = self._lean
        lean.resize(self._app.size.width)
        super().write(lean.feed(data) + lean.finish())


def configure(app, low: bool) -> None:
    if low:
        app.animation_level = "none"


def run_options(low: bool) -> dict:
    """Arguments for App.run."""
    return {"mouse": not low}


def driver_class(low: bool):
    return LeanDriver if low else None
