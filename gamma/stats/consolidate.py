"""A stored statistic's consolidated groups: the rows of stored_stat_row, one per group at
the statistic's finest level, holding its base sums so far.

A group's keys (the engine's element codes: text or None) are kept as one text, joined
by a separator no code contains; its base sums as integers in the columns s1…s10, each
at its own decimal places (quantities 3, euro 2, as the engine gave them), the names and
places kept in StoredStatistic.sums, so a sum reads back exactly as the engine wrote it.
New groups are added by multi-row upserts: a key already there adds its sums to the
stored ones, a new key is inserted.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Callable, Iterable

from gamma import db, rows
from gamma.errors import GammaError
from models import StoredStatistic, StoredStatRow
from models.stored_stats import SUM_COLUMNS, SUM_PLACES

COLUMNS = tuple(f"s{n}" for n in range(1, SUM_COLUMNS + 1))
BATCH = 400  # rows per upsert: (2 + 10) × 400 parameters, under SQLite's bound
SEPARATOR, NONE = "\x1f", "\x1e"  # control characters: never in a code; not NUL (PostgreSQL)

ZERO = Decimal(0)
Layout = list[tuple[str, int]]  # the sums' names in column order, with their places
Groups = list[tuple[tuple, dict[str, Decimal]]]


def encode_key(keys: Iterable[str | None]) -> str:
    parts = []
    for key in keys:
        if key is not None and (not isinstance(key, str) or SEPARATOR in key or key == NONE):
            raise GammaError(f"Statistica memorizzata: chiave di gruppo non memorizzabile "
                             f"{key!r}")
        parts.append(NONE if key is None else key)
    return SEPARATOR.join(parts)


def decode_key(text: str) -> tuple[str | None, ...]:
    return tuple(None if part == NONE else part for part in text.split(SEPARATOR))


def _places(value: Decimal) -> int:
    return max(0, -Decimal(value).as_tuple().exponent)


def layout(stored: StoredStatistic) -> Layout:
    return [(name, places) for name, places in json.loads(stored.sums or "[]")]


def widen(current: Layout, groups: Groups) -> Layout:
    """The layout taking in the sums of `groups`: new names appended, places widened."""
    places = dict(current)
    order = [n for n, _ in current]
    for _, sums in groups:
        for name, value in sums.items():
            if name not in places:
                order.append(name)
                places[name] = 0
            places[name] = max(places[name], _places(value))
    if len(order) > SUM_COLUMNS:
        raise GammaError(f"Statistica memorizzata: {len(order)} somme di base, al massimo "
                         f"{SUM_COLUMNS}")
    wide = [n for n in order if places[n] > SUM_PLACES]
    if wide:
        raise GammaError(f"Statistica memorizzata: la somma {wide[0]} ha più di "
                         f"{SUM_PLACES} decimali")
    return [(n, places[n]) for n in order]


def rescale(stored: StoredStatistic, old: Layout, new: Layout) -> None:
    """Bring the stored integers to the new layout's places (a sum that came with more
    decimals than before): multiplied in SQL, exactly."""
    before = dict(old)
    database = db.current()
    for column, (name, places) in zip(COLUMNS, new):
        if name in before and places > before[name]:
            database.execute_sql(
                f'UPDATE "stored_stat_row" SET "{column}" = "{column}" * '
                f'{10 ** (places - before[name])} WHERE "stored_id" = {database.param}',
                [stored.id])


def add(stored: StoredStatistic, names: Layout, groups: Groups) -> int:
    """Add (keys, sums) pairs into the stored groups; returns how many pairs came."""
    batch: list[dict] = []
    count = 0
    used = COLUMNS[:len(names)]
    for keys, sums in groups:
        row = {"stored": stored.id, "group_key": encode_key(keys)}
        row.update({c: int(sums.get(n, ZERO).scaleb(places))
                    for c, (n, places) in zip(used, names)})
        batch.append(row)
        count += 1
        if len(batch) == BATCH:
            _upsert(batch, used)
            batch = []
    if batch:
        _upsert(batch, used)
    return count


def _upsert(batch: list[dict], used: tuple[str, ...]) -> None:
    rows.insert(StoredStatRow, batch, conflict=("stored", "group_key"), add=used)


def load(stored: StoredStatistic, names: Layout, make: Callable = lambda k, s: (k, s)) -> list:
    """Every stored group as make(keys, {name: Decimal sum}), in no particular order (the
    result sorts them)."""
    used = COLUMNS[:len(names)]
    columns = ", ".join(f'"{c}"' for c in ("group_key",) + used)
    cursor = db.current().execute_sql(
        f'SELECT {columns} FROM "stored_stat_row" WHERE "stored_id" = {db.current().param}',
        [stored.id])
    scales = [(n, -places) for n, places in names]
    return [make(decode_key(row[0]),
                 {n: Decimal(v).scaleb(scale) for (n, scale), v in zip(scales, row[1:])})
            for row in cursor.fetchall()]


def clear(stored: StoredStatistic) -> None:
    """Forget every group: the next add starts from zero (a full recomputation)."""
    StoredStatRow.delete().where(StoredStatRow.stored == stored.id).execute()


def count(stored: StoredStatistic) -> int:
    return StoredStatRow.select().where(StoredStatRow.stored == stored.id).count()
