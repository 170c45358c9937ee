"""gamma mask set | list | delete: user-built masks (maschere personalizzate)."""

from __future__ import annotations

import json

import click

from gamma import functions, masks
from gamma.access import grantees
from gamma.access.grants import Grantee
from gamma.cli.output import emit, json_option
from gamma.cli.state import CliState, pass_state, uses


def _grantee(login: str | None, group: str | None) -> Grantee | None:
    if login and group:
        raise click.UsageError("--operator e --group si escludono")
    if login:
        return Grantee.of_operator(login)
    return Grantee.of_group(group) if group else None


def _for(grantee: Grantee | None) -> str:
    return grantees.name(grantee) or "tutti"


grantee_options = [
    click.option("--operator", "login", metavar="LOGIN", help="Only for this operator."),
    click.option("--group", metavar="CODE", help="Only for this group."),
]


def with_grantee(command):
    for option in reversed(grantee_options):
        command = option(command)
    return command


@click.group("mask")
def mask():
    """User-built masks: fields, order, widths and labels of a form, per operator or group."""


@uses(functions.MASK_LAYOUTS)
@mask.command("set")
@click.argument("form")
@click.option("--fields", "spec", required=True, metavar="SPEC",
              help="Fields in order: name[:width[:label]],... e.g. "
              "'login,name:30:Nominativo,active'.")
@with_grantee
@pass_state
def set_cmd(state: CliState, form: str, spec: str, login: str | None, group: str | None):
    """Set the layout of FORM for everybody, or for one operator or group."""
    grantee = _grantee(login, group)
    layout = masks.set_layout(state.context(), form, masks.parse_spec(spec), grantee)
    click.echo(f"Maschera personalizzata di {layout.form} per {_for(grantee)} registrata")


@uses(functions.MASK_LAYOUTS)
@mask.command("list")
@click.option("--form", help="Only this form's layouts.")
@json_option
@pass_state
def list_cmd(state: CliState, form: str | None, as_json: bool):
    """List the user-built masks."""
    ctx = state.context()
    rows = []
    for layout in masks.list_layouts(ctx):
        if form and layout.form != form:
            continue
        fields = json.loads(layout.fields)
        rows.append({"form": layout.form, "for": grantees.shown(layout),
                     "fields": fields if as_json else ",".join(
                         f"{f['name']}:{f['width']}:{f['label']}" for f in fields),
                     "updated_at": layout.updated_at, "updated_by": layout.updated_by})
    emit(rows, {"form": "Maschera", "for": "Per", "fields": "Campi",
                "updated_at": "Modificata", "updated_by": "Da"}, as_json, ctx)


@uses(functions.MASK_LAYOUTS)
@mask.command("delete")
@click.argument("form")
@with_grantee
@pass_state
def delete(state: CliState, form: str, login: str | None, group: str | None):
    """Delete the layout of FORM for everybody, or for one operator or group."""
    grantee = _grantee(login, group)
    masks.delete_layout(state.context(), form, grantee)
    click.echo(f"Maschera personalizzata di {form} per {_for(grantee)} eliminata")


COMMANDS = [mask]
