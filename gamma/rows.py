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


@functools.lru_cache(maxsize=256)
def _select(table: str, columns: tuple[str, ...], where: tuple[str, ...], param: str,
            suffix: str) -> str:
    names = ", ".join(f'"{c}"' for c in columns)
    conditions = " AND ".join(f'"{c}" = {param}' for c in where)
    return f'SELECT {names} FROM "{table}" WHERE {conditions}{suffix}'


def fetch(model: type[Model], *, for_update: bool = False, **where: Any) -> list[Model]:
    """The rows of `model` whose fields equal `where`, as model instances; the statement
    written once per shape (peewee would rebuild it on every call)."""
    meta = model._meta
    fields = meta.sorted_fields
    columns = tuple(f.column_name for f in fields)
    keys = tuple(meta.fields[k].column_name for k in where)
    values = [meta.fields[k].db_value(v.get_id() if isinstance(v, Model) else v)
              for k, v in where.items()]
    database = db.current()
    suffix = " FOR UPDATE" if for_update and not db.is_sqlite() else ""
    cursor = database.execute_sql(_select(meta.table_name, columns, keys, database.param,
                                          suffix), values)
    out = []
    for row in cursor.fetchall():
        instance = model.__new__(model)
        instance.__data__ = {f.name: f.python_value(v) for f, v in zip(fields, row)}
        instance._dirty = set()
        instance.__rel__ = {}
        out.append(instance)
    return out


def fetch_one(model: type[Model], *, for_update: bool = False, **where: Any) -> Model | None:
    found = fetch(model, for_update=for_update, **where)
    return found[0] if found else None


@functools.lru_cache(maxsize=128)
def _update(table: str, columns: tuple[str, ...], param: str, versioned: bool) -> str:
    sets = ", ".join(f'"{c}" = {param}' for c in columns)
    if versioned:
        return (f'UPDATE "{table}" SET {sets}, "version" = "version" + 1 '
                f'WHERE "id" = {param} AND "version" = {param}')
    return f'UPDATE "{table}" SET {sets} WHERE "id" = {param}'


def update(instance: Model, **values: Any) -> bool:
    """Set `values` on the row of `instance`, bumping its version when it has one and only
    if nobody bumped it since it was read; False when the row was changed meanwhile."""
    meta = type(instance)._meta
    versioned = "version" in meta.fields
    names = list(values)
    params = [meta.fields[n].db_value(values[n].get_id() if isinstance(values[n], Model)
                                      else values[n]) for n in names]
    params.append(instance.get_id())
    if versioned:
        params.append(instance.version)
    sql = _update(meta.table_name, tuple(meta.fields[n].column_name for n in names),
                  db.current().param, versioned)
    done = db.current().execute_sql(sql, params).rowcount == 1
    if done:
        for name, value in values.items():
            setattr(instance, name, value)
        if versioned:
            instance.version += 1
    return done
