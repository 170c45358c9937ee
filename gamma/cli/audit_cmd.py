"""gamma audit list."""

from __future__ import annotations

import json

import click

from gamma import functions
from gamma.audit import params, view
from gamma.cli.output import emit, json_option
from gamma.cli.presets_support import with_presets
from gamma.cli.state import CliState, pass_state, uses


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
    # The same reading of the parameters as the audit viewer's mask (941).
    query = params.query(ctx, who, since, until, function_code, action, table, key, limit)
    rows = [{"id": e.id, "at": ctx.local(e.at), "operator": e.operator_login,
             "company": e.company_code, "function": e.function_code, "action": e.action,
             "table": e.table_name, "key": e.record_key,
             "changes": json.loads(e.changes) if e.changes else None, "message": e.message}
            for e in view.search(ctx, query)]
    if not as_json:
        for row in rows:
            row["what"] = row["message"] or params.changes_text(row["action"],
                                                                row["changes"] or {})
    emit(rows, {"at": "Quando", "operator": "Operatore", "company": "Ditta",
                "function": "Funz.", "action": "Azione", "table": "Tabella", "key": "Record",
                "what": "Dettaglio"}, as_json, ctx)


COMMANDS = [audit]
