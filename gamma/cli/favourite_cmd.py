"""gamma favourite set | list | clear: the acting operator's favourite commands."""

from __future__ import annotations

import click

from gamma import favourites, functions
from gamma.cli.output import emit, json_option
from gamma.cli.state import CliState, pass_state, uses


@click.group("favourite")
def favourite():
    """Favourite commands (preferiti) of the acting operator, positions 1-9."""


@uses(functions.FAVOURITES)
@favourite.command("set")
@click.argument("position", type=int)
@click.argument("function")
@pass_state
def set_cmd(state: CliState, position: int, function: str):
    """Put FUNCTION (code or mnemonic) at POSITION (1-9), replacing what was there."""
    chosen = favourites.set_favourite(state.context(), position, function)
    click.echo(f"Preferito {position}: {chosen.label()}")


@uses(functions.FAVOURITES)
@favourite.command("list")
@json_option
@pass_state
def list_cmd(state: CliState, as_json: bool):
    """List the acting operator's favourites (those still allowed)."""
    ctx = state.context()
    rows = [{"position": position, "code": f.code, "mnemonic": f.mnemonic, "title": f.title}
            for position, f in favourites.listed(ctx)]
    emit(rows, {"position": "Pos.", "code": "Funzione", "mnemonic": "Sigla",
                "title": "Descrizione"}, as_json, ctx)


@uses(functions.FAVOURITES)
@favourite.command("clear")
@click.argument("position", type=int)
@pass_state
def clear(state: CliState, position: int):
    """Empty POSITION (1-9)."""
    if position not in favourites.POSITIONS:
        raise click.BadParameter("deve essere da 1 a 9", param_hint="POSITION")
    favourites.clear(state.context(), position)
    click.echo(f"Preferito {position} tolto")


COMMANDS = [favourite]
