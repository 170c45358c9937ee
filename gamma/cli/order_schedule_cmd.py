"""gamma order schedule set | show | due | fulfil — open orders' scheduled deliveries."""

from __future__ import annotations

import click

from gamma import functions
from gamma.cli.doc_cmd import _day
from gamma.cli.order_cmd import order
from gamma.cli.output import emit, emit_json, json_option
from gamma.cli.state import CliState, pass_state, uses
from gamma.orders import open_orders
from gamma.orders.shown import qty
from gamma.sales.documents import name


@order.group("schedule")
def schedule():
    """Open orders: deliveries scheduled per order line, firm (F) or forecast (P)."""


def _show(ctx, order_id: int, as_json: bool) -> None:
    found = open_orders.schedule(ctx, order_id)
    rows = [s.as_dict() for s in found]
    if as_json:
        emit_json(rows)
        return
    for row, s in zip(rows, found):
        row.update(date=s.day, qty=qty(s.qty), delivered=qty(s.delivered), left=qty(s.left),
                   firm="consolidata" if s.firm else "previsionale")
    emit(rows, {"position": "Riga", "article": "Articolo", "date": "Consegna",
                "qty": "Quantità", "firm": "Tipo", "delivered": "Consegnata",
                "left": "Residua"}, False, ctx)


@uses(functions.OPEN_ORDERS)
@schedule.command("set")
@click.argument("order_id", type=int)
@click.argument("position", type=int)
@click.argument("deliveries")
@json_option
@pass_state
def set_(state: CliState, order_id: int, position: int, deliveries: str, as_json: bool):
    """Replace the deliveries of an order line: "15/04/2026:100:F, 15/05/2026:80:P"
    (F firm, the default; P forecast). An empty string removes them."""
    ctx = state.context(need_company=True)
    open_orders.set_schedule(ctx, order_id, position,
                             open_orders.parse(deliveries, ctx.today()))
    _show(ctx, order_id, as_json)


@uses(functions.OPEN_ORDERS)
@schedule.command("show")
@click.argument("order_id", type=int)
@json_option
@pass_state
def show(state: CliState, order_id: int, as_json: bool):
    """Show an order's scheduled deliveries with what each has had."""
    _show(state.context(need_company=True), order_id, as_json)


@uses(functions.OPEN_ORDERS)
@schedule.command("fulfil")
@click.argument("order_id", type=int)
@click.option("--to", "up_to", default="", help="Firm deliveries due by this date (today).")
@click.option("--date", "day", default="", help="Date of the document made (today).")
@pass_state
def fulfil(state: CliState, order_id: int, up_to: str, day: str):
    """Ship (or receive) the firm deliveries due: a delivery note for a customer order, a
    goods receipt for a supplier order."""
    ctx = state.context(need_company=True)
    doc = open_orders.fulfil_due(ctx, order_id, _day(ctx, up_to, "to"), _day(ctx, day, "date"))
    click.echo(name(doc))


COMMANDS: list = []  # the commands hang under `gamma order`
