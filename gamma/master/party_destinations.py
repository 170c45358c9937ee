"""Destinations of a party (destinazioni diverse): delivery addresses numbered 1, 2, …"""

from __future__ import annotations

from typing import Any

from peewee import fn

from gamma import functions, records, validation
from gamma.context import Context
from gamma.errors import NotFound
from gamma.master import party_rules as rules
from gamma.master.parties import find
from gamma.service import operation
from models import Destination


@operation(functions.PARTY_LIST, write=False)
def list_destinations(ctx: Context, code: str) -> list[Destination]:
    party = find(ctx, code)
    return list(Destination.select().where(Destination.party == party)
                .order_by(Destination.number))


@operation(functions.PARTY_EDIT)
def add_destination(ctx: Context, code: str, values: dict[str, Any]) -> Destination:
    """Add a destination to the party, numbered after the last one."""
    party = find(ctx, code)
    last = (Destination.select(fn.MAX(Destination.number))
            .where(Destination.party == party).scalar() or 0)
    return records.insert(ctx, Destination, company=ctx.company, party=party,
                          number=last + 1, **_checked(values))


@operation(functions.PARTY_EDIT)
def save_destination(ctx: Context, code: str, values: dict[str, Any],
                     number: int | None = None) -> Destination:
    """Add (number None) or change a destination from the destination form's values."""
    if number is None:
        return add_destination(ctx, code, values)
    return records.update(ctx, get_destination(ctx, code, number), **_checked(values))


def get_destination(ctx: Context, code: str, number: int) -> Destination:
    party = find(ctx, code)
    row = Destination.get_or_none(Destination.party == party, Destination.number == number)
    if row is None:
        raise NotFound(f"Destinazione {number} di {party.code} inesistente")
    return row


def form_values(row: Destination) -> dict[str, Any]:
    return {"name": row.name, "address": row.address, "zip": row.zip, "city": row.city,
            "province": row.province, "country": row.country}


@operation(functions.PARTY_EDIT)
def remove_destination(ctx: Context, code: str, number: int) -> None:
    records.delete(ctx, get_destination(ctx, code, number))


def _checked(values: dict[str, Any]) -> dict[str, Any]:
    country = rules.country_code(values.get("country"))
    fields = {"country": country,
              "name": validation.text(values.get("name"), "name", "Nome", 60)}
    for name, label, length in (("address", "Indirizzo", 60), ("zip", "CAP", 10),
                                ("city", "Località", 60), ("province", "Provincia", 2)):
        fields[name] = validation.text(values.get(name), name, label, length, required=False)
    fields["province"] = fields["province"].upper()
    return fields

