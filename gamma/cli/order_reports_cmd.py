"""gamma order book | fulfilable | late | picking | rolling — the order reports."""

from __future__ import annotations

from pathlib import Path

import click

from gamma import functions
from gamma.cli.doc_cmd import _day
from gamma.cli.order_cmd import order
from gamma.cli.output import emit, emit_json, json_option
from gamma.cli.state import CliState, pass_state, uses
from gamma.orders import order_prints, reports, rolling
from gamma.orders.shown import money, qty

_LINE = {"order": "Ordine", "party": "Cliente/fornitore", "article": "Articolo",
         "description": "Descrizione", "due": "Consegna", "residual": "Residuo"}


def _shown(line: reports.OpenLine) -> dict:
    return line.as_dict() | {"due": line.due, "residual": qty(line.residual),
                             "value": money(line.value)}


@uses(functions.ORDER_BOOK)
@order.command("book")
@click.option("--kind", type=click.Choice(sorted(reports.KINDS)), default="customer",
              show_default=True, help="Customer or supplier orders.")
@click.option("--by", type=click.Choice(reports.BY), default="customer", show_default=True,
              help="Grouping: customer (or supplier), article or delivery date.")
@click.option("--party", default="", help="Only this customer or supplier.")
@click.option("--article", default="", help="Only this article.")
@json_option
@pass_state
def book(state: CliState, kind: str, by: str, party: str, article: str, as_json: bool):
    """The order book: what is still to deliver (quantities and values) by customer,
    article or delivery date."""
    ctx = state.context(need_company=True)
    groups = reports.order_book(ctx, kind, by, party=party or None, article=article or None)
    if as_json:
        emit_json([g.as_dict() for g in groups])
        return
    for g in groups:
        click.echo(f"{g.label}  residuo {qty(g.residual)}  valore {money(g.value)}")
        for line in g.lines:
            click.echo(f"  {line.order:<22} {line.party:<10} {line.article:<14} "
                       f"{line.due:%d/%m/%Y} {qty(line.residual):>10} {money(line.value):>12}")
    if not groups:
        click.echo("(nessun ordine da evadere)")


@uses(functions.ORDER_FULFILABILITY)
@order.command("fulfilable")
@click.option("--party", default="", help="Only this customer.")
@click.option("--article", default="", help="Only this article.")
@click.option("--to", "due_to", default="", help="Only lines due by this date.")
@json_option
@pass_state
def fulfilable(state: CliState, party: str, article: str, due_to: str, as_json: bool):
    """What of the open customer orders can ship now: stock handed out line by line by
    priority and delivery date."""
    ctx = state.context(need_company=True)
    found = reports.fulfilability(ctx, party=party or None, article=article or None,
                                  due_to=_day(ctx, due_to, "to"))
    if as_json:
        emit_json([a.as_dict() for a in found])
        return
    emit([_shown(a.line) | {"priority": a.line.priority, "can_ship": qty(a.can_ship),
                            "short": qty(a.short)} for a in found],
         {"priority": "Pr.", **_LINE, "can_ship": "Evadibile", "short": "Mancante"}, False, ctx)


@uses(functions.SUPPLIER_REMINDERS)
@order.command("late")
@click.option("--at", default="", help="Late as of this date (today).")
@click.option("--supplier", default="", help="Only this supplier.")
@click.option("--pdf", "pdf", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the reminder letters, one per supplier, to this PDF file.")
@json_option
@pass_state
def late(state: CliState, at: str, supplier: str, pdf: Path | None, as_json: bool):
    """Supplier order lines past their delivery date with something still to arrive,
    by supplier; with --pdf the reminder letters."""
    ctx = state.context(need_company=True)
    when = _day(ctx, at, "at")
    found = reports.late_deliveries(ctx, when, supplier or None)
    if pdf:
        order_prints.reminders_pdf(ctx, pdf, when, supplier or None)
        click.echo(f"Solleciti: {len(found)} fornitori, scritto {pdf}", err=as_json)
    if as_json:
        emit_json([{"supplier": g.supplier, "name": g.supplier_name,
                    "lines": [line.as_dict() for line in g.lines]} for g in found])
        return
    emit([_shown(line) for g in found for line in g.lines], _LINE, False, ctx)


@uses(functions.PICKING_LIST)
@order.command("picking")
@click.option("--order", "orders", type=int, multiple=True, help="Order id (repeatable).")
@click.option("--party", default="", help="Only this customer.")
@click.option("--to", "due_to", default="", help="Only lines due by this date.")
@click.option("--pdf", "pdf", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the picking list to this PDF file.")
@json_option
@pass_state
def picking(state: CliState, orders: tuple[int, ...], party: str, due_to: str,
            pdf: Path | None, as_json: bool):
    """The picking list of the open customer orders, sorted by warehouse location."""
    ctx = state.context(need_company=True)
    when = _day(ctx, due_to, "to")
    lines = reports.picking_list(ctx, orders=orders, party=party or None, due_to=when)
    if pdf:
        order_prints.picking_pdf(ctx, pdf, orders, party or None, when)
        click.echo(f"Lista di prelievo: {len(lines)} righe, scritto {pdf}", err=as_json)
    if as_json:
        emit_json([line.as_dict() for line in lines])
        return
    emit([_shown(line) for line in lines], {"location": "Ubicazione", **_LINE}, False, ctx)


@uses(functions.ROLLING_AVAILABILITY)
@order.command("rolling")
@click.argument("article")
@json_option
@pass_state
def rolling_(state: CliState, article: str, as_json: bool):
    """Rolling availability of an article: on hand, then every order and scheduled
    delivery to come with the availability it leaves, date by date."""
    ctx = state.context(need_company=True)
    found = rolling.rolling(ctx, article)
    if as_json:
        emit_json(found.as_dict())
        return
    click.echo(f"{found.article} {found.description}: giacenza {qty(found.on_hand)}")
    emit([{"date": s.day, "what": s.what, "party": s.party, "in": qty(s.incoming),
           "out": qty(s.outgoing), "kind": "" if s.firm else "previsionale",
           "available": qty(s.available)} for s in found.steps],
         {"date": "Data", "what": "Movimento", "party": "Cliente/fornitore",
          "in": "Entrate", "out": "Uscite", "kind": "Tipo", "available": "Disponibile"},
         False, ctx)


COMMANDS: list = []  # the commands hang under `gamma order`
