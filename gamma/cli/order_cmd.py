"""gamma order fulfil | list | close — customer and supplier orders."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import click

from gamma import functions
from gamma.cli.doc_cmd import _day
from gamma.cli.output import emit, emit_json, json_option
from gamma.cli.presets_support import with_presets
from gamma.cli.state import CliState, pass_state, uses
from gamma.orders import closing, fulfilment, listing
from gamma.sales import documents, json_io

KINDS = {"customer": "customer_order", "supplier": "supplier_order"}
KIND_CHOICE = click.Choice(sorted(KINDS))


@click.group("order")
def order():
    """Customer and supplier orders: fulfilment, list, closing."""


def _quantities(pairs: tuple[str, ...]) -> dict[int, Decimal]:
    out = {}
    for pair in pairs:
        line, _, qty = pair.partition("=")
        try:
            out[int(line)] = Decimal(qty.strip().replace(",", "."))
        except (ValueError, InvalidOperation):
            raise click.UsageError(f"--ship {pair!r}: scrivere RIGA=QUANTITÀ, es. 41=3") from None
    return out


@uses(functions.ORDER_FULFILMENT)
@order.command("fulfil")
@click.option("--kind", type=KIND_CHOICE, default="customer", show_default=True,
              help="Customer orders (delivery note/invoice) or supplier orders (goods receipt).")
@click.option("--from-number", "number_from", type=int, help="Orders from this number.")
@click.option("--to-number", "number_to", type=int, help="Orders up to this number.")
@click.option("--from-party", "party_from", default="", help="Customers/suppliers from this code.")
@click.option("--to-party", "party_to", default="", help="Customers/suppliers up to this code.")
@click.option("--article", default="", help="Only lines of this article.")
@click.option("--delivery-to", metavar="DATE",
              help="Lines to deliver by this date (31/03/2026, 2026-03-31, oggi, +7).")
@click.option("--priority", type=click.IntRange(1, 9),
              help="Orders of this priority or more urgent (1 first).")
@click.option("--order", "orders", type=int, multiple=True, help="Only this order id (repeatable).")
@click.option("--mode", type=click.Choice(fulfilment.MODES), default="automatic",
              show_default=True,
              help="automatic: everything available; manual: each residual, or --ship.")
@click.option("--full", is_flag=True, help="Ship an order only when all of it is available.")
@click.option("--ship", multiple=True, metavar="LINE=QTY",
              help="Manual: ship QTY of order line id LINE (repeatable; others ship nothing).")
@click.option("--target", type=click.Choice(["delivery_note", "invoice", "goods_receipt"]),
              help="Document to make (default: delivery_note; goods_receipt for suppliers).")
@click.option("--group", type=click.Choice(fulfilment.GROUPS), default="order",
              show_default=True, help="One document per order or per party.")
@click.option("--series", default="", help="Series of the documents.")
@click.option("--date", "day", metavar="DATE", help="Date of the documents (default today).")
@click.option("--close-rest", is_flag=True,
              help="Lines shipped in part: the rest is not to fulfil.")
@click.option("--dry-run", is_flag=True, help="Show what would ship, make nothing.")
@json_option
@with_presets("order fulfil")
@pass_state
def fulfil(state: CliState, kind, number_from, number_to, party_from, party_to, article,
           delivery_to, priority, orders, mode, full, ship, target, group, series, day,
           close_rest, dry_run, as_json):
    """Fulfil the selected orders: propose what ships, then make the documents."""
    ctx = state.context(need_company=True)
    sel = fulfilment.Selection(
        KINDS[kind], number_from, number_to, party_from, party_to, article,
        _day(ctx, delivery_to, "delivery-to"), priority, tuple(orders))
    proposed = fulfilment.propose(ctx, sel, mode, partial=not full)
    chosen = _quantities(ship)
    if chosen:
        known = {p.line_id for p in proposed}
        unknown = sorted(set(chosen) - known)
        if unknown:
            raise click.UsageError(f"--ship: riga {unknown[0]} non tra quelle selezionate")
        for p in proposed:
            p.to_ship = chosen.get(p.line_id, Decimal(0))
    results = fulfilment.fulfil(ctx, proposed, kind=KINDS[kind], target=target or "",
                                day=_day(ctx, day, "date"), series=series, group=group,
                                close_rest=close_rest, dry_run=dry_run)
    if as_json:
        emit_json({"lines": [p.as_json() for p in proposed],
                   "documents": [{"party": r.party, "orders": r.orders,
                                  "document": json_io.as_json(r.document)
                                  if r.document else None,
                                  "error": r.error or None, "warnings": r.warnings}
                                 for r in results]})
    else:
        emit([p.as_json() for p in proposed],
             {"order": "Ordine", "party": "Cliente/fornitore", "position": "Riga",
              "article": "Articolo", "residual": "Residuo", "available": "Disponibile",
              "to_ship": "Da evadere"}, False, ctx)
        for r in results:
            if r.document is not None:
                click.echo(f"{r.party}: {documents.name(r.document)} da ordini "
                           f"{', '.join(r.orders)}")
                for warning in r.warnings:
                    click.echo(f"  Attenzione: {warning}", err=True)
            elif r.error:
                click.echo(f"{r.party}: NON evaso (ordini {', '.join(r.orders)}): {r.error}",
                           err=True)
            else:
                click.echo(f"{r.party}: da evadere ordini {', '.join(r.orders)}")
        if not results:
            click.echo("Nulla da evadere")
    if any(r.error for r in results):
        raise SystemExit(1)


@uses(functions.CUSTOMER_ORDERS)
@order.command("list")
@click.option("--kind", type=KIND_CHOICE, default="customer", show_default=True)
@click.option("--party", default="", help="Only this customer/supplier.")
@click.option("--status", type=click.Choice(["open", "partial", "fulfilled", "closed"]),
              help="Only orders in this state.")
@json_option
@pass_state
def list_(state: CliState, kind, party, status, as_json):
    """Confirmed orders with their status and what is left to fulfil."""
    ctx = state.context(need_company=True)
    rows = listing.orders(ctx, KINDS[kind], party, status or "")
    emit(rows, {"id": "Id", "number": "Numero", "date": "Data", "party": "Codice",
                "name": "Ragione sociale", "delivery_date": "Consegna",
                "priority": "Priorità", "status_label": "Stato",
                "residual_qty": "Residuo", "total": "Totale"}, as_json, ctx)


@uses(functions.CUSTOMER_ORDER_EDIT)
@order.command("close")
@click.argument("order_id", type=int)
@click.option("--line", "lines", type=int, multiple=True,
              help="Only this line number (repeatable).")
@click.option("--reopen", is_flag=True, help="Undo: the residual is to fulfil (and held) again.")
@pass_state
def close(state: CliState, order_id: int, lines, reopen: bool):
    """Mark order ORDER_ID (or its lines) not to fulfil: its residual is released."""
    ctx = state.context(need_company=True)
    doc = closing.set_not_to_fulfil(ctx, order_id, tuple(lines), not reopen)
    what = f"righe {', '.join(map(str, lines))}" if lines else "ordine"
    click.echo(f"{documents.name(doc)}: {what} "
               + ("di nuovo da evadere" if reopen else "non evadibile"))


COMMANDS = [order]
