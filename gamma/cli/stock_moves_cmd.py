"""gamma stock move | transfer | remove | availability | movements | import | check."""

from __future__ import annotations

import click

from gamma import dates, functions
from gamma.cli.output import emit, emit_json, json_option
from gamma.cli.party_cmd import import_options, run_import
from gamma.cli.state import CliState, pass_state, uses
from gamma.cli.stock_cmd import stock
from gamma.numbers import format_decimal
from gamma.stock import availability, check, movement_list, movements, stock_import

MOVEMENT_HEADERS = {"id": "N.", "date": "Data", "article": "Articolo", "depot": "Dep",
                    "reason": "Caus", "qty": "Quantità", "unit_value": "Valore unit.",
                    "note": "Note", "document": "Documento"}
AVAILABILITY_HEADERS = {"depot": "Dep", "description": "Deposito", "on_hand": "Esistenza",
                        "committed": "Impegnato", "on_order": "Ordinato",
                        "available": "Disponibile", "forecast": "Disp. prevista"}


def _q(value) -> str:
    return format_decimal(value, 3) if value is not None else ""


def _day(ctx, text: str, field: str, label: str):
    return dates.parse_date(text, ctx.today(), field, label)


def _report(ctx, done: movements.Recorded) -> None:
    for warning in done.warnings:
        click.echo(f"Attenzione: {warning}", err=True)
    for m in done.movements:
        click.echo(f"Movimento {m.id}: {m.date:%d/%m/%Y} {m.reason.code} {m.article.code} "
                   f"deposito {m.depot.code} quantità {_q(m.qty)}")
    if done.repriced:
        click.echo("Listini ricalcolati dal nuovo costo: "
                   + ", ".join(str(n) for n in done.repriced))


@uses(functions.STOCK_MOVE)
@stock.command("move")
@click.argument("article")
@click.argument("qty")
@click.option("--reason", default="CAR", show_default=True, help="Stock reason code.")
@click.option("--depot", default="", help="Depot code (default: the main depot).")
@click.option("--to-depot", default="", help="Where the paired movement goes (transfers).")
@click.option("--date", "day", default="", help="Day of the movement (dd/mm/yyyy; today).")
@click.option("--price", default="", help="Unit price (in --currency; default euro).")
@click.option("--currency", default="", help="Currency of --price (e.g. USD).")
@click.option("--rate", default="", help="Units of --currency per euro (default: the table's).")
@click.option("--party", default="", help="Customer or supplier code.")
@click.option("--lot", default="", help="Lot code (a load creates it).")
@click.option("--serials", default="", help="Serial numbers, space separated.")
@click.option("--note", default="", help="A note kept with the movement.")
@click.option("--reprice", is_flag=True,
              help="A load whose reason reprices: recompute the marked-up sale prices.")
@pass_state
def move_cmd(state: CliState, article, qty, reason, depot, to_depot, day, price, currency,
             rate, party, lot, serials, note, reprice):
    """Record a movement of QTY of ARTICLE (a negative QTY reverses the reason)."""
    ctx = state.context(need_company=True)
    entry = movements.Entry(article, qty, reason, depot, to_depot,
                            _day(ctx, day, "date", "Data"), price or None, currency,
                            rate or None, party, note, lot, serials)
    _report(ctx, movements.record(ctx, entry, reprice=reprice))


@uses(functions.STOCK_MOVE)
@stock.command("transfer")
@click.argument("article")
@click.argument("qty")
@click.option("--from", "from_depot", required=True, help="Depot the goods leave.")
@click.option("--to", "to_depot", required=True, help="Depot the goods reach.")
@click.option("--date", "day", default="", help="Day of the transfer (dd/mm/yyyy; today).")
@click.option("--note", default="", help="A note kept with both movements.")
@pass_state
def transfer_cmd(state: CliState, article, qty, from_depot, to_depot, day, note):
    """Move QTY of ARTICLE between depots: the outgoing movement (TRU) and its pair (TRE)."""
    ctx = state.context(need_company=True)
    _report(ctx, movements.transfer(ctx, article, qty, from_depot, to_depot,
                                    _day(ctx, day, "date", "Data"), note))


@uses(functions.STOCK_MOVE)
@stock.command("remove")
@click.argument("movement_id", type=int)
@pass_state
def remove_cmd(state: CliState, movement_id: int):
    """Delete a movement recorded by hand (a transfer's pair goes with it); a document's
    movements go with the document."""
    ctx = state.context(need_company=True)
    movements.remove(ctx, movement_id)
    click.echo(f"Movimento {movement_id} eliminato")


@uses(functions.STOCK_AVAILABILITY)
@stock.command("availability")
@click.argument("article")
@click.option("--depot", default="", help="Only this depot.")
@json_option
@pass_state
def availability_cmd(state: CliState, article, depot, as_json):
    """On hand, committed, on order, available and forecast of ARTICLE, per depot and total."""
    ctx = state.context(need_company=True)
    found = availability.query(ctx, article, depot or None)
    if as_json:
        emit_json(found.as_dict())
        return
    click.echo(f"{found.article} {found.description}")
    rows = [r.as_dict() for r in found.depots] + [found.total.as_dict()]
    shown = [{k: (_q(v) if k not in ("depot", "description") else v) for k, v in r.items()}
             for r in rows]
    emit(shown, AVAILABILITY_HEADERS, False, ctx)


@uses(functions.STOCK_MOVEMENTS)
@stock.command("movements")
@click.option("--article", default="", help="Article code.")
@click.option("--depot", default="", help="Depot code.")
@click.option("--reason", default="", help="Stock reason code.")
@click.option("--from", "date_from", default="", help="From day (dd/mm/yyyy).")
@click.option("--to", "date_to", default="", help="To day (dd/mm/yyyy).")
@click.option("--limit", type=int, default=movement_list.LIMIT, show_default=True)
@json_option
@pass_state
def movements_cmd(state: CliState, article, depot, reason, date_from, date_to, limit,
                  as_json):
    """List stock movements, newest first."""
    ctx = state.context(need_company=True)
    rows = movement_list.listing(ctx, article, depot, reason,
                                 _day(ctx, date_from, "date_from", "Dalla data"),
                                 _day(ctx, date_to, "date_to", "Alla data"), limit)
    if not as_json:
        rows = [{**r, "qty": _q(r["qty"]),
                 "unit_value": format_decimal(r["unit_value"], 2)
                 if r["unit_value"] is not None else ""} for r in rows]
    emit(rows, MOVEMENT_HEADERS, as_json, ctx)


@uses(functions.STOCK_IMPORT)
@stock.command("import", help=stock_import.__doc__.split("\n\n")[1].replace("\n", " "))
@import_options
@click.option("--reprice", is_flag=True,
              help="Loads whose reason reprices recompute the marked-up sale prices.")
@pass_state
def import_cmd(state: CliState, reprice, **options):
    run_import(state, stock_import.KIND,
               lambda *args: stock_import.import_file(*args, reprice=reprice), **options)


@uses(functions.STOCK_CHECK)
@stock.command("check")
@click.option("--fix", is_flag=True, help="Rebuild the drifting balances from the movements.")
@json_option
@pass_state
def check_cmd(state: CliState, fix, as_json):
    """Recompute every balance from the movements and report where they differ; with
    --fix, set those balances to the movements' sums. Exit 1 when drift is left."""
    ctx = state.context(need_company=True)
    found = check.fix(ctx) if fix else check.check(ctx)
    if as_json:
        emit_json({"fixed": fix, "drifts": [d.as_dict() for d in found]})
    else:
        rows = [{"article": d.article, "depot": d.depot,
                 **{name: f"{_q(s)} / {_q(c)}" for name, s, c in
                    zip(check.FIGURES, d.stored, d.computed)}} for d in found]
        emit(rows, {"article": "Articolo", "depot": "Dep", "on_hand": "Esistenza (saldo/mov.)",
                    "committed": "Impegnato (saldo/mov.)",
                    "on_order": "Ordinato (saldo/mov.)"}, False, ctx)
        if not found:
            click.echo("Saldi di magazzino coerenti con i movimenti")
        elif fix:
            click.echo(f"Saldi ricalcolati dai movimenti: {len(found)}")
    if found and not fix:
        raise SystemExit(1)


COMMANDS: list = []
