"""gamma doc import | show | list | confirm | print — sales documents."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from gamma import functions
from gamma.cli.output import emit, emit_json, json_option
from gamma.cli.state import CliState, pass_state, uses
from gamma.dates import parse_date
from gamma.orders import residuals
from gamma.sales import documents, json_io, kinds
from gamma.sales.confirm import confirm as confirm_document

LIST_HEADERS = {"id": "Id", "kind": "Tipo", "series": "Sez.", "number": "Numero",
                "date": "Data", "customer": "Cliente", "status": "Stato", "total": "Totale"}


def _day(ctx, value: str | None, name: str) -> date | None:
    """A date option as the masks read dates: 2026-03-31, 31/03/2026, 310326, oggi, -7 —
    so that a preset keeps "7 days ago" meaning that at every run."""
    return parse_date(value or "", ctx.today(), name, f"--{name}")


@click.group("doc")
def doc():
    """Sales documents: import from JSON, show, list, confirm, print."""


@uses(functions.DOCUMENT_IMPORT)
@doc.command("import")
@click.argument("file", type=click.File("r", encoding="utf-8"))
@click.option("--confirm", "confirm_them", is_flag=True,
              help="Confirm the documents (number, stock, instalments); else drafts.")
@json_option
@pass_state
def import_(state: CliState, file, confirm_them: bool, as_json: bool):
    """Import one document or a list of documents from FILE (JSON, see README); all or
    nothing."""
    ctx = state.context(need_company=True)
    done = json_io.import_documents(ctx, json_io.read(file.read()), confirm_them)
    if as_json:
        emit_json(done)
        return
    for item in done:
        number = f"n. {item['number']}" if item["number"] else "bozza"
        click.echo(f"{kinds.label(item['kind'])} {number} (id {item['id']}): totale "
                   f"{item['totals']['total']}, da pagare {item['totals']['due']}")
        for warning in item["warnings"]:
            click.echo(f"  Attenzione: {warning}", err=True)


@uses(functions.DOCUMENT_LIST)
@doc.command("show")
@click.argument("document_id", type=int)
@json_option
@pass_state
def show(state: CliState, document_id: int, as_json: bool):
    """Show document ID with its lines, totals, VAT summary and instalments."""
    ctx = state.context(need_company=True)
    data = json_io.show(ctx, document_id)
    if as_json:
        emit_json(data)
        return
    doc = documents.get(ctx, document_id)
    party = "fornitore" if kinds.get(doc.kind).supplier else "cliente"
    order = "order_status" in data  # an order: how far it was fulfilled, line by line
    state = f" — {residuals.STATUS_LABELS[data['order_status']]}" if order else ""
    click.echo(f"{documents.name(doc)} — {party} {data['customer'] or '-'} — "
               f"{kinds.STATUS_LABELS[doc.status]}{state}")
    quantities = ({"ordered": "Ordinata", "fulfilled": "Evasa", "residual": "Residuo"}
                  if order else {"qty": "Quantità"})
    emit(data["lines"], {"position": "Riga", "code": "Codice", "description": "Descrizione",
                         **quantities, "price": "Prezzo", "discounts": "Sconti",
                         "amount": "Importo", "vat_code": "IVA"}, False, ctx)
    emit(data["vat_summary"], {"vat_code": "IVA", "taxable": "Imponibile", "vat": "Imposta"},
         False, ctx)
    t = data["totals"]
    click.echo(f"Imponibile {t['taxable']}  IVA {t['vat']}  Totale {t['total']}  "
               f"Da pagare {t['due']}")
    for i in data["instalments"]:
        click.echo(f"Scadenza {i['due_date']}  {i['amount']}  {i['method']}")


@uses(functions.DOCUMENT_LIST)
@doc.command("list")
@click.option("--kind", type=click.Choice(list(kinds.KINDS)), help="Only this kind.")
@click.option("--from", "date_from", metavar="DATE", help="From this date (31/03/2026, 2026-03-31, oggi, -7).")
@click.option("--to", "date_to", metavar="DATE", help="Up to this date (31/03/2026, 2026-03-31, oggi, -7).")
@click.option("--customer", help="Only this customer's.")
@click.option("--status", type=click.Choice(list(kinds.STATUS_LABELS)))
@json_option
@pass_state
def list_(state: CliState, kind, date_from, date_to, customer, status, as_json: bool):
    """List documents: id, kind, series, number, date, customer, status, total."""
    ctx = state.context(need_company=True)
    rows = json_io.listing(ctx, kind, _day(ctx, date_from, "from"), _day(ctx, date_to, "to"), customer,
                           status)
    emit(rows, LIST_HEADERS, as_json, ctx)


@uses(functions.DOCUMENT_EDIT)
@doc.command("confirm")
@click.argument("document_id", type=int)
@click.option("--kind", help="A counter sale: the document to issue.")
@click.option("--force-credit", is_flag=True,
              help="Force a credit-limit block (needs function 209).")
@json_option
@pass_state
def confirm(state: CliState, document_id: int, kind: str | None, force_credit: bool,
            as_json: bool):
    """Confirm draft ID: number, stock movements, instalments."""
    ctx = state.context(need_company=True)
    done = confirm_document(ctx, document_id, kind=kind, override=force_credit or None)
    if as_json:
        emit_json(json_io.as_json(done.document) | {"warnings": done.warnings})
    else:
        click.echo(f"{documents.name(done.document)} confermato")
        for warning in done.warnings:
            click.echo(f"Attenzione: {warning}", err=True)


@uses(functions.DOCUMENT_EDIT)
@doc.command("archive")
@click.argument("document_ids", type=int, nargs=-1, required=True)
@pass_state
def archive(state: CliState, document_ids):
    """Move confirmed documents to the archive: no more changes."""
    from gamma.sales import amend
    ctx = state.context(need_company=True)
    for document_id in document_ids:
        click.echo(f"{documents.name(amend.archive(ctx, document_id))} archiviato")


@uses(functions.DOCUMENT_PRINT)
@doc.command("print")
@click.argument("document_id", type=int, required=False)
@click.option("--from", "date_from", metavar="DATE", help="Reprint from this date.")
@click.option("--to", "date_to", metavar="DATE", help="Reprint up to this date.")
@click.option("--kind", type=click.Choice(list(kinds.KINDS)), help="Reprint this kind.")
@click.option("--series", help="Reprint this series only.")
@click.option("--text", "as_text", is_flag=True,
              help="Plain text for continuous forms (to standard output or -o FILE).")
@click.option("-o", "--output", type=click.Path(writable=True),
              help="PDF file (one document) or directory (--from/--to: one PDF each).")
@pass_state
def print_(state: CliState, document_id, date_from, date_to, kind, series, as_text, output):
    """Print document ID, or reprint every confirmed document between --from and --to."""
    from gamma.sales import printing
    ctx = state.context(need_company=True)
    if document_id is not None:
        docs = [documents.get(ctx, document_id)]
    else:
        if not (date_from and date_to):
            raise click.UsageError("indicare ID oppure --from e --to")
        docs = printing.documents_between(ctx, kind, _day(ctx, date_from, "from"),
                                          _day(ctx, date_to, "to"), series)
    if as_text:
        pages = [printing.render(ctx, d.id, "text") for d in docs]
        text = "\f".join(pages)
        if output:
            Path(output).write_text(text, encoding="latin-1")
        else:
            click.echo(text, nl=False)
        click.echo(f"Stampati {len(docs)} documenti", err=True)
        return
    if document_id is not None:
        data = printing.render(ctx, document_id, "pdf")
        if output:
            Path(output).write_bytes(data)
        else:
            click.get_binary_stream("stdout").write(data)
        return
    if not output:
        raise click.UsageError("la ristampa in PDF scrive una cartella: indicare -o CARTELLA")
    folder = Path(output)
    folder.mkdir(parents=True, exist_ok=True)
    for d in docs:
        series_part = f"{d.series}_" if d.series else ""
        name = f"{d.kind}_{series_part}{d.year}_{d.number:06d}.pdf"
        (folder / name).write_bytes(printing.render(ctx, d.id, "pdf"))
    click.echo(f"Stampati {len(docs)} documenti in {folder}", err=True)


COMMANDS = [doc]
