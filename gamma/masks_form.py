"""The user-mask mask (925): a layout as one line per field, `name[:width[:label]]`, for an
operator, a group or everybody; saved through gamma.masks."""

from __future__ import annotations

import json
from typing import Any

from gamma import forms, functions, masks
from gamma.access import grantees
from gamma.access.forms import LAYOUT_LINES, MASK_LAYOUT
from gamma.context import Context
from gamma.errors import NotFound, ValidationError
from gamma.masks import LayoutField
from gamma.service import operation
from models import MaskLayout

HINT = "Un campo per riga: nome[:larghezza[:etichetta]] (F2 sceglie il campo)"


def _label(field: str) -> str:
    return MASK_LAYOUT.field(field).label


@operation(functions.MASK_LAYOUTS, write=False)
def get(ctx: Context, layout_id: int) -> MaskLayout:
    row = MaskLayout.get_or_none(MaskLayout.id == layout_id)
    if row is None:
        raise NotFound(f"Maschera personalizzata {layout_id} inesistente")
    return row


def find(form_name: str, grantee_text: str) -> MaskLayout | None:
    """The layout of a form for a grantee (empty: everybody), if one is stored."""
    grantee = grantees.parse(grantee_text)
    where = [MaskLayout.form == (form_name or "").strip()]
    where += [grantee.where(MaskLayout)] if grantee else [
        MaskLayout.operator.is_null(), MaskLayout.group.is_null()]
    return MaskLayout.get_or_none(*where)


def line(field: LayoutField, form: forms.Form | None = None) -> str:
    """A layout field as the mask shows it, leaving out what is the form's own."""
    definition = None
    if form is not None:
        try:
            definition = form.field(field.name)
        except NotFound:
            definition = None
    if definition is not None and field.label == definition.label:
        if field.width == definition.width:
            return field.name
        return f"{field.name}:{field.width}"
    return f"{field.name}:{field.width}:{field.label}"


def form_values(layout: MaskLayout) -> dict[str, Any]:
    try:
        form = forms.get(layout.form)
    except NotFound:
        form = None
    values: dict[str, Any] = {"form": layout.form,
                              "grantee": grantees.name(grantees.of_row(layout))}
    for number, item in enumerate(json.loads(layout.fields)[:LAYOUT_LINES], start=1):
        values[f"field_{number}"] = line(LayoutField(**item), form)
    return values


def parse_line(text: str, field: str) -> LayoutField | None:
    text = (text or "").strip()
    if not text:
        return None
    name, _, rest = text.partition(":")
    width, _, label = rest.partition(":")
    width = width.strip()
    if width and not width.isdigit():
        raise ValidationError(field, f"larghezza {width!r} non numerica", _label(field))
    return LayoutField(name.strip(), int(width or 0), label.strip())


@operation(functions.MASK_LAYOUTS)
def save_from_form(ctx: Context, values: dict[str, Any]) -> MaskLayout:
    form_name = (values.get("form") or "").strip()
    try:
        form = forms.get(form_name)
    except NotFound:
        raise ValidationError("form", f"maschera {form_name} inesistente",
                              _label("form")) from None
    grantee = grantees.parse(values.get("grantee"), "grantee", _label("grantee"))
    fields: list[LayoutField] = []
    first_line = "field_1"
    for number in range(1, LAYOUT_LINES + 1):
        name = f"field_{number}"
        parsed = parse_line(values.get(name) or "", name)
        if parsed is None:
            continue
        try:
            form.field(parsed.name)
        except NotFound:
            raise ValidationError(name, f"campo {parsed.name} inesistente nella maschera "
                                  f"{form.name}", _label(name)) from None
        if not fields:
            first_line = name
        fields.append(parsed)
    try:
        return masks.set_layout(ctx, form.name, fields, grantee)
    except ValidationError as exc:
        # The service names "fields"; the mask names its first line.
        raise ValidationError(first_line, exc.rule, "Campi") from None


@operation(functions.MASK_LAYOUTS)
def delete(ctx: Context, layout_id: int) -> None:
    row = get(ctx, layout_id)
    masks.delete_layout(ctx, row.form, grantees.of_row(row))


def row(layout: MaskLayout) -> dict[str, Any]:
    return {"id": layout.id, "form": layout.form, "for": grantees.shown(layout),
            "fields": ",".join(f["name"] for f in json.loads(layout.fields))}
