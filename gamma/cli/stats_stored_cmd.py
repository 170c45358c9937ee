"""gamma stats save | list | auto | drop: stored statistics (statistiche memorizzate), run
with `gamma stats run NAME` (incrementally) or, the automatic ones, `gamma stats run
--stored` from cron (scripts/gamma.crontab)."""

from __future__ import annotations

import click

from gamma import functions
from gamma.cli.output import emit, json_option
from gamma.cli.state import CliState, pass_state, uses
from gamma.cli.stats_cmd import run as run_command
from gamma.cli.stats_cmd import spec_from_options, stats
from gamma.stats import stored

# The options of `stats run` that describe a statistic (not how to run or show it): the
# same names, help and parsing, so a statistic is saved exactly as it is run ad hoc.
SPEC_OPTIONS = ("by", "measure", "date_from", "date_to", "source", "compare", "filters",
                "page_break", "agent_from", "unmoved", "funnel", "funnel_measure", "bands",
                "cost", "no_gifts", "no_campaigns", "title")


@pass_state
def _save(state: CliState, name: str, shared: bool, auto: bool, description: str,
          out_xlsx: str | None, out_pdf: str | None, out_csv: str | None, **options):
    ctx = state.context(need_company=True)
    spec = spec_from_options(ctx, options)
    outputs = {k: v for k, v in (("xlsx", out_xlsx), ("pdf", out_pdf), ("csv", out_csv)) if v}
    stored.save(ctx, name, spec, shared=shared, automatic=auto, outputs=outputs,
                description=description or "",
                typed_dates={"date_from": options["date_from"], "date_to": options["date_to"]})
    how = "automatica" if auto else "manuale"
    click.echo(f"Statistica memorizzata «{name}» ({how}{', condivisa' if shared else ''}): "
               f"la prossima esecuzione la calcola per intero")


save = click.Command(
    "save", callback=_save,
    help="Store a statistic as NAME (the options of `stats run`); `stats run NAME` then "
         "brings it up to date reading only the movements added since its last run.",
    params=[click.Argument(["name"])]
    + [p for p in run_command.params if p.name in SPEC_OPTIONS]
    + [click.Option(["--shared"], is_flag=True, help="Visible to every operator."),
       click.Option(["--auto"], is_flag=True,
                    help="Run by `gamma stats run --stored` (cron)."),
       click.Option(["--description"], metavar="TEXT", help="What it is for."),
       click.Option(["--out-xlsx", "out_xlsx"], metavar="PATTERN",
                    help="Cron run: write an Excel file, e.g. /srv/stat/vendite-{data}.xlsx "
                         "({data} the day, {ora} the time)."),
       click.Option(["--out-pdf", "out_pdf"], metavar="PATTERN",
                    help="Cron run: write a PDF."),
       click.Option(["--out-csv", "out_csv"], metavar="PATTERN",
                    help="Cron run: write a CSV file.")])
uses(functions.STORED_STATISTICS)(save)
stats.add_command(save)


@uses(functions.STORED_STATISTICS)
@stats.command("list")
@json_option
@pass_state
def list_cmd(state: CliState, as_json: bool):
    """The stored statistics: automatic or not, journal watermark, last run."""
    ctx = state.context(need_company=True)
    rows = [{"name": v.name, "shared": v.shared, "owner": v.owner or "",
             "automatic": v.automatic, "watermark": v.watermark,
             "last_run_at": v.last_run_at, "full": v.last_full, "read": v.last_read,
             "rows": v.last_rows, "seconds": round(v.last_ms / 1000, 2),
             "error": v.last_error, "description": v.description}
            for v in stored.list_stored(ctx)]
    if not as_json:  # as operators read numbers: 0,84
        for row in rows:
            row["seconds"] = f"{row['seconds']:.2f}".replace(".", ",")
    emit(rows, {"name": "Nome", "automatic": "Automatica", "shared": "Condivisa",
                "watermark": "Ultimo movimento", "last_run_at": "Ultima esecuzione",
                "read": "Letti", "rows": "Righe", "seconds": "Secondi", "error": "Errore"},
         as_json, ctx)


@uses(functions.STORED_STATISTICS)
@stats.command("auto")
@click.argument("name")
@click.option("--off", is_flag=True, help="No longer run it from cron.")
@pass_state
def auto_cmd(state: CliState, name: str, off: bool):
    """Run the stored statistic NAME from cron (`stats run --stored`), or not (--off)."""
    stored.set_automatic(state.context(need_company=True), name, not off)
    click.echo(f"Statistica «{name}»: {'manuale' if off else 'automatica'}")


@uses(functions.STORED_STATISTICS)
@stats.command("drop")
@click.argument("name")
@pass_state
def drop_cmd(state: CliState, name: str):
    """Delete the stored statistic NAME and its consolidated results."""
    stored.drop(state.context(need_company=True), name)
    click.echo(f"Statistica memorizzata «{name}» eliminata")


COMMANDS: list = []  # the commands join the `stats` group of gamma.cli.stats_cmd
