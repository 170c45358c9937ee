"""gamma preset list | show | delete."""

from __future__ import annotations

import json

import click

from gamma import functions, presets
from gamma.cli.output import emit, emit_record, json_option
from gamma.cli.state import CliState, pass_state, uses


def as_row(p: presets.StoredPreset) -> dict:
    return {"command": p.command, "name": p.name, "shared": p.shared, "owner": p.owner,
            "description": p.description, "params": p.params, "updated_at": p.updated_at,
            "updated_by": p.updated_by}


@click.group("preset")
def preset():
    """Stored command parameters (memorizzazione parametri)."""


@uses(functions.PRESETS)
@preset.command("list")
@click.option("--command", "command_name", metavar="COMMAND", help="Only this command's.")
@json_option
@pass_state
def list_cmd(state: CliState, command_name: str | None, as_json: bool):
    """List the operator's own presets and the shared ones."""
    ctx = state.context()
    rows = [as_row(p) for p in presets.list_presets(ctx, command_name)]
    emit(rows, {"command": "Comando", "name": "Nome", "shared": "Condiviso",
                "owner": "Proprietario", "updated_at": "Modificato"}, as_json, ctx)


@uses(functions.PRESETS)
@preset.command("show")
@click.argument("command_name", metavar="COMMAND")
@click.argument("name")
@json_option
@pass_state
def show(state: CliState, command_name: str, name: str, as_json: bool):
    """Show preset NAME of COMMAND (e.g. gamma preset show "audit list" mine)."""
    ctx = state.context()
    row = as_row(presets.load(ctx, command_name, name))
    if not as_json:
        row["params"] = json.dumps(row["params"], ensure_ascii=False)
    emit_record(row, {"command": "Comando", "name": "Nome", "shared": "Condiviso",
                      "owner": "Proprietario", "params": "Parametri",
                      "updated_at": "Modificato", "updated_by": "Da"}, as_json, ctx)


@uses(functions.PRESETS)
@preset.command("delete")
@click.argument("command_name", metavar="COMMAND")
@click.argument("name")
@click.option("--shared", is_flag=True, help="Delete the shared preset, not one's own.")
@pass_state
def delete(state: CliState, command_name: str, name: str, shared: bool):
    """Delete preset NAME of COMMAND."""
    presets.delete(state.context(), command_name, name, shared=True if shared else None)
    click.echo(f"Parametri «{name}» eliminati")


COMMANDS = [preset]
