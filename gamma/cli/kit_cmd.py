"""gamma kit — bills of materials: components, explosion, implosion, buildable quantity,
open kit orders, production loads, cost, utilities across kits, mix-and-match gifts."""

from __future__ import annotations

from decimal import Decimal

import click

from gamma import dates, functions
from gamma.cli.output import emit, emit_json, json_option
from gamma.cli.state import CliState, pass_state, uses
from gamma.kits import (buildable, explosion, fulfilability, mix_match, production,
                        structure, valuation)
from gamma.kits.structure import MAX_LEVELS
from gamma.kits.structure import qty_text as _q
from gamma.numbers import format_decimal

COMPONENT_HEADERS = {"position": "Pos", "code": "Componente", "description": "Descrizione",
                     "unit": "UM", "qty": "Quantità", "qty2": "Q.tà 2ª UM",
                     "scrap": "Sfrido %", "alt_group": "Alt", "priority": "Prio",
                     "is_kit": "Kit"}
TOTAL_HEADERS = {"article": "Componente", "description": "Descrizione", "unit": "UM",
                 "required": "Fabbisogno", "required2": "Fabb. 2ª UM"}
TREE_HEADERS = {"level": "Liv", "parent": "Padre", "article": "Componente", "unit": "UM",
                "qty_per": "Q.tà unit.", "scrap": "Sfrido %", "required": "Fabbisogno"}
USE_HEADERS = {"level": "Liv", "code": "Kit", "description": "Descrizione",
               "via": "Tramite", "qty_per": "Q.tà"}
BOUND_HEADERS = {"code": "Componente", "description": "Descrizione", "unit": "UM",
                 "per_kit": "Per kit", "available": "Disponibile", "allows": "Kit possibili",
                 "alternatives": "Alternativi"}
ORDER_HEADERS = {"order": "Ordine", "day": "Consegna", "customer": "Cliente",
                 "article": "Kit", "residual": "Residuo", "from_stock": "Da giacenza",
                 "built": "Da produrre", "short": "Mancante"}
COST_HEADERS = {"code": "Componente", "description": "Descrizione", "qty": "Q.tà",
                "unit_cost": "Costo unit.", "value": "Valore"}
GIFT_HEADERS = {"id": "N.", "article": "Articolo", "buy_qty": "Acquista", "gift": "Omaggio",
                "gift_qty": "Q.tà", "discount": "Sconto %", "valid_from": "Dal",
                "valid_to": "Al", "active": "Attiva"}


def _plain(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f") if value else "0"


def _levels(first: bool) -> int:
    return 1 if first else MAX_LEVELS


@click.group("kit")
def kit():
    """Kits (bills of materials): structure, explosion, buildable quantity, production."""


component_options = [
    click.option("--qty2", default=None, help="Quantity in the component's second unit."),
    click.option("--scrap", default=None, help="Scrap rate %, added at explosion."),
    click.option("--position", default=None, help="Order in the kit (default: last)."),
    click.option("--alt-group", "alt_group", default=None,
                 help="Alternative group: components sharing it replace each other."),
    click.option("--priority", default=None,
                 help="Within an alternative group, the lowest is used first."),
]


def _component_options(command):
    for option in reversed(component_options):
        command = option(command)
    return command


def _given(**values) -> dict:
    return {k: v for k, v in values.items() if v is not None}


@uses(functions.KIT_EDIT)
@kit.command("add")
@click.argument("parent")
@click.argument("component")
@click.option("--qty", required=True, help="Quantity per unit of PARENT (first unit).")
@_component_options
@pass_state
def add_cmd(state: CliState, parent, component, qty, **options):
    """Add COMPONENT to the kit PARENT (no kit may contain itself; 9 levels at most)."""
    ctx = state.context(need_company=True)
    structure.add(ctx, parent, component, qty, **_given(**options))
    click.echo(f"{component.upper()} aggiunto alla distinta di {parent.upper()}")


@uses(functions.KIT_EDIT)
@kit.command("change")
@click.argument("parent")
@click.argument("component")
@click.option("--qty", default=None, help="Quantity per unit of PARENT (first unit).")
@_component_options
@pass_state
def change_cmd(state: CliState, parent, component, **options):
    """Change the quantity, scrap or alternatives of COMPONENT in the kit PARENT."""
    ctx = state.context(need_company=True)
    structure.update(ctx, parent, component, **_given(**options))
    click.echo(f"{component.upper()} modificato nella distinta di {parent.upper()}")


@uses(functions.KIT_EDIT)
@kit.command("delete")
@click.argument("parent")
@click.argument("component")
@pass_state
def delete_cmd(state: CliState, parent, component):
    """Take COMPONENT out of the kit PARENT only (`kit remove` takes it out of all)."""
    ctx = state.context(need_company=True)
    structure.remove(ctx, parent, component)
    click.echo(f"{component.upper()} tolto dalla distinta di {parent.upper()}")


@uses(functions.KIT_EDIT)
@kit.command("mode")
@click.argument("parent")
@click.option("--explosion", type=click.Choice(list(structure.EXPLOSIONS)), default=None,
              help="In documents: never, automatic, or on request.")
@click.option("--pricing", type=click.Choice(list(structure.PRICINGS)), default=None,
              help="parent: parent priced, components descriptive; components: the reverse.")
@pass_state
def mode_cmd(state: CliState, parent, explosion, pricing):
    """How the kit PARENT explodes in documents."""
    ctx = state.context(need_company=True)
    found = structure.set_mode(ctx, parent, explosion, pricing)
    click.echo(f"{found.code}: esplosione {structure.EXPLOSIONS[found.kit_explosion].lower()}"
               f", {structure.PRICINGS[found.kit_pricing].lower()}")


@uses(functions.KIT_QUERY)
@kit.command("show")
@click.argument("parent")
@json_option
@pass_state
def show_cmd(state: CliState, parent, as_json):
    """The components of the kit PARENT (first level)."""
    ctx = state.context(need_company=True)
    rows = [dict(r.__dict__) for r in structure.show(ctx, parent)]
    if not as_json:
        rows = [{**r, "qty": _q(r["qty"]), "qty2": _q(r["qty2"]), "scrap": _q(r["scrap"]),
                 "alt_group": r["alt_group"] or ""} for r in rows]
    emit(rows, COMPONENT_HEADERS, as_json, ctx)


@uses(functions.KIT_QUERY)
@kit.command("explode")
@click.argument("parent")
@click.option("--qty", default="1", show_default=True, help="Quantity of PARENT.")
@click.option("--levels", type=click.IntRange(1, MAX_LEVELS), default=MAX_LEVELS,
              show_default=True, help="Levels to explode (1: the first only).")
@click.option("--tree", is_flag=True, help="Show every level, not only the sums.")
@click.option("--pdf", metavar="FILE", help="Also print the structure (every level and the "
              "sums) to this PDF file.")
@json_option
@pass_state
def explode_cmd(state: CliState, parent, qty, levels, tree, pdf, as_json):
    """What QTY of the kit PARENT needs, scrap included, summed per component."""
    ctx = state.context(need_company=True)
    if pdf:
        from gamma.kits.structure_print import print_structure  # loads fpdf only when asked
        result = print_structure(ctx, parent, pdf, qty, levels)
        click.echo(f"Scritto {pdf}", err=True)
    else:
        result = explosion.explode(ctx, parent, qty, levels)
    data = result.as_json()
    if as_json:
        emit_json(data)
        return
    click.echo(f"Esplosione di {_q(result.qty)} {result.code} {result.description}")
    if tree:
        emit([{**r, "article": "  " * (r["level"] - 1) + r["article"],
               **{k: _q(Decimal(r[k])) for k in ("qty_per", "scrap", "required")}}
              for r in data["tree"]], TREE_HEADERS, False, ctx)
        click.echo("")
    emit([{**t, "required": _q(t_.required), "required2": _q(t_.required2)}
          for t, t_ in zip(data["components"], result.totals)], TOTAL_HEADERS, False, ctx)


@uses(functions.KIT_QUERY)
@kit.command("implode")
@click.argument("component")
@json_option
@pass_state
def implode_cmd(state: CliState, component, as_json):
    """Where-used: every kit COMPONENT is in, at every level."""
    ctx = state.context(need_company=True)
    rows = [dict(u.__dict__) for u in explosion.implode(ctx, component)]
    rows = [{**r, "qty_per": _plain(r["qty_per"]) if as_json else _q(r["qty_per"])}
            for r in rows]
    emit(rows, USE_HEADERS, as_json, ctx)


@uses(functions.KIT_QUERY)
@kit.command("buildable")
@click.argument("parent")
@click.option("--depot", default="", help="Only this depot's stock (default: every depot).")
@json_option
@pass_state
def buildable_cmd(state: CliState, parent, depot, as_json):
    """How many of the kit PARENT its components' availability allows."""
    ctx = state.context(need_company=True)
    found = buildable.buildable(ctx, parent, depot or None)
    rows = [dict(b.__dict__) for b in found.components]
    if as_json:
        emit_json({"article": found.code, "depot": found.depot or None, "buildable": found.qty,
                   "scarcest": found.scarcest or None,
                   "components": [{**r, "per_kit": _plain(r["per_kit"]),
                                   "available": _plain(r["available"])} for r in rows]})
        return
    click.echo(f"{found.code} {found.description}: producibili {found.qty}"
               + (f" (limita {found.scarcest})" if found.scarcest else ""))
    emit([{**r, "per_kit": _q(r["per_kit"]), "available": _q(r["available"]),
           "alternatives": " ".join(r["alternatives"])} for r in rows], BOUND_HEADERS, False,
         ctx)


@uses(functions.KIT_QUERY)
@kit.command("orders")
@click.option("--article", default="", help="Only the orders of this kit.")
@click.option("--depot", default="", help="Only this depot's stock (default: every depot).")
@json_option
@pass_state
def orders_cmd(state: CliState, article, depot, as_json):
    """Which open customer orders for kits could ship, in delivery-date order."""
    ctx = state.context(need_company=True)
    rows = [dict(s.__dict__) for s in fulfilability.simulate(ctx, article or None,
                                                             depot or None)]
    fmt = _plain if as_json else _q
    emit([{**r, **{k: fmt(r[k]) for k in ("residual", "from_stock", "built", "short")}}
          for r in rows], ORDER_HEADERS, as_json, ctx)


@uses(functions.PRODUCTION_LOAD)
@kit.command("produce")
@click.argument("parent")
@click.option("--qty", required=True, help="Quantity of PARENT made.")
@click.option("--levels", type=click.IntRange(1, MAX_LEVELS), default=MAX_LEVELS,
              help="Unload the components of every level (default) or of the first (1).")
@click.option("--depot", default="", help="Depot (default: the main one).")
@click.option("--date", "day", default="", help="Day of the movements (dd/mm/yyyy; today).")
@pass_state
def produce_cmd(state: CliState, parent, qty, levels, depot, day):
    """Load QTY of the kit PARENT made, unloading its components, in one transaction."""
    ctx = state.context(need_company=True)
    done = production.produce(ctx, parent, qty, levels, depot,
                              dates.parse_date(day, ctx.today(), "date", "Data"))
    for warning in done.warnings:
        click.echo(f"Attenzione: {warning}", err=True)
    for m in done.movements:
        click.echo(f"{m.reason.code} {m.article.code:<20} {_q(m.qty):>12}")
    click.echo(f"Caricati {_q(done.explosion.qty)} {done.explosion.code} al costo unitario "
               f"{format_decimal(done.unit_cost, 2)}")


@uses(functions.KIT_EDIT)
@kit.command("replace")
@click.argument("old")
@click.argument("new")
@pass_state
def replace_cmd(state: CliState, old, new):
    """Put the component NEW in place of OLD in every kit."""
    ctx = state.context(need_company=True)
    changed = structure.replace(ctx, old, new)
    click.echo(f"{old.upper()} sostituito da {new.upper()} in {len(changed)} distinte: "
               + ", ".join(changed))


@uses(functions.KIT_EDIT)
@kit.command("remove")
@click.argument("component")
@pass_state
def remove_cmd(state: CliState, component):
    """Take COMPONENT out of every kit."""
    ctx = state.context(need_company=True)
    changed = structure.remove_everywhere(ctx, component)
    click.echo(f"{component.upper()} tolto da {len(changed)} distinte: " + ", ".join(changed))


@uses(functions.KIT_EDIT)
@kit.command("copy")
@click.argument("source")
@click.argument("target")
@pass_state
def copy_cmd(state: CliState, source, target):
    """Duplicate the kit SOURCE onto the article TARGET (which has no components yet)."""
    ctx = state.context(need_company=True)
    count = structure.copy(ctx, source, target)
    click.echo(f"Copiati {count} componenti da {source.upper()} a {target.upper()}")


@uses(functions.KIT_QUERY)
@kit.command("value")
@click.argument("parent")
@click.option("--method", default="last", show_default=True,
              help="last, average, moving-average, fifo, lifo, lifo-annual, "
                   "supplier-average or list:N.")
@click.option("--at", "at", default="", help="Day of the valuation (dd/mm/yyyy; today).")
@json_option
@pass_state
def value_cmd(state: CliState, parent, method, at, as_json):
    """The cost of one PARENT rolled up from its components by a valuation method."""
    ctx = state.context(need_company=True)
    cost = valuation.value(ctx, parent, method, dates.parse_date(at, ctx.today(), "at",
                                                                 "Data"))
    rows = [dict(c.__dict__) for c in cost.lines]
    if as_json:
        emit_json({"article": cost.code, "method": cost.method, "at": cost.at,
                   "unit_cost": _plain(cost.unit_cost), "missing": cost.missing,
                   "components": [{**r, **{k: _plain(r[k]) for k in
                                           ("qty", "unit_cost", "value")}} for r in rows]})
        return
    click.echo(f"{cost.code} {cost.description}: costo {format_decimal(cost.unit_cost, 2)} "
               f"({cost.method}, {cost.at:%d/%m/%Y})")
    emit([{**r, "qty": _q(r["qty"]), "unit_cost": format_decimal(r["unit_cost"], 4)
           if r["unit_cost"] is not None else "", "value": format_decimal(r["value"], 2)}
          for r in rows], COST_HEADERS, False, ctx)
    if cost.missing:
        click.echo("Senza costo (contati a zero): " + ", ".join(cost.missing), err=True)


@kit.group("gift")
def gift():
    """Mix-and-match gifts: buy a quantity of an article, get another at a discount."""


@uses(functions.PRICE_RULES)
@gift.command("add")
@click.argument("article")
@click.argument("buy_qty")
@click.argument("gift_article")
@click.option("--qty", "gift_qty", default="1", show_default=True,
              help="Gift quantity for every BUY_QTY bought.")
@click.option("--discount", default="100", show_default=True, help="Discount % on the gift.")
@click.option("--from", "valid_from", default="", help="Valid from (dd/mm/yyyy).")
@click.option("--to", "valid_to", default="", help="Valid to (dd/mm/yyyy).")
@click.option("--description", default="")
@pass_state
def gift_add_cmd(state: CliState, article, buy_qty, gift_article, gift_qty, discount,
                 valid_from, valid_to, description):
    """Buying BUY_QTY of ARTICLE gives GIFT_ARTICLE at a discount (100 %: free)."""
    ctx = state.context(need_company=True)
    rule = mix_match.add(ctx, article, buy_qty, gift_article, gift_qty, discount,
                         dates.parse_date(valid_from, ctx.today(), "valid_from", "Dal"),
                         dates.parse_date(valid_to, ctx.today(), "valid_to", "Al"),
                         description)
    click.echo(f"Omaggio mix/match {rule.id} inserito")


@uses(functions.PRICE_RULES)
@gift.command("list")
@json_option
@pass_state
def gift_list_cmd(state: CliState, as_json):
    """The mix-and-match gift rules."""
    ctx = state.context(need_company=True)
    fmt = _plain if as_json else _q
    emit([{"id": r.id, "article": r.article.code, "buy_qty": fmt(r.buy_qty),
           "gift": r.gift.code, "gift_qty": fmt(r.gift_qty), "discount": fmt(r.discount),
           "valid_from": r.valid_from, "valid_to": r.valid_to, "active": r.active}
          for r in mix_match.list_rules(ctx)], GIFT_HEADERS, as_json, ctx)


@uses(functions.PRICE_RULES)
@gift.command("delete")
@click.argument("rule_id")
@pass_state
def gift_delete_cmd(state: CliState, rule_id):
    """Delete the mix-and-match gift rule RULE_ID."""
    ctx = state.context(need_company=True)
    mix_match.remove(ctx, rule_id)
    click.echo(f"Omaggio mix/match {rule_id} eliminato")


COMMANDS = [kit]
