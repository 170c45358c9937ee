"""gamma received import | list | show: supplier e-invoices (fatture elettroniche ricevute).

A group of its own for now; it may later be offered as `gamma einvoice import` too."""

from __future__ import annotations

import click

from gamma import functions
from gamma.cli.output import emit, emit_json, json_option
from gamma.cli.state import CliState, pass_state, uses
from gamma.einvoice import receive, receive_view


@click.group("received")
def received():
    """Supplier e-invoices received (FatturaPA .xml and signed .xml.p7m)."""


@uses(functions.RECEIVED_INVOICES)
@received.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--any-recipient", is_flag=True,
              help="Import files addressed to another VAT number than the company's.")
@json_option
@pass_state
def import_cmd(state: CliState, files, any_recipient: bool, as_json: bool):
    """Import FILES: one invoice per body; a refused file leaves nothing behind and does
    not stop the others. Exit code 1 when any file was refused."""
    ctx = state.context(need_company=True)
    results = receive.import_files(ctx, list(files), any_recipient=any_recipient)
    if as_json:
        emit_json([r.as_dict() for r in results])
    else:
        for result in results:
            if result.ok:
                numbers = ", ".join(f"n. {i.number} del {i.date:%d/%m/%Y} totale "
                                    f"{receive_view.money(i.total)}" for i in result.invoices)
                click.echo(f"{result.message}: {numbers}")
            else:
                click.echo(f"NON importato: {result.message}", err=True)
    if not all(r.ok for r in results):
        raise SystemExit(1)


@uses(functions.RECEIVED_INVOICES)
@received.command("list")
@click.option("--supplier", default="", help="Only this supplier (party code).")
@json_option
@pass_state
def list_cmd(state: CliState, supplier: str, as_json: bool):
    """List received invoices, newest first."""
    ctx = state.context(need_company=True)
    rows = [receive.summary(i) for i in receive.list_invoices(ctx, supplier or None)]
    if not as_json:
        for row in rows:
            row["date"] = receive_view.day(row["date"])
            for key in ("taxable", "vat", "total"):
                row[key] = receive_view.money(row[key])
    emit(rows, {"id": "ID", "supplier": "Fornitore", "supplier_name": "Ragione sociale",
                "type": "Tipo", "number": "Numero", "date": "Data", "taxable": "Imponibile",
                "vat": "IVA", "total": "Totale"}, as_json, ctx)


@uses(functions.RECEIVED_INVOICES)
@received.command("show")
@click.argument("invoice_id", type=int)
@click.option("--pdf", "pdf_path", type=click.Path(dir_okay=False),
              help="Also write the invoice as a PDF to this file.")
@json_option
@pass_state
def show(state: CliState, invoice_id: int, pdf_path: str | None, as_json: bool):
    """Show a received invoice as a readable text (or JSON)."""
    ctx = state.context(need_company=True)
    invoice = receive.get(ctx, invoice_id)
    if pdf_path:
        receive_view.write_pdf(invoice, pdf_path)
    if as_json:
        emit_json(receive.detail(invoice))
    else:
        click.echo(receive_view.text(invoice))


COMMANDS = [received]
