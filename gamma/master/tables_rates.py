"""Daily exchange rates as the terminal shows them: the form of mask 132 for a rate, the
`exchange_rate` lookup (the latest first), reading and deleting one rate."""

from __future__ import annotations

from datetime import date
from typing import Any

from gamma import functions, numbers, records
from gamma.context import Context
from gamma.errors import NotFound
from gamma.forms import FieldDef, Form, register
from gamma.lookups import Column, Source
from gamma.lookups import register as register_source
from gamma.master import tables
from gamma.service import operation
from models import Currency, ExchangeRate

RATE = register(Form("exchange_rate", "Cambio giornaliero", (
    FieldDef("currency", "Valuta", "code", 3, required=True, upper=True, lookup="currency"),
    FieldDef("day", "Giorno", "date", 10, required=True),
    FieldDef("rate", "Unità per 1 euro", "decimal", 14, required=True, decimals=6),
)))


def key_of(rate: ExchangeRate) -> str:
    """How a list names a rate: `USD 2026-03-02`."""
    return f"{rate.currency.code} {rate.day.isoformat()}"


def _find(ctx: Context, key: str) -> ExchangeRate:
    code, _, day = (key or "").partition(" ")
    found = (ExchangeRate.select().join(Currency)
             .where(ExchangeRate.company == ctx.company, Currency.code == code.upper(),
                    ExchangeRate.day == date.fromisoformat(day)).first()) if day else None
    if found is None:
        raise NotFound(f"Cambio {key} inesistente")
    return found


@operation(functions.TABLE_LIST, write=False)
def get(ctx: Context, key: str) -> ExchangeRate:
    return _find(ctx, key)


def form_values(rate: ExchangeRate) -> dict[str, Any]:
    return {"currency": rate.currency.code, "day": rate.day, "rate": rate.rate}


@operation(functions.TABLE_EDIT)
def save_from_form(ctx: Context, values: dict[str, Any]) -> ExchangeRate:
    from gamma.access import field_rules
    values = field_rules.apply(ctx, RATE.name, values, RATE.labels)
    return tables.set_rate(ctx, values.get("currency") or "", values.get("day"),
                           values.get("rate"))


@operation(functions.TABLE_EDIT)
def delete(ctx: Context, key: str) -> None:
    records.delete(ctx, _find(ctx, key))


def _rates(ctx, typed, filters, limit):
    q = (ExchangeRate.select(ExchangeRate, Currency).join(Currency)
         .where(ExchangeRate.company == ctx.company)
         .order_by(ExchangeRate.day.desc(), Currency.code))
    if typed:
        q = q.where(Currency.code.startswith(typed.strip().upper()))
    return [{"key": key_of(r), "currency": r.currency.code, "day": r.day.strftime("%d/%m/%Y"),
             "rate": numbers.format_decimal(r.rate, 6)} for r in q.limit(limit)]


register_source(Source("exchange_rate", "Cambi giornalieri", (
    Column("currency", "Valuta", 6), Column("day", "Giorno", 10),
    Column("rate", "Unità per 1 euro", 16)), "key", _rates))
