"""gamma einvoice export | regenerate | send | files | history | show — FatturaPA files of
sales documents."""

from __future__ import annotations

from pathlib import Path

import click

from gamma import functions
from gamma.cli.output import emit, emit_json, json_option
from gamma.cli.state import CliState, pass_state, uses
from gamma.einvoice import channels
from gamma.einvoice import files as einvoice_files
from gamma.errors import GammaError

HEADERS = {"progressive": "Progr.", "file_name": "File", "document": "Documento",
           "format": "Formato", "state": "Stato", "created_at": "Creato il",
           "sdi_id": "Id SdI"}


def as_row(row) -> dict:
    return {"progressive": row.progressive, "file_name": row.file_name,
            "document": row.document_id, "format": row.format,
            "state": einvoice_files.STATE_LABELS.get(row.state, row.state),
            "created_at": row.created_at, "sdi_id": row.sdi_id, "path": row.path}


@click.group("einvoice")
def einvoice():
    """FatturaPA e-invoices (fatture elettroniche)."""


def _run(state: CliState, service, ids, outbox, pdf, as_json):
    ctx = state.context(need_company=True)
    done, failed = [], []
    for document_id in ids:
        try:
            row = service(ctx, document_id, Path(outbox) if outbox else None, pdf)
        except GammaError as exc:
            failed.append({"document": document_id, "error": str(exc)})
            if not as_json:
                click.echo(f"Documento {document_id}: {exc}", err=True)
            continue
        done.append(as_row(row))
        if not as_json:
            click.echo(f"Documento {document_id}: {row.file_name} → {row.path}")
    if as_json:
        emit_json({"files": done, "errors": failed})
    if failed:
        raise SystemExit(1)


@uses(functions.EINVOICES)
@einvoice.command("export")
@click.argument("ids", nargs=-1, required=True, type=int)
@click.option("-o", "--outbox", type=click.Path(file_okay=False),
              help="Folder to write the files to (default: einvoice.outbox).")
@click.option("--pdf/--no-pdf", default=None,
              help="Attach the PDF of the document (default: einvoice.attach_pdf).")
@json_option
@pass_state
def export_cmd(state: CliState, ids, outbox, pdf, as_json):
    """Write the e-invoice files of documents IDS, validated against the schema. A document
    that cannot be exported is named with the reason; the others are written."""
    _run(state, einvoice_files.export, ids, outbox, pdf, as_json)


@uses(functions.EINVOICES)
@einvoice.command("regenerate")
@click.argument("ids", nargs=-1, required=True, type=int)
@click.option("-o", "--outbox", type=click.Path(file_okay=False),
              help="Folder to write the files to (default: einvoice.outbox).")
@click.option("--pdf/--no-pdf", default=None, help="Attach the PDF of the document.")
@json_option
@pass_state
def regenerate_cmd(state: CliState, ids, outbox, pdf, as_json):
    """A new file, with a new progressive, for documents whose file was rejected."""
    _run(state, einvoice_files.regenerate, ids, outbox, pdf, as_json)


@uses(functions.EINVOICES)
@einvoice.command("send")
@click.argument("ids", nargs=-1, type=int)
@click.option("--all-ready", is_flag=True, help="Send every file ready to go.")
@json_option
@pass_state
def send_cmd(state: CliState, ids, all_ready, as_json):
    """Send the ready e-invoice files of documents IDS (or, with --all-ready, every ready
    file) through the channel of einvoice.channel: the outbox folder or PEC. A file that
    cannot be sent stays ready, with the reason in its history."""
    if bool(ids) == all_ready:
        raise click.UsageError("Indicare i documenti da inviare oppure --all-ready")
    ctx = state.context(need_company=True)
    results = channels.send(ctx, list(ids) if ids else None)
    if as_json:
        emit_json([{"document": r.document_id,
                    "file": r.file.file_name if r.file is not None else None,
                    "state": r.file.state if r.file is not None else None,
                    "ok": r.ok, "message": r.message} for r in results])
    else:
        if not results:
            click.echo("Nessun file pronto da inviare")
        for r in results:
            click.echo(f"Documento {r.document_id}: {r.message}", err=not r.ok)
    if any(not r.ok for r in results):
        raise SystemExit(1)


@uses(functions.EINVOICES)
@einvoice.command("files")
@click.option("--document", "document_id", type=int, help="Only the files of this document.")
@json_option
@pass_state
def files_cmd(state: CliState, document_id, as_json):
    """The e-invoice files made, oldest first."""
    ctx = state.context(need_company=True)
    rows = [as_row(r) for r in einvoice_files.list_files(ctx, document_id)]
    emit(rows, HEADERS, as_json, ctx)


@uses(functions.EINVOICES)
@einvoice.command("history")
@click.argument("document_id", type=int)
@json_option
@pass_state
def history_cmd(state: CliState, document_id, as_json):
    """The e-invoice files of a document and every event of each: creation, sending, SDI's
    receipts with their error codes."""
    ctx = state.context(need_company=True)
    if not as_json:
        click.echo("\n".join(einvoice_files.history_lines(ctx, document_id)).rstrip())
        return
    emit_json([as_row(row) | {"events": [
        {"at": event.at, "state": event.state, "code": event.code, "message": event.message}
        for event in events]} for row, events in einvoice_files.history(ctx, document_id)])


@uses(functions.EINVOICES)
@einvoice.command("show")
@click.argument("file")
@click.option("--pdf", "pdf_path", type=click.Path(dir_okay=False),
              help="Write the readable invoice as a PDF to this file.")
@pass_state
def show_cmd(state: CliState, file, pdf_path):
    """An e-invoice file (id or file name) as a readable invoice, on screen or as PDF."""
    ctx = state.context(need_company=True)
    row = einvoice_files.get(ctx, file)
    if pdf_path:
        Path(pdf_path).write_bytes(einvoice_files.view_pdf(row))
        click.echo(f"Scritto {pdf_path}")
        return
    click.echo(einvoice_files.view_text(row), nl=False)


COMMANDS = [einvoice]
