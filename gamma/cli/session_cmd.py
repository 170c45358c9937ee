"""gamma session list | end, gamma lock list | release."""

from __future__ import annotations

import click

from gamma import functions, locks, sessions
from gamma.cli.output import emit, json_option
from gamma.cli.state import CliState, pass_state, uses


@click.group("session")
def session():
    """Operators connected now."""


@uses(functions.SESSIONS)
@session.command("list")
@json_option
@pass_state
def session_list(state: CliState, as_json: bool):
    """List open sessions (sessions of vanished processes are closed first)."""
    ctx = state.context()
    rows = [{"id": s.id, "operator": s.operator.login, "company": s.company_code,
             "origin": s.origin, "remote": s.remote, "host": s.host, "pid": s.pid,
             "started_at": s.started_at, "last_seen_at": s.last_seen_at}
            for s in sessions.active(ctx)]
    emit(rows, {"id": "Sessione", "operator": "Operatore", "company": "Ditta",
                "origin": "Tipo", "remote": "Da", "started_at": "Dalle",
                "last_seen_at": "Ultima attività"}, as_json, ctx)


@uses(functions.SESSIONS)
@session.command("end")
@click.argument("session_id", type=int)
@pass_state
def session_end(state: CliState, session_id: int):
    """End another operator's session (SESSION_ID from `gamma session list`): its locks are
    freed; its terminal returns to the login at its next step, keeping the drafts."""
    ended = sessions.terminate(state.context(), session_id)
    click.echo(f"Sessione {session_id} di {ended.operator.login.upper()} chiusa")


@click.group("lock")
def lock():
    """Records in use."""


@uses(functions.LOCKS)
@lock.command("list")
@json_option
@pass_state
def lock_list(state: CliState, as_json: bool):
    """List the records being edited now, by whom and since when."""
    ctx = state.context()
    rows = [{"table": lk.table_name, "key": lk.record_key, "operator": lk.operator.login,
             "session": lk.session_id, "acquired_at": lk.acquired_at,
             "expires_at": lk.expires_at} for lk in locks.list_locks(ctx)]
    emit(rows, {"table": "Tabella", "key": "Record", "operator": "Operatore",
                "acquired_at": "Dalle", "expires_at": "Scade"}, as_json, ctx)


@uses(functions.LOCKS)
@lock.command("release")
@click.argument("table")
@click.argument("key")
@pass_state
def lock_release(state: CliState, table: str, key: str):
    """Free the lock on record KEY of TABLE left behind by a session."""
    if locks.force_release(state.context(), table, key):
        click.echo(f"Blocco su {table} {key} rimosso")
    else:
        click.echo(f"Nessun blocco su {table} {key}")


COMMANDS = [session, lock]
