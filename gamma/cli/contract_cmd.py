"""gamma contract import | list | show — contracts of periodic invoicing."""

from __future__ import annotations

import json

import click

from gamma import functions
from gamma.cli.output import emit, emit_json, json_option
from gamma.cli.state import CliState, pass_state, uses
from gamma.contracts import contracts
from gamma.contracts.periods import FREQUENCIES
from gamma.errors import GammaError


@click.group("contract")
def contract():
    """Contracts of periodic invoicing: customer, frequency, billing items."""


@uses(functions.CONTRACTS)
@contract.command("import")
@click.argument("file", type=click.File("r", encoding="utf-8"))
@pass_state
def import_(state: CliState, file):
    """Import contracts with their items from a JSON list (all or nothing; a contract
    whose code exists is replaced with its items). Keys: see README, "Fatturazione
    periodica"."""
    ctx = state.context(need_company=True)
    try:
        data = json.load(file)
    except json.JSONDecodeError as exc:
        raise GammaError(f"File JSON non valido: riga {exc.lineno}, {exc.msg}") from None
    saved = contracts.import_contracts(ctx, data)
    click.echo(f"Importati {len(saved)} contratti: " + ", ".join(c.code for c in saved))


@uses(functions.CONTRACTS)
@contract.command("list")
@click.option("--customer", default="", help="Only this customer's contracts.")
@click.option("--active", "active_only", is_flag=True, help="Only active contracts.")
@json_option
@pass_state
def list_(state: CliState, customer: str, active_only: bool, as_json: bool):
    """List the contracts with their frequency and the last period billed."""
    ctx = state.context(need_company=True)
    rows = [{"code": c.code, "customer": c.party.code, "series": c.series,
             "frequency": c.frequency if as_json else FREQUENCIES[c.frequency][1],
             "kind": c.kind if as_json else contracts.KINDS[c.kind], "start": c.start,
             "end": c.end, "billed_to": c.billed_to, "active": c.active}
            for c in contracts.list_contracts(ctx, customer, active_only)]
    emit(rows, {"code": "Contratto", "customer": "Cliente", "series": "Sez.",
                "frequency": "Periodicità", "kind": "Documento", "start": "Inizio",
                "end": "Fine", "billed_to": "Fatturato al", "active": "Attivo"}, as_json, ctx)


@uses(functions.CONTRACTS)
@contract.command("show")
@click.argument("code")
@json_option
@pass_state
def show(state: CliState, code: str, as_json: bool):
    """Show a contract with its items (as the import takes it)."""
    ctx = state.context(need_company=True)
    data = contracts.as_dict(contracts.find(ctx, code))
    if as_json:
        emit_json(data)
        return
    billed = f", fatturato al {data['billed_to']:%d/%m/%Y}" if data["billed_to"] else ""
    click.echo(f"Contratto {data['code']} cliente {data['customer']}, "
               f"{FREQUENCIES[data['frequency']][1].lower()} dal {data['start']:%d/%m/%Y}"
               f"{billed}, {contracts.KINDS[data['kind']].lower()}")
    emit([{**i, "type": contracts.ITEM_TYPES[i["type"]]} for i in data["items"]],
         {"type": "Tipo", "article": "Articolo", "description": "Descrizione",
          "qty": "Q.tà", "price": "Prezzo", "repeat": "Ripet.", "months": "Mesi",
          "instalments": "Rate", "billed_count": "Fatturate"}, False, ctx)


COMMANDS = [contract]
