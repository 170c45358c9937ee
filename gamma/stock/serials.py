"""Serial numbers (matricole): one per unit of a serial-tracked article.

A serial comes to exist with the load that brings its unit in; its status follows its
movements: in stock, sold (it left with a document), out (any other unload), returned
(back in stock after leaving)."""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal
from typing import Any, Iterable

from peewee import JOIN, fn

from gamma import functions
from gamma.context import Context
from gamma.errors import NotFound, ValidationError
from gamma.service import operation
from models import Article, Lot, Serial, StockMovement
from models.lot import SERIAL_STATUSES

CODE_LENGTH = 40
LABEL = "Matricole"
_SEPARATORS = re.compile(r"[\s,;]+")


def parse(value: Any, field: str = "serials", label: str = LABEL) -> list[str]:
    """Serial codes from a list or a text (separated by spaces, commas or semicolons):
    trimmed, upper case, each at most 40 characters."""
    if value is None:
        return []
    items = value if isinstance(value, (list, tuple)) else _SEPARATORS.split(str(value))
    codes = [str(item).strip().upper() for item in items if str(item).strip()]
    for code in codes:
        if len(code) > CODE_LENGTH:
            raise ValidationError(field, f"{code}: al massimo {CODE_LENGTH} caratteri", label)
    return codes


def as_text(codes: Iterable[str]) -> str:
    return " ".join(codes)


def stock_of(serial_ids: Iterable[int]) -> dict[int, dict[int, Decimal]]:
    """Per serial, on hand per depot (1 where the unit is, 0 elsewhere)."""
    ids = list(set(serial_ids))
    out: dict[int, dict[int, Decimal]] = defaultdict(dict)
    if not ids:
        return out
    query = (StockMovement.select(StockMovement.serial, StockMovement.depot,
                                  fn.SUM(StockMovement.on_hand))
             .where(StockMovement.serial.in_(ids))
             .group_by(StockMovement.serial, StockMovement.depot))
    for serial, depot, held in query.tuples():
        out[serial][depot] = Decimal(held or 0) * Decimal("0.001")
    return out


def refresh(ctx: Context, serial_ids: Iterable[int]) -> None:
    """Status of each serial again from its movements (after they are written or
    taken back); a serial left without movements is deleted."""
    ids = list(set(serial_ids))
    if not ids:
        return
    held = stock_of(ids)
    last_out: dict[int, StockMovement] = {}
    for m in (StockMovement.select(StockMovement.serial, StockMovement.document,
                                   StockMovement.date, StockMovement.id)
              .where(StockMovement.serial.in_(ids), StockMovement.on_hand < 0)
              .order_by(StockMovement.date, StockMovement.id)):
        last_out[m.serial_id] = m
    moved = {s for (s,) in StockMovement.select(StockMovement.serial)
             .where(StockMovement.serial.in_(ids)).distinct().tuples()}
    gone = [i for i in ids if i not in moved]
    if gone:  # the load that brought them was taken back: they never came in
        Serial.delete().where(Serial.id.in_(gone)).execute()
    for serial_id in moved:
        inside = sum(held.get(serial_id, {}).values(), Decimal(0)) > 0
        if inside:
            status = "returned" if serial_id in last_out else "in_stock"
        elif serial_id in last_out and last_out[serial_id].document_id is not None:
            status = "sold"
        else:
            status = "out"
        Serial.update(status=status).where(Serial.id == serial_id,
                                           Serial.status != status).execute()


def status_label(status: str) -> str:
    return SERIAL_STATUSES.get(status, status)


@operation(functions.LOTS, write=False)
def listing(ctx: Context, article: Article | str, status: str | None = None
            ) -> list[dict[str, Any]]:
    """An article's serials with their lot and status."""
    from gamma.stock.lots import article_of
    article = article_of(ctx, article)
    query = (Serial.select(Serial, Lot.code.alias("lot_code"))
             .join(Lot, JOIN.LEFT_OUTER, on=(Serial.lot == Lot.id))
             .where(Serial.article == article).order_by(Serial.code))
    if status:
        if status not in SERIAL_STATUSES:
            raise ValidationError("status", "uno di " + ", ".join(SERIAL_STATUSES), "Stato")
        query = query.where(Serial.status == status)
    return [{"serial": s.code, "lot": s.lot_code if s.lot_id else None, "status": s.status,
             "status_label": status_label(s.status)} for s in query.objects()]


def find(ctx: Context, code: str, article: Article | None = None) -> list[Serial]:
    """The serials with that code (one per article; `article` narrows it to one)."""
    codes = parse(code, "serial", "Matricola")
    if len(codes) != 1:
        raise ValidationError("serial", "indicare una matricola", "Matricola")
    query = Serial.select().where(Serial.company == ctx.require_company(),
                                  Serial.code == codes[0])
    if article is not None:
        query = query.where(Serial.article == article)
    found = list(query)
    if not found:
        raise NotFound(f"Matricola {codes[0]} inesistente")
    return found
