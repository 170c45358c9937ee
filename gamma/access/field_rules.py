"""Field rules: per form field, for everybody, a group or one operator — hidden, read-only,
default value, allowed range or list.

Each attribute comes from the most specific level that sets it: the operator's own rule,
else the operator's groups (hidden/read-only if any group says so; the first group by code
for values), else the rule for everybody. The mask engine applies the resolved rules on
screen; `apply` enforces them for the CLI and every other caller.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Mapping

from gamma import functions, records, validation
from gamma.access import permissions
from gamma.access.grants import Grantee
from gamma.context import Context
from gamma.errors import NotFound, ValidationError
from gamma.service import operation
from models import FieldRule, Group

_ATTRS = ("hidden", "read_only", "default_value", "min_value", "max_value", "allowed_values")


@dataclass(frozen=True)
class EffectiveRule:
    field: str
    hidden: bool = False
    read_only: bool = False
    default: str | None = None
    min_value: str | None = None
    max_value: str | None = None
    allowed: tuple[str, ...] | None = None

    def describe(self) -> str:
        parts = []
        if self.hidden:
            parts.append("nascosto")
        if self.read_only:
            parts.append("sola lettura")
        if self.default is not None:
            parts.append(f"predefinito {self.default}")
        if self.min_value is not None or self.max_value is not None:
            parts.append(f"intervallo {self.min_value or '…'}–{self.max_value or '…'}")
        if self.allowed is not None:
            parts.append("valori " + ", ".join(self.allowed))
        return "; ".join(parts)


def _merge(levels: list[list[FieldRule]]) -> dict[str, Any]:
    """levels: most specific first; each level a list of rows (groups may be several)."""
    merged: dict[str, Any] = {}
    for attr in _ATTRS:
        for rows in levels:
            values = [getattr(r, attr) for r in rows if getattr(r, attr) is not None]
            if values:
                merged[attr] = any(values) if attr in ("hidden", "read_only") else values[0]
                break
    return merged


def resolve(ctx: Context, form: str) -> dict[str, EffectiveRule]:
    """The rules in force for the context's operator on every field of the form."""
    rows = list(FieldRule.select().where(FieldRule.form == form))
    if not rows:
        return {}
    operator = ctx.operator
    group_ids = permissions.group_ids(operator) if operator else []
    group_order = {g.id: g.code for g in Group.select().where(Group.id.in_(group_ids))}
    result = {}
    for field in sorted({r.field for r in rows}):
        mine = [r for r in rows if r.field == field]
        own = [r for r in mine if operator is not None and r.operator_id == operator.id]
        groups = sorted((r for r in mine if r.group_id in group_order),
                        key=lambda r: group_order[r.group_id])
        everybody = [r for r in mine if r.operator_id is None and r.group_id is None]
        merged = _merge([own, groups, everybody])
        if not merged:
            continue
        allowed = merged.get("allowed_values")
        result[field] = EffectiveRule(
            field=field, hidden=bool(merged.get("hidden")),
            read_only=bool(merged.get("read_only")), default=merged.get("default_value"),
            min_value=merged.get("min_value"), max_value=merged.get("max_value"),
            allowed=tuple(json.loads(allowed)) if allowed else None)
    return result


def _comparable(value: Any, bound: str) -> tuple[Any, Any]:
    if isinstance(value, date):
        return value.isoformat(), bound
    try:
        return Decimal(str(value).replace(",", ".")), Decimal(bound.replace(",", "."))
    except InvalidOperation:
        return str(value), bound


def check_value(rule: EffectiveRule, value: Any, label: str) -> None:
    """Raise ValidationError naming the field and the rule if the value breaks it."""
    if value is None or value == "":
        return
    shown = value.isoformat() if isinstance(value, date) else str(value)
    if rule.allowed is not None and shown not in rule.allowed:
        raise ValidationError(rule.field, f"valore {shown} non ammesso dalla regola del campo "
                              f"(valori consentiti: {', '.join(rule.allowed)})", label)
    if rule.min_value is not None:
        v, bound = _comparable(value, rule.min_value)
        if v < bound:
            raise ValidationError(rule.field, f"valore {shown} sotto il minimo {rule.min_value} "
                                  "consentito dalla regola del campo", label)
    if rule.max_value is not None:
        v, bound = _comparable(value, rule.max_value)
        if v > bound:
            raise ValidationError(rule.field, f"valore {shown} oltre il massimo {rule.max_value} "
                                  "consentito dalla regola del campo", label)


def apply(ctx: Context, form: str, values: Mapping[str, Any],
          labels: Mapping[str, str] | None = None,
          current: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Enforce the form's rules on submitted values; return them with defaults filled.

    `current` holds the record's stored values when editing (None when creating): a
    hidden or read-only field may not change from it (or, when creating, from its default).
    """
    labels = labels or {}
    result = dict(values)
    for field, rule in resolve(ctx, form).items():
        label = labels.get(field, field)
        baseline = current.get(field) if current is not None else rule.default
        given = result.get(field)
        if rule.hidden or rule.read_only:
            if field in values and given not in (None, "") and str(given) != str(baseline):
                state = "nascosto" if rule.hidden else "in sola lettura"
                raise ValidationError(field, f"campo {state} per l'operatore "
                                      f"{ctx.operator.display if ctx.operator else ''}".rstrip(),
                                      label)
            if current is None and rule.default is not None:
                result[field] = rule.default
            elif current is None:
                result.pop(field, None)
            continue
        if (given is None or given == "") and current is None and rule.default is not None:
            result[field] = rule.default
        check_value(rule, result.get(field), label)
    return result


@operation(functions.FIELD_RULES)
def set_rule(ctx: Context, form: str, field: str, grantee: Grantee | None = None, *,
             hidden: bool | None = None, read_only: bool | None = None,
             default: str | None = None, min_value: str | None = None,
             max_value: str | None = None, allowed: list[str] | None = None) -> FieldRule:
    """Create or replace the rule for (form, field, grantee); grantee None means everybody."""
    form = validation.text(form, "form", "Maschera", 40)
    field = validation.text(field, "field", "Campo", 40)
    where = [FieldRule.form == form, FieldRule.field == field]
    if grantee is None:
        where += [FieldRule.operator.is_null(), FieldRule.group.is_null()]
    else:
        where.append(grantee.where(FieldRule))
    values = dict(hidden=hidden, read_only=read_only, default_value=default,
                  min_value=min_value, max_value=max_value,
                  allowed_values=json.dumps(allowed, ensure_ascii=False) if allowed else None)
    if all(v is None for v in values.values()):
        raise ValidationError("rule", "indicare almeno un vincolo", "Regola del campo")
    row = FieldRule.get_or_none(*where)
    if row is None:
        grantee_values = grantee.values() if grantee else {}
        return records.insert(ctx, FieldRule, form=form, field=field, **values, **grantee_values)
    return records.update(ctx, row, **values)


@operation(functions.FIELD_RULES)
def delete_rule(ctx: Context, rule_id: int) -> None:
    row = FieldRule.get_or_none(FieldRule.id == rule_id)
    if row is None:
        raise NotFound(f"Regola del campo {rule_id} inesistente")
    records.delete(ctx, row)


@operation(functions.FIELD_RULES, write=False)
def list_rules(ctx: Context, form: str | None = None) -> list[FieldRule]:
    q = FieldRule.select()
    if form:
        q = q.where(FieldRule.form == form)
    return list(q.order_by(FieldRule.form, FieldRule.field, FieldRule.id))
