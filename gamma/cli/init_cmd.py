"""gamma init."""

from __future__ import annotations

import sys

import click

from gamma import bootstrap, functions, schema
from gamma.cli.state import CliState, pass_state, uses


def read_password(from_stdin: bool, prompt: str) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt(prompt, hide_input=True, confirmation_prompt=True)


@uses(functions.DB_UPGRADE)
@click.command("init")
@click.option("--demo", is_flag=True, help=f"Also create the demo company "
              f"({bootstrap.DEMO_COMPANY}).")
@click.option("--password-stdin", is_flag=True,
              help="Read the administrator's password from standard input.")
@click.option("--company-name", default="La mia azienda", show_default=True,
              help="Name of company 1.")
@pass_state
def init(state: CliState, demo: bool, password_stdin: bool, company_name: str):
    """Upgrade the schema, create company 1 and the administrator `admin`.

    Safe to repeat: what exists is left as it is. The password is asked only when the
    administrator does not exist yet.
    """
    database = state.database(check_schema=False)
    applied = schema.upgrade(database)  # the operator table must exist to ask whether to init
    password = None
    if bootstrap.needs_init():
        password = read_password(password_stdin, "Password dell'amministratore")
    report = bootstrap.init(state.settings, database, password, company_name=company_name,
                            demo=demo)
    for name in applied + report.applied_migrations:
        click.echo(f"Applicata la migrazione {name}")
    for what in report.created:
        click.echo(f"Creato: {what}")
    for what in report.existing:
        click.echo(f"Già presente: {what}")


COMMANDS = [init]
