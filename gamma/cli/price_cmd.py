"""gamma price explain | rule add | rule list | rule delete."""

from __future__ import annotations

import click

from gamma import dates, functions, numbers
from gamma.cli.output import emit, emit_json, json_option
from gamma.cli.state import CliState, pass_state, uses
from gamma.sales import price_rules, pricing


@click.group("price")
def price():
    """Sale prices: explain where a price comes from; price conditions (rules)."""


def _decimal(text: str | None, places: int, field: str, label: str):
    return numbers.parse_decimal(text, places, field, label) if text else None


@uses(functions.PRICE_QUERY)
@price.command("explain")
@click.option("--customer", default="", help="Customer code (none: no customer).")
@click.option("--article", required=True, help="Article code.")
@click.option("--qty", default="1", show_default=True, help="Quantity (e.g. 10 or 2,5).")
@click.option("--date", "day", default="", help="Day of the sale (dd/mm/yyyy; today).")
@click.option("--list", "price_list", type=int, default=None,
              help="The document's price list (default: the customer's, else 1).")
@click.option("--agent", default="", help="The document's agent (default: the customer's).")
@click.option("--zone", default="", help="The document's zone (default: the customer's).")
@click.option("--freight-terms", default="", help="The document's freight terms (porto).")
@click.option("--payment-term", default="",
              help="The document's payment term (default: the customer's).")
@json_option
@pass_state
def explain(state: CliState, customer: str, article: str, qty: str, day: str,
            price_list: int | None, agent: str, zone: str, freight_terms: str,
            payment_term: str, as_json: bool):
    """Show the price and discounts a sale gets, the condition that gave them and every
    other condition considered, with why it lost."""
    ctx = state.context(need_company=True)
    when = dates.parse_date(day, ctx.today(), "date", "Data") or ctx.today()
    quantity = numbers.parse_decimal(qty, 3, "qty", "Quantità")
    sale = pricing.sale_from_codes(ctx, article, quantity if quantity is not None else 0,
                                   when, customer, price_list, agent, zone, freight_terms,
                                   payment_term)
    if as_json:
        emit_json(pricing.as_dict(pricing.query(ctx, sale)))
    else:
        click.echo(pricing.explain(ctx, sale))


@price.group("rule")
def rule():
    """Price conditions: special prices, discount classes, campaigns, quantity breaks,
    n×m promotions, parametric lists."""


def _key_options(command):
    for name, help_text in reversed((
            ("--customer", "Customer code."), ("--article", "Article code."),
            ("--family", "Article family code."), ("--category", "Customer category code."),
            ("--zone", "Zone code."), ("--freight-terms", "Freight terms (porto) code."),
            ("--agent", "Agent code."), ("--payment-term", "Payment term code."))):
        command = click.option(name, default="", help=help_text)(command)
    return command


@uses(functions.PRICE_RULES)
@rule.command("add")
@click.argument("kind", type=click.Choice(pricing.RULE_KINDS))
@_key_options
@click.option("--from", "valid_from", default="", help="Valid from (dd/mm/yyyy).")
@click.option("--to", "valid_to", default="", help="Valid to (dd/mm/yyyy).")
@click.option("--min-qty", default="", help="Minimum quantity (quantity breaks).")
@click.option("--price", "price_", default="", help="Net unit price (up to 6 decimals).")
@click.option("--list", "price_list", type=int, default=None, help="Take this price list (1-8).")
@click.option("--discounts", default="", help="Discount chain, e.g. 10+5.")
@click.option("--buy", "buy_qty", type=int, default=None, help="Promotion: quantity bought.")
@click.option("--pay", "pay_qty", type=int, default=None, help="Promotion: quantity paid.")
@click.option("--priority", type=int, default=0, show_default=True,
              help="Higher wins among conditions of the same kind and keys.")
@click.option("--description", default="", help="Description (campaigns, promotions).")
@pass_state
def rule_add(state: CliState, kind: str, customer: str, article: str, family: str,
             category: str, zone: str, freight_terms: str, agent: str, payment_term: str,
             valid_from: str, valid_to: str, min_qty: str, price_: str,
             price_list: int | None, discounts: str, buy_qty: int | None,
             pay_qty: int | None, priority: int, description: str):
    """Add a price condition of KIND; it applies when every key given matches the sale."""
    ctx = state.context(need_company=True)
    today = ctx.today()
    saved = price_rules.add(
        ctx, kind, party=customer, article=article, family=family, category=category,
        zone=zone, freight_terms=freight_terms, agent=agent, payment_term=payment_term,
        valid_from=dates.parse_date(valid_from, today, "valid_from", "Valida dal"),
        valid_to=dates.parse_date(valid_to, today, "valid_to", "Valida fino al"),
        min_qty=_decimal(min_qty, 3, "min_qty", "Quantità minima"),
        price=_decimal(price_, 6, "price", "Prezzo"), price_list=price_list,
        discounts=discounts, buy_qty=buy_qty, pay_qty=pay_qty, priority=priority,
        description=description)
    click.echo(f"Registrata la condizione di prezzo {saved.id} ({saved.kind}): "
               f"{pricing.rule_source(saved)}")


LIST_HEADERS = {"id": "N.", "kind": "Tipo", "keys": "Chiavi", "valid_from": "Dal",
                "valid_to": "Al", "min_qty": "Q.tà min", "price": "Prezzo",
                "price_list": "List.", "discounts": "Sconti", "promotion": "N×M",
                "priority": "Pr.", "active": "Attiva"}


@uses(functions.PRICE_RULES)
@rule.command("list")
@click.option("--kind", type=click.Choice(pricing.RULE_KINDS), default=None,
              help="Only conditions of this kind.")
@click.option("--customer", default="", help="Only conditions of this customer.")
@click.option("--article", default="", help="Only conditions of this article.")
@json_option
@pass_state
def rule_list(state: CliState, kind: str | None, customer: str, article: str, as_json: bool):
    """List the price conditions, by kind."""
    ctx = state.context(need_company=True)
    rows = [price_rules.as_values(r)
            for r in price_rules.list_rules(ctx, kind, customer or None, article or None)]
    if as_json:
        emit_json(rows)
        return
    shown = []
    for r in rows:
        keys = " ".join(f"{pricing.KEYS[k]}={r[k]}" for k in pricing.KEYS if r[k])
        promotion = f"{r['buy_qty']}x{r['pay_qty']}" if r["buy_qty"] else ""
        shown.append({**r, "keys": keys, "promotion": promotion,
                      "min_qty": numbers.format_decimal(r["min_qty"], 3) if r["min_qty"]
                      is not None else "",
                      "price": numbers.format_decimal(r["price"], 6) if r["price"]
                      is not None else ""})
    emit(shown, LIST_HEADERS, False, ctx)


@uses(functions.PRICE_RULES)
@rule.command("delete")
@click.argument("rule_id", type=int)
@pass_state
def rule_delete(state: CliState, rule_id: int):
    """Delete price condition RULE_ID (its number in `gamma price rule list`)."""
    ctx = state.context(need_company=True)
    price_rules.delete(ctx, rule_id)
    click.echo(f"Eliminata la condizione di prezzo {rule_id}")


COMMANDS = [price]
