"""Progress of long batch work, and the operator's way to cancel it.

A service doing long work takes a `Progress` and calls `step` as it goes; the CLI passes
one that draws a Rich bar (Ctrl-C cancels), the terminal one that moves a progress bar
(Esc cancels). `step` raises `Cancelled` once cancellation was asked, so the service's
transaction rolls back whole.
"""

from __future__ import annotations

from gamma.errors import GammaError


class Cancelled(GammaError):
    def __init__(self, what: str = "Elaborazione"):
        super().__init__(f"{what}: annullata dall'operatore, nessuna modifica registrata")


class Progress:
    """Does nothing but honour a cancellation: the default for batch calls."""

    def __init__(self) -> None:
        self.cancelled = False
        self.total = 0
        self.done = 0
        self.label = ""

    def start(self, total: int, label: str = "") -> None:
        self.total, self.done, self.label = total, 0, label
        self.check()
        self.update()

    def step(self, amount: int = 1, label: str | None = None) -> None:
        self.done += amount
        if label is not None:
            self.label = label
        self.check()
        self.update()

    def cancel(self) -> None:
        self.cancelled = True

    def check(self) -> None:
        if self.cancelled:
            raise Cancelled(self.label or "Elaborazione")

    def update(self) -> None:
        """Draw the state; subclasses for the CLI and the terminal."""
