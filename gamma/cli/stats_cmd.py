"""gamma stats run | rebuild-journal: statistics ad hoc or stored, and the journal they
read."""

from __future__ import annotations

import click

from gamma import functions
from gamma.cli.doc_cmd import _day
from gamma.cli.output import emit_json, json_option
from gamma.cli.presets_support import with_presets
from gamma.cli.progress_bar import BarProgress
from gamma.cli.state import CliState, pass_state, uses
from gamma.errors import ValidationError
from gamma.numbers import format_decimal
from gamma.stats import elements, measures
from gamma.stats.spec import StatSpec, parse_ranges


@click.group("stats")
def stats():
    """Sales, purchase and order statistics."""


def _filters(given: tuple[str, ...]) -> dict:
    out = {}
    for item in given:
        name, sep, ranges = item.partition("=")
        if not sep:
            raise ValidationError("filters", f"«{item}»: scrivere campo=da-a,da-a "
                                  "(es. family=5-10,15-29)", "Limiti")
        out[name.strip().lower()] = parse_ranges(ranges, "filters")
    return out


def _list(text: str | None) -> tuple[str, ...]:
    return tuple(p.strip().lower() for p in (text or "").split(",") if p.strip())


def spec_from_options(ctx, o: dict) -> StatSpec:
    """The spec the options of `stats run` describe (dates as the masks read them)."""
    params = {
        "elements": _list(o["by"]) or ("customer",),
        "measures": _list(o["measure"]) or ("qty", "revenue"),
        "sources": _list(o["source"]) or ("sales",),
        "date_from": _day(ctx, o["date_from"], "from"),
        "date_to": _day(ctx, o["date_to"], "to"),
        "compare_years": o["compare"] or 1, "filters": _filters(o["filters"]),
        "page_breaks": _list(o["page_break"]), "agent_from": o["agent_from"],
        "include_unmoved": o["unmoved"], "funnel": o["funnel"],
        "funnel_measure": o["funnel_measure"] or "revenue",
        "price_bands": _list(o["bands"]), "gifts": not o["no_gifts"],
        "campaigns": not o["no_campaigns"], "cost": o["cost"] or "line",
        "title": o["title"] or ""}
    return StatSpec.from_params(params)


PLACES = {"money": 2, "qty": 3, "pct": 2}


def _shown(column, value) -> str:
    if value is None:
        return ""
    if column.kind == "measure":
        return format_decimal(value, PLACES[column.format])
    return str(value)


def _text_table(table) -> None:
    """Elements left, measures right in Italian format (1.234,56); a blank line before a
    page break, subtotals under their items."""
    cells = [[_shown(c, table.labelled(r).get(c.key)) for c in table.columns]
             for r in table.rows]
    widths = [max([len(c.label)] + [len(row[i]) for row in cells])
              for i, c in enumerate(table.columns)]

    def line(values) -> str:
        return "  ".join(v.rjust(w) if c.kind == "measure" else v.ljust(w)
                         for v, w, c in zip(values, widths, table.columns)).rstrip()

    click.echo(line([c.label for c in table.columns]))
    click.echo("  ".join("-" * w for w in widths))
    for row, values in zip(table.rows, cells):
        if row.page_break_before:
            click.echo()
        click.echo(line(values))


def _write_outputs(table, xlsx: str | None, pdf: str | None, csv: str | None) -> None:
    if not (xlsx or pdf or csv):
        return
    from gamma.stats import output  # the outputs load openpyxl and fpdf only when asked
    for path, write in ((xlsx, output.write_xlsx), (pdf, output.write_pdf),
                        (csv, output.write_csv)):
        if path:
            write(table, path)
            click.echo(f"Scritto {path}", err=True)


def _emit(result, engine, as_json: bool, chart: bool) -> None:
    if as_json:
        emit_json(engine.rows_json(result))
        return
    table = engine.to_table(result)
    click.echo(table.title)
    if table.subtitle:
        click.echo(table.subtitle)
    click.echo()
    _text_table(table)
    if chart:
        from gamma.stats import output
        click.echo()
        for line in output.bar_chart_lines(table):
            click.echo(line)


@uses(functions.STATISTICS)
@stats.command("run")
@click.argument("name", required=False)
@click.option("--by", metavar="E1,E2", help="Elements, in hierarchy: "
              + ", ".join(elements.NAMES) + ".")
@click.option("--measure", metavar="M1,M2", help="Measures: " + ", ".join(measures.NAMES) + ".")
@click.option("--from", "date_from", metavar="DATE", help="From this date (2026-01-01, oggi, -30).")
@click.option("--to", "date_to", metavar="DATE", help="Up to this date.")
@click.option("--source", metavar="S1,S2",
              help="sales (default), purchases, orders, supplier_orders; sales,orders together.")
@click.option("--compare", type=int, help="Compare this many years (2-6), ending with --to.")
@click.option("--filter", "filters", multiple=True, metavar="FIELD=RANGES",
              help="Limit a field to up to 6 ranges: family=5-10,15-29,50-999 (repeatable).")
@click.option("--page-break", metavar="E1,E2", help="Elements with a page break on change.")
@click.option("--agent-from", type=click.Choice(["movement", "customer"]), default="movement",
              help="The agent of the movement (historical) or of the customer's card.")
@click.option("--unmoved", is_flag=True, help="Also the first element's items with no movement.")
@click.option("--funnel", metavar="PCT", help="Top items of the first level up to this share %.")
@click.option("--funnel-measure", metavar="M", help="The funnel's measure (default revenue).")
@click.option("--bands", metavar="E1,E2", help="Price band edges, for the element price_band.")
@click.option("--cost", metavar="METHOD", help="line (default), standard, last, average, or a "
              "stock valuation method: fifo, lifo, lifo-annual, moving-average…")
@click.option("--no-gifts", is_flag=True, help="Leave gift lines out.")
@click.option("--no-campaigns", is_flag=True, help="Leave campaign-priced lines out.")
@click.option("--title", help="Title of the statistic.")
@click.option("--stored", is_flag=True, help="Run every automatic stored statistic (cron).")
@click.option("--full", is_flag=True, help="NAME: recompute from zero, not incrementally.")
@click.option("--xlsx", metavar="FILE", help="Also write an Excel workbook.")
@click.option("--pdf", metavar="FILE", help="Also write a PDF.")
@click.option("--csv", metavar="FILE", help="Also write a CSV file.")
@click.option("--chart", is_flag=True, help="Also draw a bar chart of the first level.")
@json_option
@with_presets("stats run")
@pass_state
def run(state: CliState, name, stored, full, xlsx, pdf, csv, chart, as_json, **options):
    """Run a statistic: ad hoc from the options, a stored one by NAME (brought up to date
    incrementally), or with --stored every automatic stored statistic in sequence."""
    from gamma.stats import engine
    ctx = state.context(need_company=True)
    if stored:
        from gamma.stats import stored as stored_stats
        stored_stats.run_all(ctx, log=click.echo)
        return
    with BarProgress() as progress:
        if name:
            from gamma.stats import stored as stored_stats
            result = stored_stats.run_named(ctx, name, full=full, progress=progress)
        else:
            result = engine.run(ctx, spec_from_options(ctx, options), progress=progress)
    _write_outputs(engine.to_table(result), xlsx, pdf, csv)
    _emit(result, engine, as_json, chart)


@uses(functions.STATISTICS)
@stats.command("rebuild-journal")
@click.option("--full", is_flag=True,
              help="Delete and rewrite the whole journal (stored statistics then run --full).")
@pass_state
def rebuild_journal(state: CliState, full: bool):
    """Write the statistics journal of the confirmed documents that have none (a database
    from before the journal); safe to re-run."""
    from gamma.stats import journal
    done = journal.rebuild(state.context(need_company=True), full=full)
    click.echo(f"Documenti registrati nel giornale statistico: {done}")


COMMANDS = [stats]
