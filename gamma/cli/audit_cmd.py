"""gamma audit list."""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta

import click

from gamma import dates, functions
from gamma.audit import view
from gamma.cli.output import emit, json_option
from gamma.cli.presets_support import with_presets
from gamma.cli.state import CliState, pass_state, uses
from gamma.context import Context


def _start_of(ctx: Context, text: str | None, field: str, label: str) -> datetime | None:
    day = dates.parse_date(text, ctx.today(), field, label) if text else None
    return datetime.combine(day, time(), ctx.tz) if day else None


def _changes_text(action: str, changes: dict) -> str:
    if action == "insert":
        return ", ".join(f"{k}={n}" for k, (_, n) in changes.items())
    if action == "delete":
        return ", ".join(f"{k}={o}" for k, (o, _) in changes.items())
    return ", ".join(f"{k}: {o} → {n}" for k, (o, n) in changes.items())


@click.group("audit")
def audit():
    """The audit log."""


@uses(functions.AUDIT_VIEW)
@audit.command("list")
@click.option("--operator", "who", metavar="LOGIN", help="Only this operator's entries.")
@click.option("--since", metavar="DATE", help="From this date (dd/mm/yyyy, yyyy-mm-dd, -N days).")
@click.option("--until", metavar="DATE", help="Up to this date, included.")
@click.option("--function", "function_code", metavar="CODE", help="Only this function.")
@click.option("--action", help="Only this action (insert, update, delete, denied, login, …).")
@click.option("--table", help="Only this table.")
@click.option("--key", help="Only this record (with --table).")
@click.option("--limit", type=click.IntRange(1, 100000), default=200, show_default=True)
@json_option
@with_presets("audit list")
@pass_state
def list_cmd(state: CliState, who, since, until, function_code, action, table, key, limit,
             as_json):
    """List audit entries, newest first."""
    ctx = state.context()
    end = _start_of(ctx, until, "until", "Fino al")
    query = view.AuditQuery(
        operator=who, since=_start_of(ctx, since, "since", "Dal"),
        until=end + timedelta(days=1) if end else None,
        function=functions.get(function_code).code if function_code else None,
        action=action, table=table, key=key, limit=limit)
    rows = [{"id": e.id, "at": ctx.local(e.at), "operator": e.operator_login,
             "company": e.company_code, "function": e.function_code, "action": e.action,
             "table": e.table_name, "key": e.record_key,
             "changes": json.loads(e.changes) if e.changes else None, "message": e.message}
            for e in view.search(ctx, query)]
    if not as_json:
        for row in rows:
            row["what"] = row["message"] or _changes_text(row["action"], row["changes"] or {})
    emit(rows, {"at": "Quando", "operator": "Operatore", "company": "Ditta",
                "function": "Funz.", "action": "Azione", "table": "Tabella", "key": "Record",
                "what": "Dettaglio"}, as_json, ctx)


COMMANDS = [audit]
