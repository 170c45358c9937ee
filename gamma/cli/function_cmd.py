"""gamma function list."""

from __future__ import annotations

import click

from gamma import functions
from gamma.access import permissions
from gamma.cli.output import emit, json_option
from gamma.cli.state import CliState, pass_state, uses


@click.group("function")
def function():
    """The function codes: the unit of permission."""


@uses(functions.FUNCTION_LIST)
@function.command("list")
@click.option("--all", "show_all", is_flag=True, help="Also functions the operator may not use.")
@json_option
@pass_state
def list_cmd(state: CliState, show_all: bool, as_json: bool):
    """List function codes, mnemonics and titles granted to the acting operator."""
    ctx = state.context()
    allowed = permissions.allowed_functions(ctx.operator)
    rows = [{"code": f.code, "mnemonic": f.mnemonic, "title": f.title,
             "area": functions.AREAS[f.area], "allowed": f.code in allowed}
            for f in functions.all_functions() if show_all or f.code in allowed]
    emit(rows, {"code": "Codice", "mnemonic": "Sigla", "title": "Funzione",
                "allowed": "Consentita"}, as_json, ctx)


COMMANDS = [function]
