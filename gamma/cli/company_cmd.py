"""gamma company add | list | show."""

from __future__ import annotations

import click

from gamma import companies, functions
from gamma.cli.output import emit, emit_record, json_option
from gamma.cli.state import CliState, pass_state, uses
from models import Company

HEADERS = {"code": "Ditta", "name": "Ragione sociale", "vat_number": "Partita IVA",
           "tax_code": "Codice fiscale", "active": "Attiva"}


def as_row(company: Company) -> dict:
    return {"code": company.code, "name": company.name, "vat_number": company.vat_number,
            "tax_code": company.tax_code, "active": company.active,
            "created_at": company.created_at}


@click.group("company")
def company():
    """Companies (ditte), codes 1-9999."""


@uses(functions.COMPANY_EDIT)
@company.command("add")
@click.argument("code", type=int)
@click.argument("name")
@click.option("--vat-number", default="", help="Partita IVA (11 digits).")
@click.option("--tax-code", default="", help="Codice fiscale.")
@pass_state
def add(state: CliState, code: int, name: str, vat_number: str, tax_code: str):
    """Create company CODE named NAME."""
    created = companies.add(state.context(), code, name, vat_number, tax_code)
    click.echo(f"Creata la ditta {created.code} «{created.name}»")


@uses(functions.COMPANY_LIST)
@company.command("list")
@json_option
@pass_state
def list_cmd(state: CliState, as_json: bool):
    """List the companies the operator may open."""
    ctx = state.context()
    emit([as_row(c) for c in companies.list_companies(ctx)], HEADERS, as_json, ctx)


@uses(functions.COMPANY_LIST)
@company.command("show")
@click.argument("code", type=int)
@json_option
@pass_state
def show(state: CliState, code: int, as_json: bool):
    """Show company CODE."""
    ctx = state.context()
    emit_record(as_row(companies.get(ctx, code)), {**HEADERS, "created_at": "Creata il"},
                as_json, ctx)


COMMANDS = [company]
