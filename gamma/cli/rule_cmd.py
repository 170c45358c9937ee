"""gamma field-rule set | list | delete | effective."""

from __future__ import annotations

import dataclasses

import click

from gamma import functions
from gamma.access import field_rules, operators
from gamma.access.grants import Grantee
from gamma.cli.output import emit, json_option
from gamma.cli.state import CliState, pass_state, uses


@click.group("field-rule")
def field_rule():
    """Field rules: hidden, read-only, default, range or list, per form field."""


@uses(functions.FIELD_RULES)
@field_rule.command("set")
@click.argument("form")
@click.argument("field")
@click.option("--for-operator", "login", metavar="LOGIN", help="Only for this operator.")
@click.option("--for-group", "group", metavar="CODE", help="Only for this group.")
@click.option("--hidden/--shown", default=None, help="Hide the field (or show it).")
@click.option("--read-only/--editable", default=None, help="Make the field read-only.")
@click.option("--default", "default", metavar="VALUE", help="Value proposed (or forced, "
              "when hidden).")
@click.option("--min", "min_value", metavar="VALUE", help="Lowest value allowed.")
@click.option("--max", "max_value", metavar="VALUE", help="Highest value allowed.")
@click.option("--values", metavar="A,B,…", help="The only values allowed.")
@pass_state
def set_cmd(state: CliState, form, field, login, group, hidden, read_only, default, min_value,
            max_value, values):
    """Set the rule on FIELD of FORM, for everybody unless --for-operator/--for-group."""
    if login and group:
        raise click.UsageError("--for-operator e --for-group si escludono")
    ctx = state.context()
    grantee = Grantee.of_operator(login) if login else Grantee.of_group(group) if group else None
    rule = field_rules.set_rule(
        ctx, form, field, grantee, hidden=hidden, read_only=read_only, default=default,
        min_value=min_value, max_value=max_value,
        allowed=[v.strip() for v in values.split(",")] if values else None)
    click.echo(f"Regola {rule.id} impostata su {form}.{field}")


@uses(functions.FIELD_RULES)
@field_rule.command("list")
@click.option("--form", help="Only this form's rules.")
@json_option
@pass_state
def list_cmd(state: CliState, form: str | None, as_json: bool):
    """List the field rules as set."""
    ctx = state.context()
    rows = [{"id": r.id, "form": r.form, "field": r.field,
             "for": (f"operatore {r.operator.login}" if r.operator_id else
                     f"gruppo {r.group.code}" if r.group_id else "tutti"),
             "hidden": r.hidden, "read_only": r.read_only, "default": r.default_value,
             "min": r.min_value, "max": r.max_value, "values": r.allowed_values}
            for r in field_rules.list_rules(ctx, form)]
    emit(rows, {"id": "N.", "form": "Maschera", "field": "Campo", "for": "Per",
                "hidden": "Nascosto", "read_only": "Sola lett.", "default": "Predefinito",
                "min": "Min", "max": "Max", "values": "Valori"}, as_json, ctx)


@uses(functions.FIELD_RULES)
@field_rule.command("delete")
@click.argument("rule_id", type=int)
@pass_state
def delete(state: CliState, rule_id: int):
    """Delete rule RULE_ID."""
    field_rules.delete_rule(state.context(), rule_id)
    click.echo(f"Regola {rule_id} eliminata")


@uses(functions.FIELD_RULES)
@field_rule.command("effective")
@click.argument("form")
@click.argument("login")
@json_option
@pass_state
def effective(state: CliState, form: str, login: str, as_json: bool):
    """Show the rules in force on FORM for operator LOGIN (all levels merged)."""
    ctx = state.context()
    field_rules.list_rules(ctx, form)  # the permission check
    target_ctx = dataclasses.replace(ctx, operator=operators.find(login))
    rows = [{"field": r.field, "rule": r.describe(), **dataclasses.asdict(r)}
            for r in field_rules.resolve(target_ctx, form).values()]
    emit(rows, {"field": "Campo", "rule": "Regola"}, as_json, ctx)


COMMANDS = [field_rule]
