"""Long work in a thread worker behind a progress bar; Esc cancels it.

    run_with_progress(screen, "Statistica vendite", lambda progress: engine.run(
        ctx, spec, progress=progress), shown)

The work gets a gamma.progress.Progress whose steps move the bar (only when the shown
percentage or label changes: every repaint costs bytes on a poor line). Esc asks the work
to stop; its next step raises Cancelled, its transaction rolls back, and the screen says
so. Any domain error is said on the screen's message line; `done` gets the result.
"""

from __future__ import annotations

from typing import Any, Callable

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import ProgressBar, Static

from gamma import db
from gamma.errors import GammaError
from gamma.progress import Progress
from screens.base import Plain
from screens.dialogs import Dialog


class TuiProgress(Progress):
    """Told by the worker thread, drawn by the app's thread."""

    def __init__(self, dialog: "ProgressDialog"):
        super().__init__()
        self.dialog = dialog
        self._shown: tuple | None = None

    def update(self) -> None:
        percent = min(100, self.done * 100 // self.total) if self.total else 0
        state = (percent, self.label)
        if state != self._shown:
            self._shown = state
            self.dialog.app.call_from_thread(self.dialog.show, percent, self.label)


class ProgressDialog(Dialog):
    BINDINGS = [Binding("escape", "cancel", "Annulla")]
    DEFAULT_CSS = """
    ProgressDialog > Vertical { width: 60; }
    ProgressDialog ProgressBar { height: 1; }
    """

    def __init__(self, title: str):
        super().__init__()
        self.title_text = title
        self.progress = TuiProgress(self)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Plain(self.title_text, classes="title")
            yield ProgressBar(total=100, show_eta=False, id="bar")
            yield Plain("", id="step")
            yield Plain("Esc annulla", id="keys")

    def show(self, percent: int, label: str) -> None:
        self.query_one(ProgressBar).update(progress=percent)
        self.query_one("#step", Static).update(label)

    async def handle_key(self, event: events.Key) -> bool:
        if event.key == "escape":
            self.action_cancel()
        return True  # nothing reaches the screen beneath while the work runs

    def action_cancel(self) -> None:
        if not self.progress.cancelled:
            self.progress.cancel()
            self.query_one("#keys", Static).update("Annullamento in corso…")


async def run_with_progress(screen, title: str, work: Callable[[Progress], Any],
                            done: Callable[[Any], Any]) -> ProgressDialog:
    """Push the dialog, run `work(progress)` in a thread, then `done(result)` (awaited if
    it is a coroutine) once the dialog is gone; an error goes to `screen.say`."""
    app = screen.app
    dialog = ProgressDialog(title)

    def in_thread() -> None:
        try:
            result, error = work(dialog.progress), None
        except GammaError as exc:
            result, error = None, exc.message
        except Exception as exc:  # the dialog must not wait forever for a broken run
            result, error = None, f"errore interno: {type(exc).__name__}: {exc}"
        finally:
            db.close()  # this thread's own connection
        app.call_from_thread(_finish, result, error)

    async def _finish(result: Any, error: str | None) -> None:
        if app.screen is dialog:
            await app.pop_screen()
        if error is not None:
            screen.say(error)
            return
        outcome = done(result)
        if hasattr(outcome, "__await__"):
            await outcome

    await app.push_screen(dialog)
    screen.run_worker(in_thread, thread=True, exclusive=True, group="progress",
                      exit_on_error=False)
    return dialog
