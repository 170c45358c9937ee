"""gamma reorder report | propose | list | show | change | confirm | delete | set."""

from __future__ import annotations

import click

from gamma import functions
from gamma.cli.output import emit, emit_json, json_option
from gamma.cli.state import CliState, pass_state, uses
from gamma.orders import reorder, reorder_proposal
from gamma.orders.shown import made, qty


@click.group("reorder")
def reorder_group():
    """Reorder: articles under minimum stock, proposals of supplier orders, their
    confirmation into supplier orders."""


_NEED_HEADERS = {"article": "Articolo", "description": "Descrizione", "supplier": "Fornitore",
                 "on_hand": "Giacenza", "committed": "Impegnato", "on_order": "Ordinato",
                 "available": "Disponibile", "min_stock": "Scorta min.",
                 "proposed": "Da ordinare"}


@uses(functions.BELOW_MINIMUM)
@reorder_group.command("report")
@click.option("--supplier", default="", help="Only the articles of this preferred supplier.")
@json_option
@pass_state
def report(state: CliState, supplier: str, as_json: bool):
    """List the articles whose availability (on hand − committed + on order) is under the
    minimum stock, with the quantity a reorder would propose."""
    ctx = state.context(need_company=True)
    found = reorder.below_minimum(ctx, supplier or None)
    if as_json:
        emit_json([n.as_dict() for n in found])
        return
    figures = ("on_hand", "committed", "on_order", "available", "min_stock", "proposed")
    rows = [n.as_dict() | {k: qty(getattr(n, k)) for k in figures} for n in found]
    emit(rows, _NEED_HEADERS, False)


def _show(proposal, as_json: bool) -> None:
    data = reorder_proposal.as_dict(proposal)
    if as_json:
        emit_json(data)
        return
    click.echo(f"Proposta di riordino {data['id']} del {proposal.date:%d/%m/%Y} "
               f"({'confermata' if data['status'] == 'confirmed' else 'aperta'})")
    for group in reorder_proposal.groups(proposal):
        click.echo(f"\n{group.label}")
        for line in group.lines:
            ordered = f"  ordine {line.order_id}" if line.order_id else ""
            click.echo(f"  {line.article.code:<20} {line.article.description[:30]:<30} "
                       f"proposta {qty(line.proposed):>10}  da ordinare {qty(line.qty):>10}"
                       f"{ordered}")


@uses(functions.REORDER_PROPOSALS)
@reorder_group.command("propose")
@click.option("--supplier", default="", help="Only the articles of this preferred supplier.")
@json_option
@pass_state
def propose(state: CliState, supplier: str, as_json: bool):
    """Save a reorder proposal (quantity to reach the minimum stock, rounded up to the
    reorder lot, within the maximum stock) grouped by preferred supplier, and show it."""
    ctx = state.context(need_company=True)
    _show(reorder_proposal.propose(ctx, supplier or None), as_json)


@uses(functions.REORDER_PROPOSALS)
@reorder_group.command("show")
@click.argument("proposal_id", type=int)
@json_option
@pass_state
def show(state: CliState, proposal_id: int, as_json: bool):
    """Show a reorder proposal, by supplier."""
    _show(reorder_proposal.get(state.context(need_company=True), proposal_id), as_json)


@uses(functions.REORDER_PROPOSALS)
@reorder_group.command("list")
@click.option("--open", "only_open", is_flag=True, help="Only the proposals not confirmed.")
@json_option
@pass_state
def list_(state: CliState, only_open: bool, as_json: bool):
    """List the reorder proposals, newest first."""
    ctx = state.context(need_company=True)
    rows = [{"id": p.id, "date": p.date, "status": p.status, "created_by": p.created_by}
            for p in reorder_proposal.listing(ctx, "open" if only_open else None)]
    emit(rows, {"id": "N.", "date": "Data", "status": "Stato", "created_by": "Operatore"},
         as_json, ctx)


@uses(functions.REORDER_PROPOSALS)
@reorder_group.command("change")
@click.argument("proposal_id", type=int)
@click.argument("article")
@click.option("--qty", "quantity", default=None, help="Quantity to order (0 leaves it out).")
@click.option("--supplier", default=None, help="Supplier to order it from.")
@pass_state
def change(state: CliState, proposal_id: int, article: str, quantity: str | None,
           supplier: str | None):
    """Change the quantity or the supplier of an article in an open proposal."""
    ctx = state.context(need_company=True)
    line = reorder_proposal.change_line(ctx, proposal_id, article, qty=quantity,
                                        supplier=supplier)
    click.echo(f"Articolo {article.upper()}: da ordinare {qty(line.qty)}")


@uses(functions.REORDER_PROPOSALS)
@reorder_group.command("confirm")
@click.argument("proposal_id", type=int)
@pass_state
def confirm(state: CliState, proposal_id: int):
    """Confirm a proposal: one supplier order per supplier, raising the quantities on
    order."""
    ctx = state.context(need_company=True)
    for doc in reorder_proposal.confirm(ctx, proposal_id):
        click.echo(made(doc))


@uses(functions.REORDER_PROPOSALS)
@reorder_group.command("delete")
@click.argument("proposal_id", type=int)
@pass_state
def delete(state: CliState, proposal_id: int):
    """Delete an open reorder proposal."""
    reorder_proposal.delete(state.context(need_company=True), proposal_id)
    click.echo(f"Proposta di riordino {proposal_id} eliminata.")


@uses(functions.ARTICLE_EDIT)
@reorder_group.command("set")
@click.argument("article")
@click.option("--min", "min_stock", default=None, help="Minimum stock (empty clears it).")
@click.option("--max", "max_stock", default=None, help="Maximum stock (empty clears it).")
@click.option("--lot", "reorder_lot", default=None, help="Reorder lot (empty clears it).")
@click.option("--supplier", default=None, help="Preferred supplier (empty clears it).")
@pass_state
def set_(state: CliState, article: str, min_stock, max_stock, reorder_lot, supplier):
    """Set an article's reorder parameters: minimum and maximum stock, reorder lot,
    preferred supplier."""
    ctx = state.context(need_company=True)
    given = {k: v for k, v in (("min_stock", min_stock), ("max_stock", max_stock),
                               ("reorder_lot", reorder_lot), ("supplier", supplier))
             if v is not None}
    found = reorder.set_parameters(ctx, article, **given)
    click.echo(f"Articolo {found.code}: scorta minima {qty(found.min_stock)}, massima "
               f"{qty(found.max_stock)}, lotto {qty(found.reorder_lot)}, fornitore "
               f"{found.preferred_supplier.code if found.preferred_supplier else ''}")


COMMANDS = [reorder_group]
