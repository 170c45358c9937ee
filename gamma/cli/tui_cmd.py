"""gamma tui."""

from __future__ import annotations

import importlib

import click

from gamma import functions
from gamma.cli.state import CliState, pass_state, uses


@uses(functions.FUNCTION_LIST)
@click.command("tui")
@click.option("--operator", "as_operator", metavar="LOGIN",
              help="Operator already authenticated by the caller (SSH server, OpenSSH "
                   "forced command): the login screen is skipped.")
@click.option("--origin", default="tui", hidden=True,
              type=click.Choice(["tui", "ssh"]), help="Where the session comes from.")
@click.option("--remote", default="", hidden=True, help="Client address, for the session.")
@click.option("--low-bandwidth/--full-bandwidth", "low_bandwidth", default=None,
              help="Small redraws for poor lines (default: the setting; on over SSH).")
@pass_state
def tui(state: CliState, as_operator: str | None, origin: str, remote: str,
        low_bandwidth: bool | None):
    """Open the terminal interface (login, company, main menu)."""
    state.database()
    # Textual is loaded only here, on demand: the rest of the core never imports a screen.
    app_module = importlib.import_module("screens.app")
    app_module.GammaApp(state.settings, origin=origin, remote=remote,
                        operator_login=as_operator, low_bandwidth=low_bandwidth).run()


COMMANDS = [tui]
