"""gamma invoice deferred — deferred invoices from the delivery notes."""

from __future__ import annotations

import click

from gamma import functions
from gamma.cli.doc_cmd import _day
from gamma.cli.output import emit_json, json_option
from gamma.cli.presets_support import with_presets
from gamma.cli.state import CliState, pass_state, uses
from gamma.sales import deferred as deferred_invoicing
from gamma.sales import documents, json_io


@click.group("invoice")
def invoice():
    """Invoicing runs."""


@uses(functions.DEFERRED_INVOICING)
@invoice.command("deferred")
@click.option("--to", "date_to", metavar="DATE",
              help="Delivery notes up to this date (31/03/2026, 2026-03-31, oggi, -7).")
@click.option("--from", "date_from", metavar="DATE", help="Delivery notes from this date.")
@click.option("--customer", "customers", multiple=True, help="Only this customer (repeatable).")
@click.option("--series", default="", help="Series of the invoices.")
@click.option("--date", "invoice_date", metavar="DATE",
              help="Date of the invoices (default: --to).")
@click.option("--dry-run", is_flag=True, help="Show the groups, make nothing.")
@json_option
@with_presets("invoice deferred")
@pass_state
def deferred(state: CliState, date_to, date_from, customers, series, invoice_date, dry_run,
             as_json):
    """One deferred invoice per customer, destination and payment term, from the
    confirmed sale delivery notes with something left to invoice."""
    if not date_to:  # not required by click: a preset may give it
        raise click.UsageError("manca l'opzione --to (o un --preset che la contenga)")
    ctx = state.context(need_company=True)
    results = deferred_invoicing.run(
        ctx, _day(ctx, date_to, "to"), from_date=_day(ctx, date_from, "from"), customers=customers,
        series=series, invoice_date=_day(ctx, invoice_date, "date"), dry_run=dry_run)
    if as_json:
        emit_json([{"customer": r.customer, "delivery_notes": [n.number for n in r.notes],
                    "invoice": json_io.as_json(r.invoice) if r.invoice else None,
                    "error": r.error or None, "warnings": r.warnings or []}
                   for r in results])
    else:
        for r in results:
            notes = ", ".join(str(n.number) for n in r.notes)
            if r.invoice is not None:
                click.echo(f"{r.customer}: {documents.name(r.invoice)} da DDT {notes}, "
                           f"totale {r.invoice.total}")
            elif r.error:
                click.echo(f"{r.customer}: NON fatturato (DDT {notes}): {r.error}", err=True)
            else:
                click.echo(f"{r.customer}: da fatturare DDT {notes}")
    if any(r.error for r in results):
        raise SystemExit(1)


COMMANDS = [invoice]
