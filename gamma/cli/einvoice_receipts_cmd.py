"""gamma einvoice receipts — SDI outcomes read from files, folders and PEC e-mails — and
gamma einvoice import, the supplier files' import under the e-invoice commands."""

from __future__ import annotations

from pathlib import Path

import click

from gamma import functions
from gamma.cli.einvoice_cmd import einvoice
from gamma.cli.einvoice_in_cmd import import_cmd
from gamma.cli.output import emit_json, json_option
from gamma.cli.state import CliState, pass_state, uses
from gamma.einvoice import outcomes


@uses(functions.EINVOICES)
@einvoice.command("receipts")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@json_option
@pass_state
def receipts(state: CliState, paths, as_json: bool):
    """Record SDI's receipts and notifications (XML files, folders of them, or the PEC
    e-mails .eml that carry them) on the e-invoice files they name."""
    ctx = state.context(need_company=True)
    done = outcomes.apply_files(ctx, [Path(p) for p in paths])
    if as_json:
        emit_json([{"file": a.message.file_name, "message": a.message.kind,
                    "sdi_id": a.message.sdi_id, "state": a.state or None,
                    "note": a.note or None,
                    "errors": [{"code": e.code, "description": e.description}
                               for e in a.message.errors]} for a in done])
        return
    for a in done:
        line = f"{a.message.file_name}: {a.message.summary()}"
        if a.state:
            line += f" → {a.state}"
        click.echo(line + (f" ({a.note})" if a.note else ""))


# `gamma einvoice import` is `gamma received import`: the name the issue and sysadmins use.
einvoice.add_command(import_cmd, "import")

COMMANDS: list = []  # adds commands to the einvoice group
