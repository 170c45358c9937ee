"""gamma lot list | trace | customer | reserve | document; gamma serial list | trace."""

from __future__ import annotations

import click

from gamma import functions
from gamma.cli.output import emit, emit_json, json_option, shown
from gamma.cli.state import CliState, pass_state, uses
from gamma.master import parties
from gamma.stock import lots, serials, traceability
from gamma.stock.lots import qty_text


@click.group("lot")
def lot_group():
    """Lots: balances per lot, reservation to a customer, traceability both ways."""


@click.group("serial")
def serial_group():
    """Serial numbers: list per article, traceability of one unit."""


def _qty(value) -> str:
    return qty_text(value) if value is not None else ""


@uses(functions.LOTS)
@lot_group.command("list")
@click.argument("article")
@click.option("--all", "with_empty", is_flag=True, help="Also the lots with nothing left.")
@json_option
@pass_state
def list_(state: CliState, article: str, with_empty: bool, as_json: bool):
    """List an article's lots, earliest expiry first: expiry, supplier, customer it is
    reserved to, on hand and committed."""
    ctx = state.context(need_company=True)
    rows = lots.listing(ctx, article, with_empty=with_empty)
    if not as_json:
        rows = [r | {"on_hand": _qty(r["on_hand"]), "committed": _qty(r["committed"]),
                     "depots": ", ".join(f"{d} {_qty(q)}" for d, q in r["depots"].items())}
                for r in rows]
    emit(rows, {"lot": "Lotto", "expiry": "Scadenza", "supplier": "Fornitore",
                "reserved_to": "Riservato a", "on_hand": "Giacenza", "committed": "Impegnato",
                "depots": "Per deposito"}, as_json, ctx)


def _echo_moves(moves: list[dict]) -> None:
    for m in moves:
        doc = m["document"]
        where = (f"{doc['label']} {doc['number'] or 'bozza'} del {doc['date']:%d/%m/%Y}"
                 if doc else "movimento manuale")
        party = f"{m['party']} {m['party_name']}" if m["party"] else ""
        unit = f" matricola {m['serial']}" if m["serial"] and m["lot"] else ""
        click.echo(f"  {shown(m['date'])}  {m['reason']:<4} {m['depot']:<4} "
                   f"{_qty(m['qty']):>9}  {where}  {party}{unit}".rstrip())


def _echo_summary(found: dict) -> None:
    suppliers = ", ".join(f"{s['code']} {s['name']}" for s in found["suppliers"])
    click.echo(f"Fornitori: {suppliers or '-'}")
    customers = ", ".join(f"{c['code']} {c['name']} ({_qty(c['qty'])})"
                          for c in found["customers"])
    click.echo(f"Clienti: {customers or '-'}")
    click.echo(f"Giacenza: {_qty(found['on_hand'])}")
    click.echo("Movimenti:")
    _echo_moves(found["movements"])


@uses(functions.LOT_TRACE)
@lot_group.command("trace")
@click.argument("lot")
@click.option("--article", required=True, help="Article code the lot belongs to.")
@json_option
@pass_state
def trace(state: CliState, lot: str, article: str, as_json: bool):
    """Trace a lot: every movement, document, the supplier it came from and the customers
    it went to."""
    found = traceability.trace_lot(state.context(need_company=True), article, lot)
    if as_json:
        emit_json(found)
        return
    expiry = f", scadenza {found['expiry']:%d/%m/%Y}" if found["expiry"] else ""
    reserved = f", riservato a {found['reserved_to']}" if found["reserved_to"] else ""
    click.echo(f"Lotto {found['lot']} dell'articolo {found['article']}{expiry}{reserved}")
    _echo_summary(found)


@uses(functions.LOT_TRACE)
@lot_group.command("customer")
@click.argument("customer")
@json_option
@pass_state
def customer(state: CliState, customer: str, as_json: bool):
    """Every lot and serial a customer received (net of returns), with the documents."""
    found = traceability.party_lots(state.context(need_company=True), customer)
    _received(found, as_json, f"Lotti e matricole di {found['party']} {found['name']}")


@uses(functions.LOT_TRACE)
@lot_group.command("document")
@click.argument("document_id", type=int)
@json_option
@pass_state
def document(state: CliState, document_id: int, as_json: bool):
    """The lots and serials a document moved."""
    found = traceability.document_lots(state.context(need_company=True), document_id)
    doc = found["document"]
    _received(found, as_json, f"Lotti e matricole di {doc['label']} {doc['number'] or ''}")


def _received(found: dict, as_json: bool, title: str) -> None:
    if as_json:
        emit_json(found)
        return
    click.echo(title)
    rows = [r | {"qty": _qty(r["qty"]), "documents": ", ".join(
        f"{d['label']} {d['number'] or ''} del {d['date']:%d/%m/%Y}" for d in r["documents"])}
        for r in found["lots"]]
    emit(rows, {"article": "Articolo", "lot": "Lotto", "expiry": "Scadenza",
                "serial": "Matricola", "qty": "Quantità", "documents": "Documenti"}, False)


@uses(functions.LOTS)
@lot_group.command("reserve")
@click.argument("lot")
@click.option("--article", required=True, help="Article code the lot belongs to.")
@click.option("--customer", default="", help="Customer code; empty frees the lot.")
@pass_state
def reserve(state: CliState, lot: str, article: str, customer: str):
    """Reserve a whole lot to a customer: nobody else may sell from it."""
    ctx = state.context(need_company=True)
    party = parties.find(ctx, customer) if customer.strip() else None
    found = lots.reserve(ctx, article, lot, party)
    click.echo(f"Lotto {found.code}: " + (f"riservato a {party.code} {party.name}"
                                          if party else "libero"))


@uses(functions.LOTS)
@serial_group.command("list")
@click.argument("article")
@click.option("--status", default=None,
              help="in_stock, sold, returned or out: only the serials in that status.")
@json_option
@pass_state
def serial_list(state: CliState, article: str, status: str | None, as_json: bool):
    """List an article's serials with their lot and status."""
    ctx = state.context(need_company=True)
    emit(serials.listing(ctx, article, status), {
        "serial": "Matricola", "lot": "Lotto", "status_label": "Stato"}, as_json, ctx)


@uses(functions.LOT_TRACE)
@serial_group.command("trace")
@click.argument("serial")
@click.option("--article", default=None, help="Article code, when the serial is on more.")
@json_option
@pass_state
def serial_trace(state: CliState, serial: str, article: str | None, as_json: bool):
    """Trace a serial: every movement, document, supplier and customer of that unit."""
    found = traceability.trace_serial(state.context(need_company=True), serial, article)
    if as_json:
        emit_json(found)
        return
    for item in found:
        lot = f", lotto {item['lot']}" if item["lot"] else ""
        click.echo(f"Matricola {item['serial']} dell'articolo {item['article']}{lot}: "
                   f"{item['status_label'].lower()}")
        _echo_summary(item)


COMMANDS = [lot_group, serial_group]
