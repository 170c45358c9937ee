"""gamma stock count import | show | apply | list — physical inventory counts."""

from __future__ import annotations

from pathlib import Path

import click

from gamma import dates, functions, numbers
from gamma.cli.output import emit, emit_json, emit_table, json_option
from gamma.cli.state import CliState, pass_state, uses
from gamma.cli.stock_cmd import stock
from gamma.stock import inventory


@stock.group("count")
def count():
    """Physical inventory: counts from a barcode reader's file or by hand, applied as
    adjustment movements."""


@uses(functions.STOCK_COUNT)
@count.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--depot", default="01", show_default=True, help="Depot counted.")
@click.option("--date", "day", default="", help="Date of the count (dd/mm/yyyy; today).")
@click.option("--into", "into", type=int, default=None,
              help="Add to this open count instead of starting a new one.")
@pass_state
def import_cmd(state: CliState, path: str, depot: str, day: str, into: int | None):
    """Read a batch barcode reader's file: lines "barcode;qty", "barcode qty" or just
    "barcode" (one unit). The same article read twice adds up."""
    ctx = state.context(need_company=True)
    text = Path(path).read_bytes().decode("utf-8", errors="replace")
    if into is not None:
        found = inventory.import_reader(ctx, into, text)
        click.echo(f"Inventario {into}: {found} articoli letti da {path}")
        return
    when = dates.parse_date(day, ctx.today(), "date", "Data") or ctx.today()
    saved = inventory.import_file(ctx, text, depot, when)
    click.echo(f"Inventario {saved.id} del {when:%d/%m/%Y}, deposito {depot}: "
               f"{saved.lines.count()} articoli letti da {path}")


def _show(ctx, count_id: int, as_json: bool) -> None:
    rows = [{"article": d.code, "description": d.description, "counted": d.counted,
             "expected": d.expected, "adjustment": d.adjustment}
            for d in inventory.differences(ctx, count_id)]
    if as_json:
        emit_json(rows)
        return
    emit_table(["Articolo", "Descrizione", "Contata", "Contabile", "Rettifica"],
               [[r["article"], r["description"][:36], numbers.format_decimal(r["counted"], 3),
                 numbers.format_decimal(r["expected"], 3),
                 numbers.format_decimal(r["adjustment"], 3)] for r in rows], ctx)


@uses(functions.STOCK_COUNT)
@count.command("show")
@click.argument("count_id", type=int)
@json_option
@pass_state
def show(state: CliState, count_id: int, as_json: bool):
    """Per article: counted, book quantity and the adjustment applying would write."""
    _show(state.context(need_company=True), count_id, as_json)


@uses(functions.STOCK_COUNT)
@count.command("apply")
@click.argument("count_id", type=int)
@json_option
@pass_state
def apply(state: CliState, count_id: int, as_json: bool):
    """Write the adjustment movements (reason INV) of count COUNT_ID: counted minus book
    quantity, for the articles counted."""
    ctx = state.context(need_company=True)
    done = inventory.apply(ctx, count_id)
    if as_json:
        _show(ctx, count_id, True)
        return
    changed = [d for d in done if d.adjustment]
    click.echo(f"Inventario {count_id} applicato: {len(changed)} rettifiche su "
               f"{len(done)} articoli contati")


@uses(functions.STOCK_COUNT)
@count.command("list")
@json_option
@pass_state
def list_cmd(state: CliState, as_json: bool):
    """The inventory counts, newest first."""
    ctx = state.context(need_company=True)
    rows = [{"id": c.id, "date": c.date, "depot": c.depot.code, "description": c.description,
             "status": "applicato" if c.status == "applied" else "aperto",
             "lines": c.lines.count()} for c in inventory.counts(ctx)]
    emit(rows, {"id": "N.", "date": "Data", "depot": "Dep.", "description": "Descrizione",
                "status": "Stato", "lines": "Articoli"}, as_json, ctx)


COMMANDS: list = []  # adds commands to the stock group
