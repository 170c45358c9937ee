"""Operator sessions: who is connected, from where; ending one releases its locks.

An administrator may end another operator's session (982, `gamma session end`): its locks
are freed at once, and the operator's terminal, at its next step (opening a function),
finds the session ended, keeps the drafts and goes back to the login."""

from __future__ import annotations

import os
import socket

from gamma import db, functions
from gamma.audit import log
from gamma.context import Context
from gamma.errors import GammaError, NotFound
from gamma.service import operation
from models import Operator, RecordLock, Session


class SessionEnded(GammaError):
    """This terminal's session was ended by an administrator."""


def start(ctx: Context, origin: str, remote: str = "") -> Context:
    """Open a session for the operator in `ctx`; return the context carrying it."""
    with db.transaction():
        session = Session.create(
            operator=ctx.operator, company_code=ctx.company.code if ctx.company else None,
            origin=origin, host=socket.gethostname(), pid=os.getpid(), remote=remote,
            started_at=ctx.now(), last_seen_at=ctx.now())
    return ctx.with_session(session.id)


def touch(ctx: Context) -> None:
    """Note that the session is alive (the UI calls this on activity, not on a timer);
    SessionEnded when an administrator ended it."""
    if ctx.session_id is None:
        return
    alive = Session.update(last_seen_at=ctx.now(),
                           company_code=ctx.company.code if ctx.company else None).where(
        Session.id == ctx.session_id, Session.ended_at.is_null()).execute()
    if not alive:
        raise SessionEnded("Sessione chiusa dall'amministratore: le bozze sono conservate, "
                           "accedere di nuovo")


def end(ctx: Context, session_id: int | None = None) -> None:
    """End the session and release every lock it holds."""
    session_id = session_id if session_id is not None else ctx.session_id
    if session_id is None:
        return
    with db.transaction():
        RecordLock.delete().where(RecordLock.session == session_id).execute()
        Session.update(ended_at=ctx.now()).where(
            Session.id == session_id, Session.ended_at.is_null()).execute()


@operation(functions.SESSIONS)
def terminate(ctx: Context, session_id: int) -> Session:
    """An administrator ends another operator's session: its locks are freed; audited."""
    session = Session.get_or_none(Session.id == session_id)
    if session is None or session.ended_at is not None:
        raise NotFound(f"Sessione {session_id}: inesistente o già chiusa")
    if session_id == ctx.session_id:
        raise GammaError(f"Sessione {session_id}: è la propria, uscire con Esc dal menu")
    end(ctx, session_id)
    login = Operator.get_by_id(session.operator_id).display
    log.record_event(ctx, "end_session", f"Sessione di {login} chiusa ({session.origin} "
                     f"da {session.remote or session.host})", "session", str(session_id))
    return session


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def reap(ctx: Context) -> int:
    """End the sessions of this host whose process is gone (killed, crashed); return how many."""
    host = socket.gethostname()
    dead = [s.id for s in Session.select().where(Session.ended_at.is_null(), Session.host == host)
            if s.pid and not _pid_alive(s.pid)]
    for session_id in dead:
        end(ctx, session_id)
    return len(dead)


@operation(functions.SESSIONS, write=False)
def active(ctx: Context) -> list[Session]:
    """The sessions open now, oldest first."""
    reap(ctx)
    return list(Session.select(Session, Operator).join(Operator)
                .where(Session.ended_at.is_null()).order_by(Session.started_at))
