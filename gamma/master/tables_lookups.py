"""Lookup sources (F2) of every standard table: `vat_code`, `payment_term`, ... and
`table_<kind>` for the code-and-description tables; plus `table`, the list of tables.

Searches are by code prefix or description substring, in the context's company, LIMITed.
"""

from __future__ import annotations

from decimal import Decimal

from gamma import numbers
from gamma.lookups import Column, Source, register
from gamma.master import tables
from gamma.master.tables_defs import TABLES, TableDef
from models import ExchangeRate

_EXTRA = {  # columns shown besides code and description
    "vat_code": (Column("rate", "Aliq.", 6), Column("nature", "Nat.", 5)),
    "payment_term": (Column("method", "Mod.", 5), Column("days", "Giorni", 12)),
    "unit": (Column("decimals", "Dec.", 4),),
    "stock_reason": (Column("on_hand", "Esist.", 6), Column("paired_reason", "Coll.", 6)),
    "agent": (Column("commission", "Provv.", 6),),
    "bank": (Column("iban", "IBAN", 27),),
    "currency": (Column("decimals", "Dec.", 4),),
    "country": (Column("eu", "UE", 3),),
    "charge_rule": (Column("mode", "Modo", 8), Column("basis", "Base", 8)),
}


def _searcher(tdef: TableDef):
    extra = _EXTRA.get(tdef.name, ())

    def search(ctx, typed, filters, limit):
        rows = []
        for row in tables.search(ctx, tdef.name, typed, filters.get("active", ""), limit):
            out = {"code": row.code, "description": getattr(row, tdef.text)}
            for column in extra:
                value = getattr(row, column.name)
                if isinstance(value, bool):
                    value = "S" if value else ""
                elif isinstance(value, Decimal):
                    value = numbers.format_decimal(value, 2)
                out[column.name] = value
            if "active" in row._meta.fields:
                out["active"] = "S" if row.active else "N"
            rows.append(out)
        return rows

    return search


def _source(tdef: TableDef) -> Source:
    columns = (Column("code", "Codice", 10),
               Column("description", "Descrizione" if tdef.text == "description" else "Nome",
                      40), *_EXTRA.get(tdef.name, ()))
    if "active" in tdef.model._meta.fields:
        columns += (Column("active", "Att.", 4),)
    return Source(tdef.lookup, tdef.title, columns, "code", _searcher(tdef))


for _tdef in TABLES.values():
    register(_source(_tdef))


def _tables(ctx, typed, filters, limit):
    text = (typed or "").strip().lower()
    rows = []
    for tdef, count in tables.counts(ctx):
        rows.append({"name": tdef.name, "title": tdef.title, "rows": count})
        if tdef.name == "currency":  # the daily rates, listed after the currencies
            rows.append({"name": "exchange_rate", "title": "Cambi giornalieri",
                         "rows": ExchangeRate.select().where(
                             ExchangeRate.company == ctx.company).count()})
    if text:
        rows = [r for r in rows if r["name"].startswith(text) or text in r["title"].lower()]
    return rows[:limit]


register(Source("table", "Tabelle", (Column("name", "Tabella", 20),
                                     Column("title", "Descrizione", 40),
                                     Column("rows", "Righe", 6)), "name", _tables))
