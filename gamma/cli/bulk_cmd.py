"""gamma bulk articles | parties | rename-article | rename-party (function 141).

Without --apply the commands only show what would change (code, field, before, after) and
write nothing; with --apply everything is written in one transaction, or nothing at all.
"""

from __future__ import annotations

from decimal import Decimal

import click

from gamma import dates, functions, numbers
from gamma.cli.output import emit, json_option
from gamma.cli.presets_support import with_presets
from gamma.cli.state import CliState, pass_state, uses
from gamma.errors import ValidationError
from gamma.master import bulk
from gamma.master.bulk import FieldSet, PriceChange
from gamma.master.bulk_select import Selection

HEADERS = {"code": "Codice", "field": "Campo", "old": "Prima", "new": "Dopo"}


@click.group("bulk")
def bulk_group():
    """Bulk changes on a selection of articles or parties, with preview; code renames."""


def _shown(value):
    if isinstance(value, Decimal):
        places = 2
        text = format(value.normalize(), "f")
        if "." in text:
            places = max(2, len(text.split(".")[1]))
        return numbers.format_decimal(value, places)
    return value


def _pairs(items: tuple[str, ...], option: str) -> list[tuple[str, str]]:
    out = []
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise ValidationError(option, "nella forma CAMPO=VALORE", option)
        out.append((name.strip(), value))
    return out


def _selection(code_from, code_to, where, **fields) -> Selection:
    selection = Selection(code_from=code_from or "", code_to=code_to or "")
    for name, values in fields.items():
        if values:
            selection.add(name, *values)
    for name, value in _pairs(where, "--where"):
        selection.add(name, value)
    return selection


def _report(ctx, lines, apply: bool, as_json: bool) -> None:
    rows = [{"code": c.code, "field": c.field, "old": c.old, "new": c.new} for c in lines]
    if as_json:
        emit(rows, HEADERS, True)
    else:
        shown = [{k: _shown(v) for k, v in r.items()} for r in rows]
        emit(shown, HEADERS, False, ctx)
    records = len({c.code for c in lines})
    if apply:
        click.echo(f"Eseguite {len(lines)} variazioni su {records} record", err=True)
    else:
        click.echo(f"Anteprima: {len(lines)} variazioni su {records} record; nulla è stato "
                   "scritto (--apply per eseguire)", err=True)


def _common(f):
    for option in reversed((
            click.option("--code-from", metavar="CODE", help="From this code (included)."),
            click.option("--code-to", metavar="CODE", help="Up to this code (included)."),
            click.option("--where", multiple=True, metavar="FIELD=CODES",
                         help="Select by another field, codes separated by commas "
                         "(repeatable)."),
            click.option("--set", "sets", multiple=True, metavar="FIELD=VALUE",
                         help="Set a field of the mask to VALUE (repeatable)."),
            click.option("--apply", is_flag=True,
                         help="Write the changes (without: preview only)."))):
        f = option(f)
    return f


@uses(functions.BULK_CHANGE)
@bulk_group.command("articles")
@_common
@click.option("--family", multiple=True, help="Family codes (repeatable or comma-separated).")
@click.option("--subfamily", multiple=True, help="Subfamily codes.")
@click.option("--group", multiple=True, help="Group codes.")
@click.option("--supplier", multiple=True, help="Articles with codes of these suppliers.")
@click.option("--field", "price_field", type=click.Choice([f"price{n}" for n in range(1, 9)]),
              help="The price list to change.")
@click.option("--percent", metavar="N", help="Change the price by N percent (-2,5 lowers).")
@click.option("--amount", metavar="N", help="Change the price by this amount.")
@click.option("--round", "step", metavar="STEP", help="Round to a multiple of STEP, "
              "halves up (0,05).")
@click.option("--from", "valid_from", metavar="DATE",
              help="New prices in force from this date (default today); earlier kept.")
@json_option
@with_presets("bulk articles")
@pass_state
def articles_cmd(state: CliState, code_from, code_to, where, sets, apply, family, subfamily,
                 group, supplier, price_field, percent, amount, step, valid_from, as_json):
    """Change prices or fields of the selected articles: preview, then --apply."""
    ctx = state.context(need_company=True)
    selection = _selection(code_from, code_to, where, family=family, subfamily=subfamily,
                           product_group=group, supplier=supplier)
    changes: list = [FieldSet(name, value) for name, value in _pairs(sets, "--set")]
    if price_field or percent or amount:
        if not price_field:
            raise ValidationError("field", "indicare il listino (--field price1…price8)",
                                  "Listino")

        def dec(text, name, label):
            return numbers.parse_decimal(text, 6, name, label) if text else None

        changes.append(PriceChange(
            int(price_field[5:]), percent=dec(percent, "percent", "Percentuale"),
            amount=dec(amount, "amount", "Importo"), step=dec(step, "step", "Arrotondamento"),
            valid_from=dates.parse_date(valid_from, ctx.today(), "valid_from", "In vigore dal")
            if valid_from else None))
    run = bulk.apply_articles if apply else bulk.preview_articles
    _report(ctx, run(ctx, selection, changes), apply, as_json)


@uses(functions.BULK_CHANGE)
@bulk_group.command("parties")
@_common
@click.option("--zone", multiple=True, help="Zone codes (repeatable or comma-separated).")
@click.option("--area", multiple=True, help="Area codes.")
@click.option("--category", multiple=True, help="Category codes.")
@click.option("--agent", multiple=True, help="Agent codes (first or second agent).")
@json_option
@with_presets("bulk parties")
@pass_state
def parties_cmd(state: CliState, code_from, code_to, where, sets, apply, zone, area,
                category, agent, as_json):
    """Change fields of the selected parties (--set payment_term=RB60): preview, then
    --apply."""
    ctx = state.context(need_company=True)
    selection = _selection(code_from, code_to, where, zone=zone, area=area,
                           category=category, agent=agent)
    changes = [FieldSet(name, value) for name, value in _pairs(sets, "--set")]
    run = bulk.apply_parties if apply else bulk.preview_parties
    _report(ctx, run(ctx, selection, changes), apply, as_json)


@uses(functions.BULK_CHANGE)
@bulk_group.command("rename-article")
@click.argument("old")
@click.argument("new")
@pass_state
def rename_article(state: CliState, old: str, new: str):
    """Change article code OLD to NEW everywhere (refused when NEW exists)."""
    ctx = state.context(need_company=True)
    article = bulk.rename_article(ctx, old, new)
    click.echo(f"Articolo {old.strip().upper()} ora {article.code}")


@uses(functions.BULK_CHANGE)
@bulk_group.command("rename-party")
@click.argument("old")
@click.argument("new")
@pass_state
def rename_party(state: CliState, old: str, new: str):
    """Change party code OLD to NEW everywhere (refused when NEW exists)."""
    ctx = state.context(need_company=True)
    party = bulk.rename_party(ctx, old, new)
    click.echo(f"Anagrafica {old.strip().upper()} ora {party.code}")


COMMANDS = [bulk_group]
