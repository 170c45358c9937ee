"""gamma config show."""

from __future__ import annotations

import re

import click

from gamma import functions
from gamma.cli.output import emit, json_option
from gamma.cli.state import CliState, pass_state, uses


def _mask(key: str, value):
    if key == "database.url" and isinstance(value, str):
        return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", value)
    # Secrets (the PEC mailbox's password…) are shown as set or not, never in clear.
    if key.rsplit(".", 1)[-1] in ("password", "secret", "token") and value:
        return "***"
    return value


@click.group("config")
def config():
    """Configuration."""


@uses(functions.CONFIG_SHOW)
@config.command("show")
@json_option
@pass_state
def show(state: CliState, as_json: bool):
    """Print the effective settings and where each came from.

    Reads only the configuration files and the environment (no database), so that it
    also works when the database cannot be reached.
    """
    s = state.settings
    rows = [{"key": key, "value": _mask(key, value), "source": source, "doc": doc}
            for key, value, doc, source in s.items()]
    effective = next(r for r in rows if r["key"] == "database.url")
    if not effective["value"]:
        effective["value"] = _mask("database.url", s.database_url)
        effective["source"] += " (da paths.data_dir)"
    if as_json:
        emit(rows, {}, True)
        return
    emit(rows, {"key": "Impostazione", "value": "Valore", "source": "Origine"}, False)


COMMANDS = [config]
