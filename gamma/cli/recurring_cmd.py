"""gamma recurring import | list | show | check | generate | panel | distribution."""

from __future__ import annotations

import json
from pathlib import Path

import click

from gamma import functions
from gamma.cli.output import emit, emit_json, json_option
from gamma.cli.presets_support import with_presets
from gamma.cli.progress_bar import BarProgress
from gamma.cli.state import CliState, pass_state, uses
from gamma.dates import parse_date
from gamma.errors import GammaError
from gamma.recurring import (calendar, generation, json_io, panel, recurring_forms,
                             shipping_check, templates)


@click.group("recurring")
def recurring_group():
    """Recurring customer orders: templates per customer (every weekday, given weekdays,
    monthly on a day), the orders generated from them for a date, the management panel
    and the distribution list."""


def _day(ctx, value: str | None, name: str):
    return parse_date(value or "oggi", ctx.today(), name, f"--{name}")


@uses(functions.RECURRING_TEMPLATES)
@recurring_group.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@pass_state
def import_(state: CliState, path: Path):
    """Import templates from a JSON list: customer, frequency (weekdays; weekly with days,
    e.g. [1, 3, 5] or ["lun", "mer"]; monthly with day), start, end, lines of article and
    qty (optional price); optional code, description, price_type (list/fixed),
    price_list, delivery_days, destination, contact, notes, skip_holidays, active. Dates
    as 2026-03-01 or 01/03/2026. All or nothing; a code that exists is replaced."""
    ctx = state.context(need_company=True)
    try:
        items = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise GammaError(f"{path.name}: JSON non valido ({exc})") from None
    done = json_io.import_templates(ctx, items)
    for template, created in done:
        click.echo(f"Modello {template.code} ({template.party.code}): "
                   + ("creato" if created else "aggiornato"))
    click.echo(f"Modelli importati: {len(done)}")


_LIST = {"code": "Codice", "customer": "Cliente", "description": "Descrizione",
         "frequency": "Frequenza", "start": "Dal", "end": "Al", "lines": "Righe",
         "active": "Attivo"}


@uses(functions.RECURRING_TEMPLATES)
@recurring_group.command("list")
@click.option("--customer", default="", help="Only this customer's templates.")
@json_option
@pass_state
def list_(state: CliState, customer: str, as_json: bool):
    """List the templates with their frequency and validity."""
    ctx = state.context(need_company=True)
    found = templates.listing(ctx, customer)
    if as_json:
        emit_json([json_io.as_dict(t) for t in found])
        return
    emit([{"code": t.code, "customer": t.party.code, "description": t.description,
           "frequency": calendar.describe(t), "start": t.start, "end": t.end,
           "lines": len(templates.lines_of(t)), "active": t.active} for t in found],
         _LIST, False, ctx)


@uses(functions.RECURRING_TEMPLATES)
@recurring_group.command("show")
@click.argument("code")
@pass_state
def show(state: CliState, code: str):
    """Show a template as JSON, as `import` takes it back."""
    emit_json(json_io.as_dict(templates.get(state.context(need_company=True), code)))


@uses(functions.RECURRING_GENERATE)
@recurring_group.command("check")
@click.option("--date", "day", default=None, help="The day (default today).")
@click.option("--template", default="", help="Only this template.")
@click.option("--shipping", is_flag=True,
              help="Check the generated orders to deliver on the day instead (customers, "
              "articles, stock on hand), before they go to the warehouse.")
@json_option
@pass_state
def check(state: CliState, day: str | None, template: str, shipping: bool, as_json: bool):
    """Data check of the templates due on the day (or, with --shipping, of the orders to
    deliver on it): errors (which stop a template) and warnings."""
    ctx = state.context(need_company=True)
    if shipping:
        problems = shipping_check.shipping_check(ctx, _day(ctx, day, "date"))
    else:
        problems = generation.data_check(ctx, _day(ctx, day, "date"),
                                          [template] if template else None)
    if as_json:
        emit_json([p.as_dict() for p in problems])
        return
    for p in problems:
        click.echo(str(p))
    click.echo(f"Errori: {sum(p.blocking for p in problems)}, "
               f"avvisi: {sum(not p.blocking for p in problems)}")


@uses(functions.RECURRING_GENERATE)
@recurring_group.command("generate")
@click.option("--date", "day", default=None, help="The day to generate (default today).")
@click.option("--template", default="", help="Only this template.")
@click.option("--dry-run", is_flag=True, help="Show what would be generated, write nothing.")
@json_option
@with_presets(recurring_forms.GENERATE_COMMAND)
@pass_state
def generate(state: CliState, day: str | None, template: str, dry_run: bool, as_json: bool):
    """Generate the customer orders of the templates due on the day. Safe to re-run (for
    cron): a template already generated for the day is skipped. Exit code 0 when all
    were generated or nothing was due, 1 when some template was refused."""
    ctx = state.context(need_company=True)
    the_day = _day(ctx, day, "date")
    with BarProgress() as progress:  # Ctrl-C cancels: nothing is left half-made
        done = generation.generate(ctx, the_day, [template] if template else None,
                                   dry_run=dry_run, progress=progress)
    created = [o for o in done if o.status == generation.CREATED]
    refused = [o for o in done if o.status == generation.REFUSED]
    if as_json:
        emit_json({"date": the_day.isoformat(), "dry_run": dry_run,
                   "created": len(created), "refused": len(refused),
                   "outcomes": [o.as_dict() for o in done]})
    else:
        for o in done:
            click.echo(o.text())
            for warning in o.warnings:
                click.echo(f"  avviso: {warning}")
        click.echo(f"Ordini ricorrenti del {the_day:%d/%m/%Y}: generati {len(created)}"
                   f", rifiutati {len(refused)}" if done else
                   f"Nessun ordine ricorrente da generare il {the_day:%d/%m/%Y}")
    if refused:
        raise GammaError(f"modelli rifiutati: {', '.join(o.template for o in refused)}")


_PANEL = {"day": "Generato", "template": "Modello", "customer": "Cliente",
          "number": "Ordine", "delivery_date": "Consegna", "lines": "Ref.",
          "ordered_qty": "Ordinato", "residual_qty": "Da spedire", "status_label": "Stato"}


@uses(functions.RECURRING_PANEL)
@recurring_group.command("panel")
@click.option("--from", "start", default=None, help="First generation day (default today).")
@click.option("--to", "end", default=None, help="Last generation day (default --from).")
@click.option("--customer", default="", help="Only this customer.")
@click.option("--template", default="", help="Only this template.")
@json_option
@with_presets(recurring_forms.PANEL_COMMAND)
@pass_state
def panel_(state: CliState, start: str | None, end: str | None, customer: str,
           template: str, as_json: bool):
    """The orders generated from templates: lines (referenze), quantity still to ship,
    status."""
    ctx = state.context(need_company=True)
    first = _day(ctx, start, "from")
    last = _day(ctx, end, "to") if end else first
    emit(panel.panel(ctx, first, last, customer, template), _PANEL, as_json, ctx)


@uses(functions.RECURRING_PANEL)
@recurring_group.command("distribution")
@click.option("--date", "day", default=None, help="Delivery date (default today).")
@click.option("--to", "end", default=None, help="Last delivery date (default --date).")
@click.option("--pdf", "pdf", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The PDF file to write.")
@click.option("--complete", is_flag=True, help="Every line, shipped ones too.")
@pass_state
def distribution(state: CliState, day: str | None, end: str | None, pdf: Path,
                 complete: bool):
    """Print the distribution list of recurring orders by delivery date and destination:
    what is still to ship, or the complete list."""
    ctx = state.context(need_company=True)
    first = _day(ctx, day, "date")
    data = panel.print_distribution(ctx, pdf, first, _day(ctx, end, "to") if end else None,
                                    complete)
    orders = sum(len(g["orders"]) for g in data["groups"])
    click.echo(f"Lista di distribuzione: {orders} ordini in {len(data['groups'])} "
               f"consegne, scritta in {pdf}")


COMMANDS = [recurring_group]
