"""Importing parties from CSV, xlsx or fixed-width files.

The columns are those of `gamma party export` (party_export.EXPORT_COLUMNS), or others
mapped to them. Each row goes through parties.save_from_form, as typed in the mask: an
existing code is changed (only the columns in the file; an empty cell empties the field,
an empty S/N cell keeps it), a new code is created. All or nothing by default, with a
report of every rejected row; `partial` keeps the valid rows.
"""

from __future__ import annotations

from typing import Any

from gamma import functions
from gamma.context import Context
from gamma.errors import ValidationError
from gamma.interchange.importer import ImportReport
from gamma.master import import_files, parties
from gamma.master.party_export import EXPORT_COLUMNS
from gamma.master.party_form import PARTY
from gamma.service import operation
from models import Party

KIND = "party"
FIELDS = EXPORT_COLUMNS
# Longer in the archive than in the mask's field: checked by the service, not the mask.
LONG_TEXTS = {"notes"}


def values_of(ctx: Context, texts: dict[str, str]) -> dict[str, Any]:
    """The form's values from a row's texts, each parsed as the mask parses it."""
    values: dict[str, Any] = {}
    today = ctx.today()
    for name, text in texts.items():
        text = (text or "").strip()
        if name == "roles":
            if text:
                roles = text.upper()
                if set(roles) - {"C", "F"}:
                    raise ValidationError("roles", "C, F o CF", "Ruoli")
                values["is_customer"], values["is_supplier"] = "C" in roles, "F" in roles
            continue
        if name in LONG_TEXTS:
            values[name] = text
            continue
        field = PARTY.field(name)
        if field.kind == "bool" and not text:
            continue  # an empty S/N keeps the stored value (or the default)
        values[name] = field.parse(text, today)
    return values


def write_row(ctx: Context, texts: dict[str, str]) -> Party:
    values = values_of(ctx, texts)
    code = (values.pop("code", None) or "").strip().upper()
    if code and Party.select().where(Party.company == ctx.company,
                                     Party.code == code).exists():
        return parties.save_from_form(ctx, values, code)
    return parties.save_from_form(ctx, {**values, "code": code})


@operation(functions.PARTY_EDIT)
def import_file(ctx: Context, data: bytes, fmt: str, layout: str | None = None,
                mapping: dict[str, str] | None = None, partial: bool = False
                ) -> ImportReport:
    """Import the file's rows (format csv, xlsx or fixed with a layout name)."""
    ctx.require_company()
    header, rows = import_files.read(ctx, data, fmt, layout)
    columns = import_files.columns_to_fields(header, mapping, FIELDS)
    return import_files.run(rows, columns, lambda texts: write_row(ctx, texts), partial,
                            {"is_customer": "roles", "is_supplier": "roles"})
