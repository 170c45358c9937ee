"""gamma stock value | close | indices — valuation, year-end close and stock indices."""

from __future__ import annotations

from pathlib import Path

import click

from gamma import dates, functions, numbers
from gamma.cli.output import emit_json, emit_table
from gamma.cli.state import CliState, pass_state, uses
from gamma.cli.stock_cmd import stock
from gamma.stock import indices, valuation, valuation_book, year_close

METHOD_HELP = ("last, average (year's weighted average), moving-average, fifo, lifo, "
               "lifo-annual (yearly layers), supplier-average, list:N (sale price list N).")


@uses(functions.STOCK_VALUATION)
@stock.command("value")
@click.option("--method", required=True, help=METHOD_HELP)
@click.option("--at", "at", default="", help="Valuation date (dd/mm/yyyy; today).")
@click.option("--depot", default="", help="Only this depot (default: every depot).")
@click.option("--json", "as_json", is_flag=True, help="Per article quantity and value, "
              "and the total, as JSON.")
@click.option("--xlsx", "xlsx", type=click.Path(dir_okay=False), default=None,
              help="Write the inventory book as Excel, by fiscal group, to this file.")
@click.option("--pdf", "pdf", type=click.Path(dir_okay=False), default=None,
              help="Print the inventory book as PDF, by fiscal group, to this file.")
@pass_state
def value(state: CliState, method: str, at: str, depot: str, as_json: bool,
          xlsx: str | None, pdf: str | None):
    """Value the stock at a date by METHOD: per article quantity, unit cost and value."""
    ctx = state.context(need_company=True)
    when = dates.parse_date(at, ctx.today(), "at", "Data") or ctx.today()
    found = valuation.value(ctx, method, when, depot or None)
    if xlsx or pdf:
        for path, data in ((xlsx, valuation_book.xlsx), (pdf, valuation_book.pdf)):
            if path:
                Path(path).write_bytes(data(ctx, found))
                click.echo(f"Inventario di {len(found.lines)} articoli scritto in {path}",
                           err=True)
        if not as_json:
            return
    if as_json:
        emit_json({"method": found.method, "at": found.at, "depot": found.depot or None,
                   "articles": [{"article": x.code, "description": x.description,
                                 "qty": x.qty, "unit_cost": x.unit_cost, "value": x.value}
                                for x in found.lines],
                   "total": found.total})
        return
    emit_table(["Articolo", "Descrizione", "Quantità", "Costo unit.", "Valore"],
               [[x.code, x.description[:40], numbers.format_decimal(x.qty, 3),
                 numbers.format_decimal(x.unit_cost, 6), numbers.format_decimal(x.value, 2)]
                for x in found.lines], ctx)
    click.echo(f"Totale ({found.label()} al {found.at:%d/%m/%Y}): "
               f"{numbers.format_decimal(found.total, 2)}")


@uses(functions.STOCK_YEAR_CLOSE)
@stock.command("close")
@click.argument("year", type=int)
@click.option("--method", required=True, help="Valuation of the closing stock: " + METHOD_HELP)
@click.option("--replace", is_flag=True, help="Close again a year already closed.")
@pass_state
def close(state: CliState, year: int, method: str, replace: bool):
    """Close YEAR: the stock at 31/12 reopened on 01/01 of the next year (reasons CHI and
    APE) at the values of METHOD, so that later valuations start from there."""
    ctx = state.context(need_company=True)
    done = year_close.close(ctx, year, method, replace)
    click.echo(year_close.summary(done))


@uses(functions.STOCK_INDICES)
@stock.command("indices")
@click.option("--from", "start", required=True, help="First day (dd/mm/yyyy).")
@click.option("--to", "end", required=True, help="Last day (dd/mm/yyyy).")
@click.option("--method", default="moving-average", show_default=True,
              help="Valuation of the opening and closing stock: " + METHOD_HELP)
@click.option("--json", "as_json", is_flag=True, help="Per article and in total, as JSON.")
@pass_state
def indices_cmd(state: CliState, start: str, end: str, method: str, as_json: bool):
    """Stock indices over a period: turnover (cost of goods sold / average stock value),
    coverage days (stock / average daily usage), margins of the sale lines."""
    ctx = state.context(need_company=True)
    today = ctx.today()
    found = indices.indices(ctx, dates.parse_date(start, today, "from", "Dal"),
                            dates.parse_date(end, today, "to", "Al"), method)
    total = indices.total(found)
    if as_json:
        emit_json({"articles": [x.as_dict() for x in found], "total": total})
        return

    def dec(value, places):
        return "" if value is None else numbers.format_decimal(value, places)

    emit_table(["Articolo", "Valore medio", "Costo venduto", "Rotazione", "Copertura gg",
                "Ricavi", "Margine", "Marg. %"],
               [[x.code, dec(x.average_value, 2), dec(x.cogs, 2), dec(x.turnover, 2),
                 dec(x.coverage_days, 1), dec(x.revenue, 2), dec(x.margin, 2),
                 dec(x.margin_rate, 2)] for x in found], ctx)
    click.echo(f"Totale: rotazione {dec(total['turnover'], 2)}, copertura "
               f"{dec(total['coverage_days'], 1)} giorni, margine {dec(total['margin'], 2)} "
               f"({dec(total['margin_rate'], 2)} %)")


COMMANDS: list = []  # adds commands to the stock group
