"""The field-rule mask (924): one rule as text, and back through field_rules.set_rule."""

from __future__ import annotations

import json
from typing import Any

from gamma import forms, functions
from gamma.access import field_rules, grantees
from gamma.access.forms import FIELD_RULE
from gamma.context import Context
from gamma.errors import NotFound, ValidationError
from gamma.service import operation
from models import FieldRule


def _label(field: str) -> str:
    return FIELD_RULE.field(field).label


def _flag_text(value: bool | None) -> str:
    return "" if value is None else ("S" if value else "N")


def _flag(value: Any) -> bool | None:
    return None if value in (None, "") else value in (True, "S")


@operation(functions.FIELD_RULES, write=False)
def get(ctx: Context, rule_id: int) -> FieldRule:
    row = FieldRule.get_or_none(FieldRule.id == rule_id)
    if row is None:
        raise NotFound(f"Regola del campo {rule_id} inesistente")
    return row


def form_values(rule: FieldRule) -> dict[str, Any]:
    allowed = json.loads(rule.allowed_values) if rule.allowed_values else []
    return {"form": rule.form, "field": rule.field,
            "grantee": grantees.name(grantees.of_row(rule)),
            "hidden": _flag_text(rule.hidden), "read_only": _flag_text(rule.read_only),
            "default": rule.default_value, "min_value": rule.min_value,
            "max_value": rule.max_value, "allowed": ",".join(allowed)}


def check_form_field(form_name: str, field_name: str, form_field: str = "form",
                     field_field: str = "field") -> forms.FieldDef:
    """The field definition; ValidationError naming the mask field when either is unknown."""
    try:
        form = forms.get(form_name)
    except NotFound:
        raise ValidationError(form_field, f"maschera {form_name} inesistente",
                              _label("form")) from None
    try:
        return form.field(field_name)
    except NotFound:
        raise ValidationError(field_field, f"campo {field_name} inesistente nella maschera "
                              f"{form.name}", _label("field")) from None


@operation(functions.FIELD_RULES)
def save_from_form(ctx: Context, values: dict[str, Any]) -> FieldRule:
    """Create or replace the rule the mask describes."""
    form_name = (values.get("form") or "").strip()
    field_name = (values.get("field") or "").strip()
    check_form_field(form_name, field_name)
    grantee = grantees.parse(values.get("grantee"), "grantee", _label("grantee"))
    allowed = [v.strip() for v in (values.get("allowed") or "").split(",") if v.strip()]
    try:
        return field_rules.set_rule(
            ctx, form_name, field_name, grantee, hidden=_flag(values.get("hidden")),
            read_only=_flag(values.get("read_only")), default=values.get("default") or None,
            min_value=values.get("min_value") or None,
            max_value=values.get("max_value") or None, allowed=allowed or None)
    except ValidationError as exc:
        if exc.field == "rule":
            raise ValidationError("hidden", "indicare almeno un vincolo (nascosto, sola "
                                  "lettura, predefinito, minimo, massimo o valori)",
                                  "Regola del campo") from None
        raise


def row(rule: FieldRule) -> dict[str, Any]:
    """A rule as a list line."""
    effective = field_rules.EffectiveRule(
        rule.field, hidden=bool(rule.hidden), read_only=bool(rule.read_only),
        default=rule.default_value, min_value=rule.min_value, max_value=rule.max_value,
        allowed=tuple(json.loads(rule.allowed_values)) if rule.allowed_values else None)
    return {"id": rule.id, "form": rule.form, "field": rule.field,
            "for": grantees.shown(rule), "rule": effective.describe()}
