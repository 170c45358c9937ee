"""gamma layout list | show | import | delete: fixed-width record layouts."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import click

from gamma import functions
from gamma.cli.output import emit, json_option
from gamma.cli.state import CliState, pass_state, uses
from gamma.interchange import layouts

HEADERS = {"name": "Campo", "start": "Inizio", "length": "Lung.", "type": "Tipo",
           "decimals": "Dec.", "align": "Allin.", "pad": "Riemp."}


@click.group("layout")
def layout():
    """Fixed-width record layouts (tracciati record) for imports and exports."""


@uses(functions.RECORD_LAYOUTS)
@layout.command("list")
@json_option
@pass_state
def list_cmd(state: CliState, as_json: bool):
    """List the layouts of the company."""
    ctx = state.context(need_company=True)
    rows = [{"name": r.name, "description": r.description,
             "width": layouts.get(ctx, r.name).width} for r in layouts.list_layouts(ctx)]
    emit(rows, {"name": "Tracciato", "description": "Descrizione", "width": "Larghezza"},
         as_json, ctx)


@uses(functions.RECORD_LAYOUTS)
@layout.command("show")
@click.argument("name")
@json_option
@pass_state
def show(state: CliState, name: str, as_json: bool):
    """Show the fields of layout NAME."""
    ctx = state.context(need_company=True)
    found = layouts.get(ctx, name)
    rows = [{**dataclasses.asdict(f), "align": f.alignment, "pad": repr(f.padding)}
            for f in found.fields]
    emit(rows, HEADERS, as_json, ctx)


@uses(functions.RECORD_LAYOUTS)
@layout.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--name", help="Store under this name (default: the file's `name`).")
@pass_state
def import_cmd(state: CliState, file: str, name: str | None):
    """Define (or replace) a layout from a TOML file with [[field]] tables (name, start,
    length, type text|number|date, decimals, align left|right, pad) or a JSON file."""
    ctx = state.context(need_company=True)
    stored_name, description, fields = layouts.parse_file(Path(file).read_bytes(), file)
    saved = layouts.save(ctx, name or stored_name or Path(file).stem, fields, description)
    click.echo(f"Tracciato «{saved.name}» registrato: {len(fields)} campi")


@uses(functions.RECORD_LAYOUTS)
@layout.command("delete")
@click.argument("name")
@pass_state
def delete(state: CliState, name: str):
    """Delete layout NAME."""
    layouts.delete(state.context(need_company=True), name)
    click.echo(f"Tracciato «{name}» eliminato")


COMMANDS = [layout]
