"""gamma einvoice selfinvoice: the self-invoice (TD16-TD19) of a received supplier
invoice, confirmed and ready to export."""

from __future__ import annotations

import click

from gamma import functions
from gamma.cli.einvoice_cmd import einvoice
from gamma.cli.output import emit_json, json_option
from gamma.cli.state import CliState, pass_state, uses
from gamma.einvoice import selfinvoice
from gamma.sales import kinds

TYPES = "; ".join(f"{code} {text}" for code, text in kinds.SELF_INVOICE_TYPES.items())


@uses(functions.RECEIVED_INVOICES)
@einvoice.command("selfinvoice")
@click.argument("received_id", type=int)
@click.option("--type", "kind", required=True, help=f"Tipo documento: {TYPES}.")
@click.option("--vat-code", default="22", show_default=True,
              help="Codice IVA dell'integrazione (l'aliquota dovuta dall'acquirente).")
@json_option
@pass_state
def selfinvoice_cmd(state: CliState, received_id: int, kind: str, vat_code: str,
                    as_json: bool):
    """Create and confirm the self-invoice of the received invoice RECEIVED_ID (see
    `gamma received list`): the supplier as seller, the company as buyer, VAT at the code
    given; export it with `gamma einvoice export ID`."""
    ctx = state.context(need_company=True)
    doc = selfinvoice.create(ctx, received_id, kind, vat_code)
    if as_json:
        emit_json(selfinvoice.as_dict(doc))
        return
    click.echo(f"Autofattura {doc.subkind} n. {doc.number} del {doc.date:%d/%m/%Y} "
               f"(documento {doc.id}): imponibile {doc.taxable:.2f}, IVA {doc.vat:.2f}"
               .replace(".", ","))


COMMANDS: list = []  # adds a command to the einvoice group
