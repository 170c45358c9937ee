"""gamma tui."""

from __future__ import annotations

import importlib

import click

from gamma import functions
from gamma.cli.state import CliState, pass_state, uses


@uses(functions.FUNCTION_LIST)
@click.command("tui")
@pass_state
def tui(state: CliState):
    """Open the terminal interface (login, company, main menu)."""
    state.database()
    # Textual is loaded only here, on demand: the rest of the core never imports a screen.
    app_module = importlib.import_module("screens.app")
    app_module.GammaApp(state.settings).run()


COMMANDS = [tui]
