"""User-built masks: which fields of a form an operator or group sees, in which order,
with which width and label. The operator's own layout wins over a group's, a group's
over the one for everybody; without any, the form's own layout applies.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from gamma import forms, functions, records
from gamma.access import permissions
from gamma.access.grants import Grantee
from gamma.context import Context
from gamma.errors import NotFound, ValidationError
from gamma.service import operation
from models import Group, MaskLayout

MAX_WIDTH = 60


@dataclass(frozen=True)
class LayoutField:
    name: str
    width: int
    label: str


def _parse(form: forms.Form, fields: list[LayoutField]) -> list[LayoutField]:
    if not fields:
        raise ValidationError("fields", "indicare almeno un campo", "Campi")
    seen, out = set(), []
    for f in fields:
        definition = form.field(f.name)  # NotFound names the field
        if f.name in seen:
            raise ValidationError("fields", f"campo {f.name} ripetuto", "Campi")
        seen.add(f.name)
        width = f.width or definition.width
        if not 1 <= width <= MAX_WIDTH:
            raise ValidationError("fields", f"larghezza di {f.name} fuori da 1..{MAX_WIDTH}",
                                  "Campi")
        out.append(LayoutField(f.name, width, (f.label or definition.label)[:40]))
    missing = [f.label for f in form.fields if f.required and f.name not in seen]
    if missing:
        raise ValidationError("fields", "mancano campi obbligatori: " + ", ".join(missing),
                              "Campi")
    return out


def parse_spec(spec: str) -> list[LayoutField]:
    """`name:width:label,name,...` as typed on the command line or in the mask."""
    out = []
    for item in filter(None, (p.strip() for p in spec.split(","))):
        name, _, rest = item.partition(":")
        width, _, label = rest.partition(":")
        if width and not width.isdigit():
            raise ValidationError("fields", f"larghezza {width!r} non numerica", "Campi")
        out.append(LayoutField(name.strip(), int(width or 0), label.strip()))
    return out


@operation(functions.MASK_LAYOUTS)
def set_layout(ctx: Context, form_name: str, fields: list[LayoutField],
               grantee: Grantee | None = None) -> MaskLayout:
    form = forms.get(form_name)
    layout = _parse(form, fields)
    text = json.dumps([f.__dict__ for f in layout], ensure_ascii=False)
    where = [MaskLayout.form == form.name]
    where += [grantee.where(MaskLayout)] if grantee else [
        MaskLayout.operator.is_null(), MaskLayout.group.is_null()]
    row = MaskLayout.get_or_none(*where)
    if row is None:
        return records.insert(ctx, MaskLayout, form=form.name, fields=text,
                              updated_at=ctx.now(), updated_by=ctx.operator.display,
                              **(grantee.values() if grantee else {}))
    return records.update(ctx, row, fields=text, updated_at=ctx.now(),
                          updated_by=ctx.operator.display)


@operation(functions.MASK_LAYOUTS)
def delete_layout(ctx: Context, form_name: str, grantee: Grantee | None = None) -> None:
    where = [MaskLayout.form == form_name]
    where += [grantee.where(MaskLayout)] if grantee else [
        MaskLayout.operator.is_null(), MaskLayout.group.is_null()]
    row = MaskLayout.get_or_none(*where)
    if row is None:
        raise NotFound(f"Nessuna maschera personalizzata per {form_name}")
    records.delete(ctx, row)


@operation(functions.MASK_LAYOUTS, write=False)
def list_layouts(ctx: Context) -> list[MaskLayout]:
    return list(MaskLayout.select().order_by(MaskLayout.form, MaskLayout.id))


def resolve(ctx: Context, form_name: str) -> list[LayoutField] | None:
    """The layout in force for the operator, or None for the form's own."""
    rows = list(MaskLayout.select().where(MaskLayout.form == form_name))
    if not rows:
        return None
    operator = ctx.operator
    own = [r for r in rows if r.operator_id == operator.id]
    group_ids = permissions.group_ids(operator)
    codes = {g.id: g.code for g in Group.select().where(Group.id.in_(group_ids))} \
        if group_ids else {}
    groups = sorted((r for r in rows if r.group_id in codes), key=lambda r: codes[r.group_id])
    everybody = [r for r in rows if r.operator_id is None and r.group_id is None]
    for level in (own, groups, everybody):
        if level:
            return [LayoutField(**f) for f in json.loads(level[0].fields)]
    return None
