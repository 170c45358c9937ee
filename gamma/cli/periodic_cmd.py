"""gamma periodic generate | runs | show | invoice | undo | restore-instalments |
change-line | add-line | delete-line | agent-proforma — periodic invoicing."""

from __future__ import annotations

from pathlib import Path

import click

from gamma import functions
from gamma.cli.doc_cmd import _day
from gamma.cli.output import emit, emit_json, json_option
from gamma.cli.presets_support import with_presets
from gamma.cli.state import CliState, pass_state, uses
from gamma.contracts import agent_proforma, generation, invoicing, movements, periods
from gamma.contracts.generation import Filters
from gamma.sales import documents, json_io

STATUS = {"open": "aperta", "invoiced": "fatturata", "undone": "annullata"}


@click.group("periodic")
def periodic():
    """Periodic invoicing: transitory movements from the contracts, their documents,
    and the agents' pro-forma commission statements."""


def run_as_dict(run) -> dict:
    out = {"run": run.id, "up_to": run.up_to, "date": run.doc_date, "status": run.status,
           "movements": []}
    for movement in generation.movements_of(run):
        out["movements"].append({
            "id": movement.id, "contract": movement.contract.code,
            "customer": movement.party.code, "kind": movement.kind,
            "from": movement.period_from, "to": movement.period_to,
            "document": movement.document_id, "taxable": generation.total_of(movement),
            "lines": [{"id": line.id, "type": line.line_type,
                       "article": line.article.code if line.article_id else "",
                       "description": line.description, "qty": line.qty,
                       "price": line.price, "amount": line.amount}
                      for line in generation.lines_of(movement)]})
    return out


def _echo_run(run) -> None:
    data = run_as_dict(run)
    click.echo(f"Generazione {run.id} al {run.up_to:%d/%m/%Y}, documenti del "
               f"{run.doc_date:%d/%m/%Y} ({STATUS[run.status]})")
    for m in data["movements"]:
        made = f"  documento {m['document']}" if m["document"] else ""
        click.echo(f"\nMovimento {m['id']}  contratto {m['contract']}  cliente {m['customer']}"
                   f"  dal {m['from']:%d/%m/%Y} al {m['to']:%d/%m/%Y}  imponibile "
                   f"{m['taxable']}{made}")
        for line in m["lines"]:
            amount = "" if line["type"] == "text" else f"{line['amount']:>12}"
            click.echo(f"  {line['id']:>6}  {line['description'][:56]:<56}{amount}")


@uses(functions.PERIODIC_INVOICING)
@periodic.command("generate")
@click.option("--period", metavar="MONTH",
              help="Bill the periods starting by the end of this month: 2026-03, 03/2026, "
              "corrente, prossimo.")
@click.option("--customer", "customers", multiple=True, help="Only this customer (repeatable).")
@click.option("--contract", "contract_codes", multiple=True,
              help="Only this contract (repeatable).")
@click.option("--series", default=None, help="Only the contracts of this series.")
@click.option("--contract-from", metavar="DATE", help="Contracts dated from.")
@click.option("--contract-to", metavar="DATE", help="Contracts dated up to.")
@click.option("--date", "doc_date", metavar="DATE",
              help="Date of the documents (default: the end of the month).")
@json_option
@with_presets("periodic generate")
@pass_state
def generate(state: CliState, period, customers, contract_codes, series, contract_from,
             contract_to, doc_date, as_json):
    """Generate the transitory movements of the contracts' periods due; a period already
    billed is never generated again, so a second run creates nothing."""
    if not period:
        raise click.UsageError("manca l'opzione --period (o un --preset che la contenga)")
    ctx = state.context(need_company=True)
    up_to = periods.parse_period(period, ctx.today())
    filters = Filters(customers=customers, contracts=contract_codes, series=series,
                      date_from=_day(ctx, contract_from, "contract-from"),
                      date_to=_day(ctx, contract_to, "contract-to"))
    done = generation.generate(ctx, up_to, filters, _day(ctx, doc_date, "date"))
    if as_json:
        emit_json(run_as_dict(done.run) if done.run else {"run": None, "movements": []})
    elif done.run is None:
        click.echo(f"Nessun periodo da fatturare al {up_to:%d/%m/%Y}")
    else:
        _echo_run(done.run)


@uses(functions.PERIODIC_INVOICING)
@periodic.command("runs")
@json_option
@pass_state
def runs(state: CliState, as_json: bool):
    """List the latest generations."""
    ctx = state.context(need_company=True)
    rows = [{"run": r.id, "up_to": r.up_to, "date": r.doc_date,
             "status": r.status if as_json else STATUS[r.status], "by": r.created_by}
            for r in generation.runs(ctx)]
    emit(rows, {"run": "Generazione", "up_to": "Al", "date": "Data documenti",
                "status": "Stato", "by": "Operatore"}, as_json, ctx)


@uses(functions.PERIODIC_INVOICING)
@periodic.command("show")
@click.argument("run_id", metavar="RUN", type=int)
@json_option
@pass_state
def show(state: CliState, run_id: int, as_json: bool):
    """Show a generation: its transitory movements and their lines (with their ids)."""
    ctx = state.context(need_company=True)
    run = generation.find_run(ctx, run_id)
    if as_json:
        emit_json(run_as_dict(run))
    else:
        _echo_run(run)


@uses(functions.PERIODIC_INVOICING)
@periodic.command("invoice")
@click.argument("run_id", metavar="RUN", type=int)
@click.option("--print-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Also print each document as a PDF in this directory.")
@json_option
@pass_state
def invoice(state: CliState, run_id: int, print_dir: Path | None, as_json: bool):
    """Turn a generation's transitory movements into documents (fiscal or not as each
    contract says), all in one transaction. A generation already invoiced is refused."""
    ctx = state.context(need_company=True)
    done = invoicing.invoice_and_print(ctx, run_id, print_dir)
    if as_json:
        emit_json({"documents": [json_io.as_json(doc) for doc in done.documents],
                   "printed": [str(p) for p in done.printed], "warnings": done.warnings})
        return
    for doc in done.documents:
        click.echo(f"{documents.name(doc)} a {doc.party.code}, totale {doc.total}")
    for path in done.printed:
        click.echo(f"Stampato {path}")
    for warning in done.warnings:
        click.echo(f"Avviso: {warning}", err=True)


@uses(functions.PERIODIC_INVOICING)
@periodic.command("undo")
@click.argument("run_id", metavar="RUN", type=int)
@pass_state
def undo(state: CliState, run_id: int):
    """Undo a generation not yet invoiced: its movements deleted, the contracts' last
    billed period and the items' instalment counts given back."""
    click.echo(generation.undo(state.context(need_company=True), run_id))


@uses(functions.PERIODIC_INVOICING)
@periodic.command("restore-instalments")
@click.argument("contract_code", metavar="CONTRACT")
@click.argument("item", type=int)
@click.argument("count", metavar="N", type=int)
@pass_state
def restore_instalments(state: CliState, contract_code: str, item: int, count: int):
    """Set the instalments billed of item ITEM (its position) of CONTRACT back to N."""
    click.echo(generation.restore_instalments(state.context(need_company=True),
                                              contract_code, item, count))


@uses(functions.PERIODIC_INVOICING)
@periodic.command("change-line")
@click.argument("line_id", metavar="LINE", type=int)
@click.option("--description", default=None, help="New text.")
@click.option("--amount", default=None, help="New amount (quantity 1).")
@click.option("--qty", default=None, help="New quantity.")
@click.option("--price", default=None, help="New price.")
@pass_state
def change_line(state: CliState, line_id: int, description, amount, qty, price):
    """Change a line of a transitory movement before it is invoiced."""
    data = {k: v for k, v in (("description", description), ("amount", amount),
                              ("qty", qty), ("price", price)) if v is not None}
    line = movements.change_line(state.context(need_company=True), line_id, data)
    click.echo(f"Riga {line.id}: {line.description} {line.amount}")


@uses(functions.PERIODIC_INVOICING)
@periodic.command("add-line")
@click.argument("movement_id", metavar="MOVEMENT", type=int)
@click.option("--type", "line_type", default="charge",
              type=click.Choice(["charge", "credit", "text"]), help="Kind of line.")
@click.option("--description", required=True, help="Text of the line.")
@click.option("--amount", default=None, help="Amount (quantity 1).")
@click.option("--vat", "vat_code", default="", help="VAT code (default 22).")
@pass_state
def add_line(state: CliState, movement_id: int, line_type, description, amount, vat_code):
    """Add an uncoded line to a transitory movement."""
    line = movements.add_line(state.context(need_company=True), movement_id, {
        "type": line_type, "description": description, "amount": amount,
        "vat_code": vat_code})
    click.echo(f"Riga {line.id} aggiunta: {line.description} {line.amount}")


@uses(functions.PERIODIC_INVOICING)
@periodic.command("delete-line")
@click.argument("line_id", metavar="LINE", type=int)
@pass_state
def delete_line(state: CliState, line_id: int):
    """Delete a line of a transitory movement (an instalment gets billed next time)."""
    movements.delete_line(state.context(need_company=True), line_id)
    click.echo(f"Riga {line_id} eliminata")


@uses(functions.AGENT_PROFORMA)
@periodic.command("agent-proforma")
@click.option("--from", "date_from", metavar="DATE", required=True, help="First day.")
@click.option("--to", "date_to", metavar="DATE", required=True, help="Last day.")
@click.option("--agent", "agents", multiple=True, help="Only this agent (repeatable).")
@click.option("--add", "extras", multiple=True, nargs=3,
              metavar="AGENT DESCRIPTION AMOUNT",
              help="Another amount: a reimbursement (positive) or an advance (negative).")
@click.option("--pdf", "pdf_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the statements as a PDF.")
@json_option
@pass_state
def agent_proforma_cmd(state: CliState, date_from, date_to, agents, extras, pdf_path,
                       as_json):
    """Pro-forma commission statements of the agents for a period."""
    ctx = state.context(need_company=True)
    start, end = _day(ctx, date_from, "from"), _day(ctx, date_to, "to")
    found = agent_proforma.statements(ctx, start, end, agents, list(extras))
    if pdf_path is not None:
        pdf_path.write_bytes(agent_proforma.render_pdf(ctx, found, start, end))
    rows = [{"agent": s.agent, "name": s.name, "rate": s.rate, "documents": len(s.rows),
             "base": s.base, "commission": s.commission,
             "extras": s.total - s.commission, "total": s.total} for s in found]
    emit(rows, {"agent": "Agente", "name": "Nome", "rate": "%", "documents": "Doc.",
                "base": "Imponibile", "commission": "Provvigioni", "extras": "Altri importi",
                "total": "Spettante"}, as_json, ctx)


COMMANDS = [periodic]
