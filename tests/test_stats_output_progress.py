"""The CLI's progress bar: it draws on its console, and Ctrl-C (a real SIGINT) cancels a
long run at its next step, whose transaction then rolls back."""

from __future__ import annotations

import io
import os
import signal

import pytest
from rich.console import Console

from gamma import db, presets
from gamma.cli.progress_bar import BarProgress
from gamma.progress import Cancelled


def terminal() -> Console:
    return Console(file=io.StringIO(), force_terminal=True, width=80)


def test_the_bar_draws_the_label_and_the_count():
    console = terminal()
    with BarProgress(console) as progress:
        progress.start(40, "Statistica vendite")
        for _ in range(40):
            progress.step()
        progress.bar.refresh()
        drawn = console.file.getvalue()
    assert "Statistica vendite" in drawn and "40/40" in drawn


def test_ctrl_c_cancels_the_run_at_the_next_step():
    handler = signal.getsignal(signal.SIGINT)
    with pytest.raises(Cancelled) as raised, BarProgress(terminal()) as progress:
        progress.start(1000, "Statistica")
        for number in range(1000):
            if number == 300:
                os.kill(os.getpid(), signal.SIGINT)  # the operator's Ctrl-C
            progress.step()
    # The signal lands by the step after it was sent; nothing runs past that.
    assert 300 <= progress.done <= 302
    assert "annullata dall'operatore" in str(raised.value.message)
    assert signal.getsignal(signal.SIGINT) is handler  # Ctrl-C behaves as before


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_cancelled_run_leaves_nothing_written(admin_ctx):
    with pytest.raises(Cancelled), BarProgress(terminal()) as progress:
        with db.transaction():
            progress.start(50, "Memorizzazione")
            for number in range(50):
                presets.save(admin_ctx, "stats", f"prova{number}", {"by": "customer"})
                if number == 9:
                    assert len(presets.list_presets(admin_ctx, "stats")) == 10
                    os.kill(os.getpid(), signal.SIGINT)
                progress.step()
    assert presets.list_presets(admin_ctx, "stats") == []


def test_without_a_terminal_nothing_is_drawn():
    console = Console(file=io.StringIO(), force_terminal=False)
    with BarProgress(console) as progress:
        progress.start(3, "Statistica")
        progress.step(3)
    assert console.file.getvalue() == ""
