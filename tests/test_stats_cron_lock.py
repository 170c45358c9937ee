"""The batch lock of the stored statistics' cron run: held across processes (a second
process is refused, naming the holder, in Italian), taken over from a dead process on
the same host at once and from a silent holder elsewhere only after STALE_AFTER."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import textwrap
from datetime import timedelta
from pathlib import Path

import pytest

from gamma.context import Clock
from gamma.stats import batch_lock
from models import BatchLock

ROOT = Path(__file__).resolve().parent.parent
NAME = "stats-stored"
WHAT = "Esecuzione delle statistiche memorizzate"


@pytest.fixture
def ctx(admin_ctx):
    # The real clock: another process compares the lock's times with its own now.
    return dataclasses.replace(admin_ctx, clock=Clock())


def other_process(db_url: str) -> subprocess.CompletedProcess:
    """A second process (its own connection) trying to take the lock, as admin."""
    code = textwrap.dedent(f"""
        from gamma import db
        from gamma.access import operators
        from gamma.context import Context
        from gamma.errors import GammaError
        from gamma.settings import load
        from gamma.stats import batch_lock
        db.connect({db_url!r})
        ctx = Context(load(env={{"HOME": "/nonexistent"}}), operators.find("admin"))
        try:
            holder = batch_lock.acquire(ctx, {NAME!r}, {WHAT!r})
        except GammaError as exc:
            print("REFUSED", exc.message)
        else:
            print("TAKEN", holder.pid)
            batch_lock.release(ctx, {NAME!r}, holder)
    """)
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_a_second_process_is_refused_while_the_lock_is_held(ctx, db_url):
    holder = batch_lock.acquire(ctx, NAME, WHAT)
    refused = other_process(db_url)
    assert refused.returncode == 0, refused.stderr
    assert refused.stdout.startswith(
        f"REFUSED {WHAT} già in esecuzione: avviata da admin su {holder.host} (processo "
        f"{os.getpid()}) alle ")
    assert "questa esecuzione non parte" in refused.stdout
    # In this process too: one holder at a time, whoever asks.
    with pytest.raises(batch_lock.BatchBusy):
        batch_lock.acquire(ctx, NAME, WHAT)
    batch_lock.release(ctx, NAME, holder)
    taken = other_process(db_url)
    assert taken.stdout.startswith("TAKEN "), taken.stdout + taken.stderr
    assert int(taken.stdout.split()[1]) != os.getpid()
    # The other process released it on its way out: free again.
    assert BatchLock.get(BatchLock.name == NAME).holder == ""


def test_a_dead_holder_on_this_host_is_taken_over_at_once(ctx):
    holder = batch_lock.acquire(ctx, NAME, WHAT)
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True)
    dead_pid = int(finished.stdout)  # a process that has ended
    BatchLock.update(pid=dead_pid).where(BatchLock.name == NAME).execute()
    mine = batch_lock.acquire(ctx, NAME, WHAT)
    assert (mine.pid, BatchLock.get(BatchLock.name == NAME).pid) == (os.getpid(), os.getpid())
    batch_lock.release(ctx, NAME, mine)
    assert holder.pid == os.getpid()


def test_a_holder_on_another_host_is_stale_only_after_its_silence(ctx):
    batch_lock.acquire(ctx, NAME, WHAT)
    quiet = ctx.now() - batch_lock.STALE_AFTER + timedelta(minutes=1)
    BatchLock.update(host="altro-server", pid=4242, heartbeat_at=quiet).where(
        BatchLock.name == NAME).execute()
    with pytest.raises(batch_lock.BatchBusy) as refused:
        batch_lock.acquire(ctx, NAME, WHAT)
    assert "avviata da admin su altro-server (processo 4242)" in refused.value.message
    BatchLock.update(heartbeat_at=quiet - timedelta(minutes=2)).where(
        BatchLock.name == NAME).execute()
    mine = batch_lock.acquire(ctx, NAME, WHAT)
    row = BatchLock.get(BatchLock.name == NAME)
    assert (row.host, row.pid) == (mine.host, os.getpid())
    # The old holder's release (if it ever wakes up) does not free the new holder's lock.
    batch_lock.release(ctx, NAME, batch_lock.Holder("admin", "altro-server", 4242))
    assert BatchLock.get(BatchLock.name == NAME).pid == os.getpid()


def test_held_releases_on_error(ctx):
    with pytest.raises(ZeroDivisionError):
        with batch_lock.held(ctx, NAME, WHAT):
            1 / 0
    assert BatchLock.get(BatchLock.name == NAME).holder == ""
