"""Record layouts kept in the database: defined once (from a TOML or JSON file, or the
CLI), then named by imports and exports."""

from __future__ import annotations

import dataclasses
import json
import tomllib
from typing import Any

from gamma import functions, records, validation
from gamma.context import Context
from gamma.errors import NotFound, ValidationError
from gamma.interchange.fixed_width import Layout, LayoutField
from gamma.service import operation
from models import RecordLayout

_KEYS = {f.name for f in dataclasses.fields(LayoutField)}


def build(name: str, fields: list[dict[str, Any]]) -> Layout:
    """A layout from plain field descriptions; ValidationError names what is wrong."""
    if not fields:
        raise ValidationError("fields", "indicare almeno un campo", f"Tracciato {name}")
    built = []
    for number, spec in enumerate(fields, start=1):
        unknown = set(spec) - _KEYS
        if unknown:
            raise ValidationError("fields", f"campo {number}: chiavi sconosciute "
                                  f"{', '.join(sorted(unknown))}", f"Tracciato {name}")
        missing = {"name", "start", "length"} - set(spec)
        if missing:
            raise ValidationError("fields", f"campo {number}: mancano "
                                  f"{', '.join(sorted(missing))}", f"Tracciato {name}")
        built.append(LayoutField(**spec))
    return Layout(name, tuple(built))


def parse_file(data: bytes, filename: str) -> tuple[str, str, list[dict[str, Any]]]:
    """(name, description, fields) from a .toml (`[[field]]` tables) or .json file."""
    try:
        if filename.endswith(".json"):
            doc = json.loads(data.decode("utf-8"))
        else:
            doc = tomllib.loads(data.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValidationError("file", f"definizione illeggibile: {exc}", "Tracciato") from None
    fields = doc.get("field") or doc.get("fields") or []
    return str(doc.get("name", "")), str(doc.get("description", "")), list(fields)


@operation(functions.RECORD_LAYOUTS)
def save(ctx: Context, name: str, fields: list[dict[str, Any]],
         description: str = "") -> RecordLayout:
    ctx.require_company()
    name = validation.text(name, "name", "Nome del tracciato", 40)
    layout = build(name, fields)
    text = json.dumps([dataclasses.asdict(f) for f in layout.fields], ensure_ascii=False)
    row = RecordLayout.get_or_none(RecordLayout.company == ctx.company,
                                   RecordLayout.name == name)
    if row is None:
        return records.insert(ctx, RecordLayout, company=ctx.company, name=name,
                              description=description[:80], fields=text)
    return records.update(ctx, row, description=description[:80], fields=text)


def get(ctx: Context, name: str) -> Layout:
    row = RecordLayout.get_or_none(RecordLayout.company == ctx.company,
                                   RecordLayout.name == name)
    if row is None:
        raise NotFound(f"Tracciato «{name}» inesistente")
    return build(row.name, json.loads(row.fields))


def list_layouts(ctx: Context) -> list[RecordLayout]:
    return list(RecordLayout.select().where(RecordLayout.company == ctx.company)
                .order_by(RecordLayout.name))


@operation(functions.RECORD_LAYOUTS)
def delete(ctx: Context, name: str) -> None:
    row = RecordLayout.get_or_none(RecordLayout.company == ctx.company,
                                   RecordLayout.name == name)
    if row is None:
        raise NotFound(f"Tracciato «{name}» inesistente")
    records.delete(ctx, row)
