"""The group mask (932): description, sensitive-data flags and members of a group, and
deleting a group with everything granted to it."""

from __future__ import annotations

from typing import Any

from gamma import functions, records, validation
from gamma.access import field_rules, operators
from gamma.access.forms import GROUP
from gamma.context import Context
from gamma.errors import NotFound, ValidationError
from gamma.service import operation
from models import (CompanyAccess, DocumentRight, FieldRule, FunctionGrant, Group, MaskLayout,
                    Membership)


def form_values(group: Group) -> dict[str, Any]:
    """The group as the group mask shows it."""
    return {"code": group.code, "description": group.description,
            "see_costs": group.see_costs, "see_margins": group.see_margins,
            "see_prices": group.see_prices,
            "members": ",".join(o.login for o in operators.members(group))}


def _logins(text: str | None) -> list[str]:
    out = []
    for login in filter(None, (p.strip().lower() for p in (text or "").split(","))):
        try:
            operators.find(login)
        except NotFound:
            raise ValidationError("members", f"operatore {login.upper()} inesistente",
                                  GROUP.field("members").label) from None
        if login not in out:
            out.append(login)
    return out


@operation(functions.GROUP_LIST, write=False)
def get(ctx: Context, code: str) -> Group:
    return operators.find_group(code)


@operation(functions.GROUP_EDIT)
def save_from_form(ctx: Context, values: dict[str, Any], code: str | None = None) -> Group:
    """Create (code None) or change a group from the group mask's values.

    Field rules of the form "group" are enforced here, as for the operator mask.
    """
    target = operators.find_group(code) if code is not None else None
    current = None
    if target is not None:
        current = form_values(target)
    values = field_rules.apply(ctx, GROUP.name, values, GROUP.labels, current)
    members = _logins(values.get("members"))
    description = validation.text(values.get("description") or "", "description",
                                  "Descrizione", 60, False)
    if target is None:
        target = operators.add_group(ctx, values.get("code") or "", description)
    flags = {name: bool(values.get(name)) if name in values else getattr(target, name)
             for name in ("see_costs", "see_margins", "see_prices")}
    target = records.update(ctx, target, description=description, **flags)
    if "members" in values or code is None:
        have = [o.login for o in operators.members(target)]
        joining = [login for login in members if login not in have]
        leaving = [login for login in have if login not in members]
        if joining:
            operators.join(ctx, target.code, joining)
        if leaving:
            operators.leave(ctx, target.code, leaving)
    return target


@operation(functions.GROUP_EDIT)
def delete_group(ctx: Context, code: str) -> None:
    """Delete a group: its members leave it, its grants, field rules and user masks go
    with it (each removal in the audit log)."""
    group = operators.find_group(code)
    for model in (Membership, FunctionGrant, CompanyAccess, DocumentRight, FieldRule,
                  MaskLayout):
        for row in model.select().where(model.group == group):
            records.delete(ctx, row)
    records.delete(ctx, group)
