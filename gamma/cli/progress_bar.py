"""A gamma.progress.Progress for the CLI: a Rich progress bar on stderr, and Ctrl-C
cancels the work instead of killing it.

    with BarProgress() as progress:
        engine.run(ctx, spec, progress=progress)

The first Ctrl-C asks to cancel: the service's next `step` raises Cancelled, its
transaction rolls back whole and the CLI prints the message (one line, exit code 1). A
second Ctrl-C interrupts at once. On a console that is not a terminal (cron) nothing is
drawn, so the log gets no bar.
"""

from __future__ import annotations

import signal
import threading

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
from rich.progress import Progress as RichBar

from gamma.progress import Progress


class BarProgress(Progress):
    def __init__(self, console: Console | None = None):
        super().__init__()
        self.console = console or Console(stderr=True)
        self.bar = RichBar(TextColumn("{task.description}"), BarColumn(),
                           MofNCompleteColumn(), TimeRemainingColumn(),
                           console=self.console, transient=True,
                           disable=not self.console.is_terminal)
        self.task = None
        self._previous = None

    def __enter__(self) -> "BarProgress":
        self.bar.start()
        # Signals reach only the main thread; elsewhere Ctrl-C keeps its usual effect.
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._interrupt)
        return self

    def __exit__(self, *exc) -> bool:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)
            self._previous = None
        self.bar.stop()
        return False

    def _interrupt(self, signum, frame) -> None:
        if self.cancelled:  # asked twice: the operator will not wait
            raise KeyboardInterrupt
        self.cancel()
        self.console.print("Annullamento richiesto: attendere la fine del passo in corso…",
                           highlight=False)

    def update(self) -> None:
        total = self.total or None
        if self.task is None:
            self.task = self.bar.add_task(self.label or "Elaborazione", total=total)
        self.bar.update(self.task, total=total, completed=self.done,
                        description=self.label or "Elaborazione")
