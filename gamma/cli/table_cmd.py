"""gamma table list [NAME] | export NAME | import NAME FILE."""

from __future__ import annotations

from pathlib import Path

import click

from gamma import dates, functions, numbers
from gamma.cli.output import emit, json_option
from gamma.cli.state import CliState, pass_state, uses
from gamma.errors import GammaError
from gamma.master import tables, tables_io
from gamma.master.tables_defs import table as table_def


@click.group("table")
def table():
    """Standard tables (VAT codes, payment terms, units, zones...)."""


@uses(functions.TABLE_LIST)
@table.command("list")
@click.argument("name", required=False)
@json_option
@pass_state
def list_cmd(state: CliState, name: str | None, as_json: bool):
    """List the tables with their row counts, or the rows of table NAME."""
    ctx = state.context(need_company=True)
    if not name:
        rows = [{"name": t.name, "title": t.title, "rows": n} for t, n in tables.counts(ctx)]
        emit(rows, {"name": "Tabella", "title": "Descrizione", "rows": "Righe"}, as_json, ctx)
        return
    tdef = table_def(name)
    rows = tables.list_rows(ctx, tdef.name)
    if as_json:
        emit([tables.form_values(tdef, r) for r in rows], {}, True, ctx)
    else:
        emit([tables.export_row(tdef, r) for r in rows], tdef.form.labels, False, ctx)


@uses(functions.TABLE_LIST)
@table.command("export")
@click.argument("name")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False),
              help="Write to FILE instead of standard output.")
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv",
              show_default=True, help="Output format.")
@pass_state
def export(state: CliState, name: str, output: str | None, fmt: str):
    """Export the rows of table NAME (columns: the table's field names)."""
    ctx = state.context(need_company=True)
    text = tables_io.export(ctx, name, fmt)
    if output:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"Esportata la tabella {table_def(name).name} in {output}", err=True)
    else:
        click.echo(text, nl=False)


@uses(functions.TABLE_EDIT)
@table.command("import")
@click.argument("name")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--partial", is_flag=True,
              help="Keep the valid rows even when some are rejected.")
@pass_state
def import_cmd(state: CliState, name: str, file: str, partial: bool):
    """Import table NAME from a CSV FILE with the export's columns (all or nothing)."""
    ctx = state.context(need_company=True)
    rows = tables_io.read_csv(tables_io.decode(Path(file).read_bytes()))
    report = tables_io.import_rows(ctx, name, rows, partial)
    for r in report.rejected:
        click.echo(f"Riga {r.line}: {r.field or '-'}: {r.reason}", err=True)
    if report.rejected and not report.written:
        raise GammaError(f"Importazione annullata: {len(report.rejected)} righe scartate, "
                         "nessuna registrata (--partial per tenere le valide)")
    click.echo(f"Importate {report.kept} righe ({report.added} nuove, {report.changed} "
               f"modificate), scartate {len(report.rejected)}")


@table.group("rate")
def rate():
    """Daily exchange rates of the currencies (units for one euro)."""


@uses(functions.TABLE_EDIT)
@rate.command("set")
@click.argument("currency")
@click.argument("day")
@click.argument("value")
@pass_state
def rate_set(state: CliState, currency: str, day: str, value: str):
    """Set the rate of CURRENCY on DAY (dd/mm/yyyy) to VALUE (e.g. 1,0812)."""
    ctx = state.context(need_company=True)
    when = dates.parse_date(day, ctx.today(), "day", "Giorno")
    amount = numbers.parse_decimal(value, 6, "rate", "Cambio")
    if amount is None:
        raise GammaError("Cambio: obbligatorio")
    saved = tables.set_rate(ctx, currency, when, amount)
    click.echo(f"Cambio {saved.currency.code} del {when:%d/%m/%Y}: "
               f"{numbers.format_decimal(saved.rate, 6)}")


@uses(functions.TABLE_LIST)
@rate.command("show")
@click.argument("currency")
@click.argument("day", required=False)
@pass_state
def rate_show(state: CliState, currency: str, day: str | None):
    """Show the rate of CURRENCY on DAY (today by default), or the latest before it."""
    ctx = state.context(need_company=True)
    when = dates.parse_date(day, ctx.today(), "day", "Giorno") if day else ctx.today()
    value = tables.show_rate(ctx, currency, when)
    click.echo(f"{currency.upper()} al {when:%d/%m/%Y}: {numbers.format_decimal(value, 6)}")


COMMANDS = [table]
