"""gamma preorder list | add | convert | delete."""

from __future__ import annotations

import click

from gamma import dates, functions
from gamma.cli.output import emit, emit_json, json_option
from gamma.cli.state import CliState, pass_state, uses
from gamma.orders import preorders
from gamma.orders.shown import made, qty


@click.group("preorder")
def preorder():
    """Pre-orders: goods to order, noted by hand or when an order or a sale found too
    little available; turned into supplier or customer orders."""


_HEADERS = {"id": "N.", "date": "Data", "article": "Articolo", "description": "Descrizione",
            "qty": "Quantità", "customer": "Cliente", "supplier": "Fornitore",
            "status": "Stato"}


@uses(functions.PREORDERS)
@preorder.command("list")
@click.option("--all", "every", is_flag=True, help="Converted ones too.")
@click.option("--article", default="", help="Only this article.")
@click.option("--supplier", default="", help="Only this supplier.")
@json_option
@pass_state
def list_(state: CliState, every: bool, article: str, supplier: str, as_json: bool):
    """List the open pre-orders (with --all, the converted ones too)."""
    ctx = state.context(need_company=True)
    found = preorders.listing(ctx, None if every else preorders.OPEN, article or None,
                              supplier or None)
    rows = [preorders.as_dict(p) for p in found]
    if as_json:
        emit_json(rows)
        return
    for row, pre in zip(rows, found):
        row.update(date=pre.date, qty=qty(pre.qty),
                   status="aperto" if pre.status == preorders.OPEN else "convertito")
    emit(rows, _HEADERS, False, ctx)


@uses(functions.PREORDERS)
@preorder.command("add")
@click.argument("article")
@click.argument("quantity")
@click.option("--customer", default="", help="Customer the goods are for.")
@click.option("--supplier", default="", help="Supplier (default: the article's preferred).")
@click.option("--notes", default="", help="A note (72 characters).")
@click.option("--date", "day", default="", help="Date (dd/mm/yyyy; today).")
@pass_state
def add(state: CliState, article: str, quantity: str, customer: str, supplier: str,
        notes: str, day: str):
    """Note a pre-order by hand."""
    ctx = state.context(need_company=True)
    when = dates.parse_date(day, ctx.today(), "date", "Data") if day else None
    pre = preorders.add(ctx, article, quantity, customer=customer or None,
                        supplier=supplier or None, notes=notes, day=when)
    click.echo(f"Preordine {pre.id}: {pre.article.code} {qty(pre.qty)}")


@uses(functions.PREORDERS)
@preorder.command("convert")
@click.argument("ids", nargs=-1, type=int, required=True)
@click.option("--to", "target", type=click.Choice(["supplier", "customer"]),
              default="supplier", show_default=True, help="Kind of order to make.")
@click.option("--party", default="", help="Supplier or customer for all of them "
              "(default: each pre-order's own).")
@pass_state
def convert(state: CliState, ids: tuple[int, ...], target: str, party: str):
    """Turn pre-orders into confirmed orders, one per supplier (or customer)."""
    ctx = state.context(need_company=True)
    for doc in preorders.convert(ctx, ids, target, party or None):
        click.echo(made(doc))


@uses(functions.PREORDERS)
@preorder.command("delete")
@click.argument("preorder_id", type=int)
@pass_state
def delete(state: CliState, preorder_id: int):
    """Delete an open pre-order."""
    preorders.delete(state.context(need_company=True), preorder_id)
    click.echo(f"Preordine {preorder_id} eliminato.")


COMMANDS = [preorder]
