"""A stored statistic's consolidated groups: the rows of stored_stat_row, one per group at
the statistic's finest level, holding its base sums so far.

Keys are kept as one JSON text (dates and Decimals tagged, so they come back as they
went in); the base sums as integers of millionths in the columns s1…s10, whose names and
decimal places (as the engine gave them: quantities 3, euro 2) are kept in
StoredStatistic.sums, so a sum reads back as the engine would have written it. New groups are added by multi-row upserts: a key already
there adds its sums to the stored ones, a new key is inserted.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any, Iterable

from gamma import db, rows
from gamma.errors import GammaError
from models import StoredStatistic, StoredStatRow
from models.stored_stats import SUM_COLUMNS, SUM_PLACES

COLUMNS = tuple(f"s{n}" for n in range(1, SUM_COLUMNS + 1))
BATCH = 400  # rows per upsert: (2 + 10) × 400 parameters, under SQLite's bound
_FACTOR = Decimal(10) ** SUM_PLACES


def _tag(value: Any) -> Any:
    if isinstance(value, date):
        return {"d": value.isoformat()}
    if isinstance(value, Decimal):
        return {"n": str(value)}
    return value


def _untag(value: Any) -> Any:
    if isinstance(value, dict):
        return date.fromisoformat(value["d"]) if "d" in value else Decimal(value["n"])
    return value


def encode_key(keys: Iterable[Any]) -> str:
    return json.dumps([_tag(k) for k in keys], ensure_ascii=False, separators=(",", ":"))


def decode_key(text: str) -> tuple:
    return tuple(_untag(k) for k in json.loads(text))


def _scaled(name: str, value: Decimal) -> int:
    scaled = Decimal(value) * _FACTOR
    if scaled != scaled.to_integral_value():
        raise GammaError(f"Statistica memorizzata: la somma {name} = {value} ha più di "
                         f"{SUM_PLACES} decimali")
    return int(scaled)


Layout = list[tuple[str, int]]  # the sums' names in column order, with their places


def layout(stored: StoredStatistic) -> Layout:
    return [(name, places) for name, places in json.loads(stored.sums or "[]")]


def widen(current: Layout, groups: list[tuple[tuple, dict[str, Decimal]]]) -> Layout:
    """The layout taking in the sums of `groups`: new names appended, places widened."""
    places = dict(current)
    order = [n for n, _ in current]
    for _, sums in groups:
        for name, value in sums.items():
            if name not in places:
                order.append(name)
                places[name] = 0
            places[name] = max(places[name], -min(0, Decimal(value).as_tuple().exponent))
    if len(order) > SUM_COLUMNS:
        raise GammaError(f"Statistica memorizzata: {len(order)} somme di base, al massimo "
                         f"{SUM_COLUMNS}")
    return [(n, places[n]) for n in order]


def add(stored: StoredStatistic, names: Layout,
        groups: Iterable[tuple[tuple, dict[str, Decimal]]]) -> int:
    """Add (keys, sums) pairs into the stored groups; returns how many pairs came."""
    batch: list[dict] = []
    count = 0
    used = COLUMNS[:len(names)]
    for keys, sums in groups:
        row = {"stored": stored.id, "group_key": encode_key(keys)}
        row.update({c: _scaled(n, sums.get(n, Decimal(0))) for c, (n, _) in zip(used, names)})
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


def load(stored: StoredStatistic, names: Layout) -> list[tuple[tuple, dict[str, Decimal]]]:
    """Every stored group as (keys, {name: Decimal sum}), in key order."""
    used = COLUMNS[:len(names)]
    columns = ", ".join(f'"{c}"' for c in ("group_key",) + used)
    cursor = db.current().execute_sql(
        f'SELECT {columns} FROM "stored_stat_row" WHERE "stored_id" = {db.current().param} '
        'ORDER BY "id"', [stored.id])
    return [(decode_key(row[0]),
             {n: Decimal(int(v)).scaleb(-SUM_PLACES).quantize(Decimal(1).scaleb(-places))
              for (n, places), v in zip(names, row[1:])})
            for row in cursor.fetchall()]


def clear(stored: StoredStatistic) -> None:
    """Forget every group: the next add starts from zero (a full recomputation)."""
    StoredStatRow.delete().where(StoredStatRow.stored == stored.id).execute()


def count(stored: StoredStatistic) -> int:
    return StoredStatRow.select().where(StoredStatRow.stored == stored.id).count()
