"""A named lock for batch work that must never overlap (the cron run of the stored
statistics), held across processes and hosts.

The lock is a row of batch_lock taken by a conditional UPDATE (compare-and-set on the
holder read just before), committed at once so every other process sees it: on
PostgreSQL the second of two concurrent UPDATEs waits for the first and then finds the
row no longer as it read it; SQLite serialises writers. A process that dies keeps the
row: on its own host the next run sees its pid is gone and takes over at once; from
another host the lock is taken over once its holder has not beaten for STALE_AFTER.
"""

from __future__ import annotations

import contextlib
import os
import socket
from dataclasses import dataclass
from datetime import timedelta

from gamma import db
from gamma.context import Context
from gamma.errors import GammaError
from models import BatchLock

STALE_AFTER = timedelta(minutes=60)


class BatchBusy(GammaError):
    """Another run holds the lock."""


@dataclass(frozen=True)
class Holder:
    login: str
    host: str
    pid: int


def me(ctx: Context) -> Holder:
    return Holder(ctx.login, socket.gethostname()[:100], os.getpid())


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True


def _free(ctx: Context, lock: BatchLock, mine: Holder) -> bool:
    if not lock.holder:
        return True
    if lock.host == mine.host and lock.pid != mine.pid and not _alive(lock.pid):
        return True  # its process ended without releasing (killed, power cut)
    beaten = lock.heartbeat_at or lock.acquired_at
    return beaten is None or beaten < ctx.now() - STALE_AFTER


def _busy(ctx: Context, what: str, lock: BatchLock) -> BatchBusy:
    since = ctx.local(lock.acquired_at) if lock.acquired_at else None
    when = ""
    if since is not None:
        when = since.strftime(" alle %H:%M" if since.date() == ctx.today()
                              else " il %d/%m/%Y alle %H:%M")
    return BatchBusy(
        f"{what} già in esecuzione: avviata da {lock.holder} su {lock.host} (processo "
        f"{lock.pid}){when}; questa esecuzione non parte. Se quel processo non è più "
        f"attivo, il blocco si libera da solo dopo {int(STALE_AFTER.total_seconds() // 60)} "
        "minuti senza segni di vita")


def _row(name: str) -> BatchLock:
    database = db.current()
    p = database.param
    # The row exists once per name; inserting it twice is harmless (DO NOTHING).
    database.execute_sql(f'INSERT INTO "batch_lock" ("name", "holder", "host", "pid") '
                         f"VALUES ({p}, '', '', 0) ON CONFLICT (\"name\") DO NOTHING", [name])
    return BatchLock.get(BatchLock.name == name)


def acquire(ctx: Context, name: str, what: str) -> Holder:
    """Take the lock `name` or raise BatchBusy naming who holds it (`what` names the work
    in the message). Must run outside any transaction: the lock commits at once."""
    if db.in_transaction():
        raise GammaError(f"{what}: il blocco va preso fuori da una transazione")
    mine = me(ctx)
    with db.transaction():
        lock = _row(name)
    if not _free(ctx, lock, mine):
        raise _busy(ctx, what, lock)
    now = ctx.now()
    with db.transaction():
        taken = (BatchLock.update(holder=mine.login, host=mine.host, pid=mine.pid,
                                  acquired_at=now, heartbeat_at=now)
                 .where(BatchLock.name == name, BatchLock.holder == lock.holder,
                        BatchLock.host == lock.host, BatchLock.pid == lock.pid)
                 .execute())
    if taken != 1:  # someone else took it between our read and our update
        raise _busy(ctx, what, BatchLock.get(BatchLock.name == name))
    return mine


def beat(ctx: Context, name: str, holder: Holder) -> None:
    """Tell the others the holder is still working (between two units of work)."""
    with db.transaction():
        BatchLock.update(heartbeat_at=ctx.now()).where(
            BatchLock.name == name, BatchLock.host == holder.host,
            BatchLock.pid == holder.pid).execute()


def release(ctx: Context, name: str, holder: Holder) -> None:
    """Free the lock if `holder` still has it (a takeover after staleness keeps it)."""
    with db.transaction():
        BatchLock.update(holder="", host="", pid=0, acquired_at=None, heartbeat_at=None).where(
            BatchLock.name == name, BatchLock.host == holder.host,
            BatchLock.pid == holder.pid).execute()


@contextlib.contextmanager
def held(ctx: Context, name: str, what: str):
    """Hold the lock for the duration of the block; released even on error."""
    holder = acquire(ctx, name, what)
    try:
        yield holder
    finally:
        release(ctx, name, holder)


def status(name: str) -> BatchLock | None:
    """The lock's row, to show who holds it (None if never taken)."""
    return BatchLock.get_or_none(BatchLock.name == name)
