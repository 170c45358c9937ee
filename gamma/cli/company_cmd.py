"""gamma company add | set (edit) | list | show."""

from __future__ import annotations

import click

from gamma import companies, companies_form, functions
from gamma.access.forms import COMPANY
from gamma.cli.output import emit, emit_record, json_option
from gamma.cli.state import CliState, pass_state, uses
from models import Company

HEADERS = {"code": "Ditta", "name": "Ragione sociale", "vat_number": "Partita IVA",
           "tax_code": "Codice fiscale", "active": "Attiva"}
# `company show` shows every field of the mask.
DETAIL_HEADERS = {name: COMPANY.field(name).label for name in companies_form.DETAILS}


def as_row(company: Company) -> dict:
    return {"code": company.code, "name": company.name, "vat_number": company.vat_number,
            "tax_code": company.tax_code, "active": company.active,
            "created_at": company.created_at}


def as_detail(company: Company) -> dict:
    return {**as_row(company), **{name: getattr(company, name)
                                  for name in companies_form.DETAILS}}


REGIMES = ", ".join(f"{code} {label}" for code, label in COMPANY.field("tax_regime").choices)

# (option, form field, help): the registered office, contacts and fiscal data.
DETAIL_OPTIONS = (
    ("--address", "address", "Indirizzo della sede."),
    ("--zip", "zip", "CAP (5 cifre per l'Italia)."),
    ("--city", "city", "Comune."),
    ("--province", "province", "Provincia, sigla di 2 lettere."),
    ("--country", "country", "Nazione, codice ISO di 2 lettere (IT)."),
    ("--phone", "phone", "Telefono."),
    ("--email", "email", "E-mail."),
    ("--pec", "pec", "PEC."),
    ("--tax-regime", "tax_regime", f"Regime fiscale FatturaPA: {REGIMES}."),
    ("--rea-office", "rea_office", "Ufficio REA: sigla della provincia."),
    ("--rea-number", "rea_number", "Numero REA."),
    ("--share-capital", "share_capital", "Capitale sociale (1234,56; vuoto per nessuno)."),
    ("--sole-shareholder", "sole_shareholder", "SU socio unico, SM più soci, vuoto."),
    ("--liquidation", "liquidation", "LN non in liquidazione, LS in liquidazione."),
    ("--fund-type", "fund_type", "Cassa previdenziale addebitata sui compensi: TC01…TC22 "
     "(TC22 INPS); vuoto per nessuna."),
    ("--fund-rate", "fund_rate", "Aliquota della cassa previdenziale (4)."),
    ("--enasarco-rate", "enasarco_rate", "Agente: quota ENASARCO trattenuta dal mandante "
     "(8,50); vuoto per nessuna."),
    ("--withholding-reason", "withholding_reason", "Causale delle ritenute (modello 770: A "
     "professionisti, R agenti); vuoto per l'impostazione."),
)


def detail_options(command):
    for option, name, text in reversed(DETAIL_OPTIONS):
        command = click.option(option, name, default=None, help=text)(command)
    return command


def _given(ctx, options: dict) -> dict:
    """The options typed, each parsed as the company mask parses what is typed ("" clears)."""
    return {name: COMPANY.field(name).parse(text, ctx.today())
            for name, text in options.items() if text is not None}


@click.group("company")
def company():
    """Companies (ditte), codes 1-9999."""


@uses(functions.COMPANY_EDIT)
@company.command("add")
@click.argument("code", type=int)
@click.argument("name")
@click.option("--vat-number", default="", help="Partita IVA (11 digits).")
@click.option("--tax-code", default="", help="Codice fiscale.")
@detail_options
@pass_state
def add(state: CliState, code: int, name: str, vat_number: str, tax_code: str, **options):
    """Create company CODE named NAME, with its registered office and fiscal data."""
    ctx = state.context()
    values = {**_given(ctx, options), "code": code, "name": name,
              "vat_number": vat_number, "tax_code": tax_code}
    created = companies_form.save_from_form(ctx, values)
    click.echo(f"Creata la ditta {created.code} «{created.name}»")


@uses(functions.COMPANY_EDIT)
@company.command("set")
@click.argument("code", type=int)
@click.option("--name", default=None, help="Ragione sociale.")
@click.option("--vat-number", default=None, help="Partita IVA (11 digits).")
@click.option("--tax-code", default=None, help="Codice fiscale.")
@click.option("--active/--inactive", default=None, help="Attiva o disattivata.")
@detail_options
@pass_state
def set_cmd(state: CliState, code: int, **options):
    """Change company CODE: only the options given change ("" clears a field)."""
    ctx = state.context()
    active = options.pop("active")
    values = _given(ctx, options)
    if active is not None:
        values["active"] = active
    changed = companies_form.save_from_form(ctx, values, code)
    click.echo(f"Modificata la ditta {changed.code} «{changed.name}»")


# `gamma company edit` is the same command, by the name the e-invoicing issue uses.
company.add_command(set_cmd, "edit")


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
    emit_record(as_detail(companies.get(ctx, code)),
                {**HEADERS, **DETAIL_HEADERS, "created_at": "Creata il"}, as_json, ctx)


COMMANDS = [company]
