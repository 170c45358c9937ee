"""Numbering series (sezionali): gap-free numbers per company, kind, series and year.

A number is taken inside the caller's transaction by an UPDATE … RETURNING on the
counter row: on PostgreSQL the UPDATE holds the row lock (as SELECT … FOR UPDATE would)
until the caller commits; on SQLite the caller's transaction is BEGIN IMMEDIATE, so writers
are serialised. A rolled-back transaction gives its number back; nobody else can have
taken a later one meanwhile.
"""

from __future__ import annotations

import functools

from gamma import db
from gamma.context import Context
from gamma.errors import ValidationError
from models import NumberCounter


def _counter(company_id: int, kind: str, series: str, year: int):
    return (NumberCounter.company == company_id, NumberCounter.kind == kind,
            NumberCounter.series == series, NumberCounter.year == year)


@functools.lru_cache(maxsize=4)
def _bump_sql(param: str) -> str:
    # Written once: peewee would rebuild this statement on every number taken, which costs
    # ten times the statement itself on SQLite.
    return (f"UPDATE {NumberCounter._meta.table_name} "
            "SET last_number = last_number + 1, version = version + 1 "
            f"WHERE company_id = {param} AND kind = {param} AND series = {param} "
            f"AND year = {param} RETURNING last_number")


def next_number(ctx: Context, kind: str, series: str = "", year: int | None = None) -> int:
    """Take the next number; must run inside the transaction that writes the document."""
    if not db.in_transaction():
        raise RuntimeError("next_number() outside a transaction would leave gaps")
    company = ctx.require_company()
    year = year or ctx.today().year
    database = db.current()
    sql, params = _bump_sql(database.param), (company.id, kind, series, year)
    row = database.execute_sql(sql, params).fetchone()
    if row is None:
        (NumberCounter.insert(company=company.id, kind=kind, series=series, year=year,
                              last_number=0)
         .on_conflict_ignore().execute())
        row = database.execute_sql(sql, params).fetchone()
    return row[0]


def last_number(ctx: Context, kind: str, series: str = "", year: int | None = None) -> int:
    """The last number given (0 when none), without taking one."""
    company = ctx.require_company()
    row = NumberCounter.get_or_none(*_counter(company.id, kind, series,
                                              year or ctx.today().year))
    return row.last_number if row else 0


def validate_series(series: str) -> str:
    series = series.strip().upper()
    if len(series) > 10 or not (series.isalnum() or series == ""):
        raise ValidationError("series", "al massimo 10 lettere o cifre", "Sezionale")
    return series
