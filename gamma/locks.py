"""Record locks: "in uso da MARIO dalle 10:42".

A lock is taken when an operator starts editing a record and released on save, cancel,
session end or expiry. It is advisory for the faces (they offer read-only); the version
column is what finally refuses a stale write. Locks live in the database, so every
process (SSH sessions, CLI) sees them.
"""

from __future__ import annotations

import contextlib
from datetime import timedelta

from peewee import IntegrityError, Model

from gamma import db, functions
from gamma.audit import log
from gamma.context import Context
from gamma.errors import RecordLocked
from gamma.records import label
from gamma.service import operation
from models import Operator, RecordLock, Session


def _target(record: Model | tuple[str, str]) -> tuple[str, str, str]:
    if isinstance(record, Model):
        return record._meta.table_name, log.record_key(record), label(record)
    table, key = record
    return table, str(key), f"{table} {key}"


def _is_mine(ctx: Context, lock: RecordLock) -> bool:
    if ctx.session_id is not None:
        return lock.session_id == ctx.session_id
    return lock.session_id is None and ctx.operator is not None and lock.operator_id == ctx.operator.id


def _is_live(ctx: Context, lock: RecordLock) -> bool:
    if lock.expires_at <= ctx.now():
        return False
    if lock.session_id is None:
        return True
    session = Session.get_or_none(Session.id == lock.session_id)
    return session is not None and session.ended_at is None


def _refuse(ctx: Context, lock: RecordLock, what: str) -> RecordLocked:
    """"Ditta 1 in uso da MARIO dalle 10:42" (with the date when not today)."""
    since = ctx.local(lock.acquired_at)
    when = since.strftime("%H:%M") if since.date() == ctx.today() else since.strftime(
        "%d/%m/%Y %H:%M")
    holder = Operator.get_by_id(lock.operator_id).display
    return RecordLocked(f"{what.capitalize()} in uso da {holder} dalle {when}", holder,
                        lock.acquired_at)


def acquire(ctx: Context, record: Model | tuple[str, str]) -> RecordLock:
    """Take (or renew) the lock on a record; raise RecordLocked naming the holder."""
    table, key, what = _target(record)
    expires = ctx.now() + timedelta(minutes=ctx.settings.locks.expiry_minutes)
    with db.transaction():
        existing = RecordLock.get_or_none(table_name=table, record_key=key)
        if existing is not None:
            if _is_mine(ctx, existing):
                existing.expires_at = expires
                existing.save()
                return existing
            if _is_live(ctx, existing):
                raise _refuse(ctx, existing, what)
            existing.delete_instance()
        try:
            with db.transaction():
                return RecordLock.create(
                    table_name=table, record_key=key, operator=ctx.operator,
                    session=ctx.session_id, acquired_at=ctx.now(), expires_at=expires)
        except IntegrityError:
            # Another session took it between our read and our insert (PostgreSQL).
            raise _refuse(ctx, RecordLock.get(table_name=table, record_key=key), what) from None


def holder(ctx: Context, record: Model | tuple[str, str]) -> RecordLock | None:
    """The live lock on the record held by someone else, if any."""
    table, key, _ = _target(record)
    lock = RecordLock.get_or_none(table_name=table, record_key=key)
    if lock is None or _is_mine(ctx, lock) or not _is_live(ctx, lock):
        return None
    return lock


def release(ctx: Context, record: Model | tuple[str, str]) -> None:
    """Release our own lock on the record (no-op if we do not hold it)."""
    table, key, _ = _target(record)
    with db.transaction():
        lock = RecordLock.get_or_none(table_name=table, record_key=key)
        if lock is not None and _is_mine(ctx, lock):
            lock.delete_instance()


@contextlib.contextmanager
def editing(ctx: Context, record: Model | tuple[str, str]):
    """Hold the record's lock for the duration of an edit."""
    lock = acquire(ctx, record)
    try:
        yield lock
    finally:
        release(ctx, record)


@operation(functions.LOCKS, write=False)
def list_locks(ctx: Context) -> list[RecordLock]:
    return [lock for lock in RecordLock.select().order_by(RecordLock.acquired_at)
            if _is_live(ctx, lock)]


@operation(functions.LOCKS)
def force_release(ctx: Context, table: str, key: str) -> bool:
    """An administrator frees a lock left behind; audited."""
    lock = RecordLock.get_or_none(table_name=table, record_key=key)
    if lock is None:
        return False
    holder_login = Operator.get_by_id(lock.operator_id).display
    lock.delete_instance()
    log.record_event(ctx, "unlock", f"Blocco di {holder_login} rimosso", table, key)
    return True
