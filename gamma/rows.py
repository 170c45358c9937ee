"""Multi-row INSERTs (and upserts) on hot paths, such as confirming a document.

peewee rebuilds an INSERT value by value on every call, which costs more than running
it; here the statement is written once per table, column set, row count and conflict
clause, and only the values are converted (each by its field, as peewee would)."""

from __future__ import annotations

import functools
from typing import Any, Sequence

from peewee import Model

from gamma import db


@functools.lru_cache(maxsize=256)
def _statement(table: str, columns: tuple[str, ...], count: int, param: str,
               conflict: tuple[str, ...], add: tuple[str, ...], replace: tuple[str, ...]) -> str:
    names = ", ".join(f'"{c}"' for c in columns)
    row = "(" + ", ".join([param] * len(columns)) + ")"
    sql = f'INSERT INTO "{table}" ({names}) VALUES ' + ", ".join([row] * count)
    if conflict:
        sets = [f'"{c}" = "{table}"."{c}" + excluded."{c}"' for c in add]
        sets += [f'"{c}" = excluded."{c}"' for c in replace]
        sql += f' ON CONFLICT ({", ".join(conflict)}) DO UPDATE SET ' + ", ".join(sets)
    return sql


def insert(model: type[Model], rows: Sequence[dict[str, Any]], *,
           conflict: Sequence[str] = (), add: Sequence[str] = (),
           replace: Sequence[str] = ()) -> None:
    """Insert `rows` (dicts by field name, all with the same keys; fields left out take
    their defaults). With `conflict` (field names of a unique index): on a clash, the
    `add` fields are summed to the stored ones and the `replace` fields overwritten."""
    if not rows:
        return
    meta = model._meta
    given = list(rows[0])
    fields = [meta.fields[name] for name in given]
    missing = [f for f in meta.sorted_fields
               if f.name not in rows[0] and f.name != meta.primary_key.name
               and f.default is not None]
    fields += missing
    defaults = [f.default() if callable(f.default) else f.default for f in missing]
    values: list[Any] = []
    for row in rows:
        values.extend(f.db_value(row[f.name]) for f in fields[:len(given)])
        values.extend(f.db_value(v) for f, v in zip(missing, defaults))
    column = lambda name: meta.fields[name].column_name  # noqa: E731
    sql = _statement(meta.table_name, tuple(f.column_name for f in fields), len(rows),
                     db.current().param, tuple(column(c) for c in conflict),
                     tuple(column(c) for c in add), tuple(column(c) for c in replace))
    db.current().execute_sql(sql, values)
