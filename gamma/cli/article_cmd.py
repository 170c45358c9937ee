"""gamma article show | find | export.

Export format (the import reads it back): CSV in UTF-8 (no BOM), `;` separated, a header
of the column names (gamma.master.article_export.COLUMNS), decimals with the Italian
comma and no thousands separator (`1234,5`), only the places needed (at most 6), empty
cells for missing values. JSON: a list of objects with the same keys, decimals as
strings with a dot (`"1234.5"`).
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import click

from gamma import functions, lookups
from gamma.cli.output import emit, emit_json, emit_record, json_option, shown
from gamma.cli.party_cmd import import_options, run_import
from gamma.cli.state import CliState, pass_state, uses
from gamma.master import (article_barcodes, article_export, article_import, article_prices,
                          article_relations, articles, import_files)
from gamma.master.article_common import unseen_fields
from gamma.numbers import format_decimal
from models.article import ArticleText, PartyArticleCode

HEADERS = {"code": "Codice", "description": "Descrizione", "unit": "UM",
           "vat_code": "Codice IVA", "family": "Famiglia", "cost_last": "Ultimo costo",
           "min_stock": "Scorta minima", "reorder_lot": "Lotto di riordino",
           "obsolete": "Obsoleto"}
IMPORT_HELP = ("Import articles from FILE: CSV (UTF-8 or Windows-1252, `;` or `,`), xlsx or "
               "a fixed-width layout; the format comes from the extension when not given "
               "(.csv, .xlsx, .txt/.dat with --layout). Columns as `gamma article export` "
               "writes them (price1..price8 the prices from today, cost the last cost), or "
               "mapped with --map. An existing code is changed, a new one created. All or "
               "nothing unless --partial; every rejected row is reported on stderr as "
               "`riga N: colonna: motivo`, exit 1 when nothing was written.")
FIND_HEADERS = {"code": "Codice", "description": "Descrizione", "unit": "UM",
                "found": "Trovato con"}


def plain_decimal(value: Decimal | None) -> str:
    """A decimal with the Italian comma, no grouping, only the places needed: 1234,5."""
    if value is None:
        return ""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _shown_decimal(value: Decimal | None, places: int = 2) -> str:
    if value is None:
        return ""
    trimmed = plain_decimal(value)
    decimals = len(trimmed.split(",")[1]) if "," in trimmed else 0
    return format_decimal(value, max(places, decimals))


@click.group("article")
def article():
    """Articles (items): show one, find by code, description or barcode, export."""


@uses(functions.ARTICLE_LIST)
@article.command("show")
@click.argument("code")
@json_option
@pass_state
def show(state: CliState, code: str, as_json: bool):
    """Show article CODE with the prices in force today, its barcodes, descriptions in
    other languages, supplier/customer codes and related articles."""
    ctx = state.context(need_company=True)
    found = articles.get(ctx, code)
    values = articles.form_values(ctx, found)
    in_force = ({} if "price1" in unseen_fields(ctx)
                else article_prices.prices_on(ctx, found))
    prices = [{"list": n, "price": row.price, "valid_from": row.valid_from,
               "discounts": row.discounts, "markup": row.markup, "divisor": row.divisor}
              for n, row in sorted(in_force.items())]
    barcodes = [{"code": b.code, "kind": b.kind, "quantity": b.quantity}
                for b in article_barcodes.barcodes_of(found)]
    texts = [{"language": t.language, "description": t.description}
             for t in found.texts.order_by(ArticleText.id)]
    party_codes = [{"party": p.party.code, "code": p.code, "description": p.description}
                   for p in found.party_codes.order_by(PartyArticleCode.id)]
    links = [{"kind": x.kind, "code": x.other.code, "description": x.other.description}
             for x in article_relations.links_of(found)]
    if as_json:
        data = {k: v for k, v in values.items() if not k.startswith("price")
                and k != "barcode"}
        emit_json({**data, "prices": prices, "barcodes": barcodes, "texts": texts,
                   "party_codes": party_codes, "links": links})
        return
    row = {**values, "cost_last": _shown_decimal(values["cost_last"]),
           "min_stock": _shown_decimal(values["min_stock"], 0),
           "reorder_lot": _shown_decimal(values["reorder_lot"], 0)}
    emit_record(row, HEADERS, False, ctx)
    click.echo("")
    click.echo("Prezzi in vigore:")
    for p in prices:
        click.echo(f"  listino {p['list']}: {_shown_decimal(p['price']):>14}  dal "
                   f"{shown(p['valid_from'])}" + (f"  sconti {p['discounts']}"
                                                   if p["discounts"] else ""))
    if not prices:
        click.echo("  (nessuno)")
    click.echo("Codici a barre:")
    for b in barcodes:
        click.echo(f"  {b['code']:<32} {b['kind']:<8} q.tà {_shown_decimal(b['quantity'], 0)}")
    if not barcodes:
        click.echo("  (nessuno)")
    for t in texts:
        click.echo(f"Descrizione ({t['language']}): {t['description']}")
    for p in party_codes:
        click.echo(f"Codice di {p['party']}: {p['code']} {p['description']}".rstrip())
    for x in links:
        click.echo(f"Articolo {article_relations.LINK_KINDS[x['kind']]}: {x['code']} "
                   f"{x['description']}")


@uses(functions.ARTICLE_LIST)
@article.command("find")
@click.argument("text")
@click.option("--family", default="", help="Only articles of this family.")
@click.option("--party", default="", help="Also by this supplier's or customer's own codes.")
@click.option("--limit", default=50, show_default=True, help="At most this many rows.")
@json_option
@pass_state
def find(state: CliState, text: str, family: str, party: str, limit: int, as_json: bool):
    """Find articles by code prefix, description substring or barcode (weight/price
    codes decoded)."""
    ctx = state.context(need_company=True)
    rows = lookups.get("article").search(ctx, text.strip(), {"family": family,
                                                             "party": party}, limit)
    emit(rows, FIND_HEADERS, as_json, ctx)


def _csv(rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(article_export.COLUMNS)
    for row in rows:
        writer.writerow([plain_decimal(v) if isinstance(v, Decimal) else (v or "")
                         for v in row.values()])
    return out.getvalue()


@uses(functions.ARTICLE_LIST)
@article.command("export")
@click.option("--format", "fmt", type=click.Choice(["csv", "json", "xlsx", "fixed"]),
              default=None, help="csv (default): UTF-8, ';' separated, decimal comma; json; "
              "xlsx; fixed (with --layout). Default from -o's extension.")
@click.option("--layout", default=None, help="The record layout of --format fixed.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write to FILE instead of standard output.")
@pass_state
def export(state: CliState, fmt: str | None, layout: str | None, output: str | None):
    """Export every article of the company with prices in force today."""
    ctx = state.context(need_company=True)
    if fmt is None:
        fmt = import_files.EXTENSIONS.get(Path(output or "").suffix.lower(), "csv")
    rows = list(article_export.rows(ctx))
    if fmt in ("xlsx", "fixed"):
        data = import_files.write(ctx, fmt, article_export.COLUMNS, rows, layout, "Articoli")
        if output:
            Path(output).write_bytes(data)
            click.echo(f"Esportati {len(rows)} articoli in {output}", err=True)
        else:
            click.get_binary_stream("stdout").write(data)
        return
    if fmt == "csv":
        text = _csv(rows)
    else:
        text = json.dumps(rows, default=lambda v: plain_decimal(v).replace(",", ".")
                          if isinstance(v, Decimal) else str(v), ensure_ascii=False,
                          indent=2) + "\n"
    if output:
        with open(output, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        click.echo(f"Esportati {len(rows)} articoli in {output}", err=True)
    else:
        click.echo(text, nl=False)


@uses(functions.ARTICLE_EDIT)
@article.command("import", help=IMPORT_HELP)
@import_options
@pass_state
def import_cmd(state: CliState, **options):
    run_import(state, article_import.KIND, article_import.import_file, **options)


@uses(functions.ARTICLE_EDIT)
@article.command("import-pricelist")
@click.argument("supplier")
@import_options
@pass_state
def import_pricelist(state: CliState, supplier: str, **options):
    """Import SUPPLIER's price list from FILE: columns supplier_code, cost and optionally
    description, unit, vat_code, barcode, family, code (ours; default the supplier's
    code), or mapped with --map. The last cost of the article with that supplier code
    is updated; a new supplier code creates the article. All or nothing unless
    --partial, every rejected row reported on stderr."""
    run_import(state, article_import.PRICELIST_KIND,
               lambda ctx, *args: article_import.import_pricelist(ctx, supplier, *args),
               **options)


COMMANDS = [article]
