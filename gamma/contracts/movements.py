"""Editing transitory movements before they become documents: change a line's text or
amount, add an uncoded line, delete a line (a counted line gives its item's count back)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from gamma import functions, records
from gamma.context import Context
from gamma.contracts import contracts
from gamma.contracts.generation import CENT, give_back
from gamma.errors import GammaError, ValidationError
from gamma.master import tables
from gamma.sales import values
from gamma.service import operation
from models import PeriodicLine, PeriodicMovement

LABELS = contracts.ITEM_LABELS


def _open_movement(ctx: Context, movement_id: int) -> PeriodicMovement:
    movement = PeriodicMovement.get_or_none(PeriodicMovement.company == ctx.require_company(),
                                            PeriodicMovement.id == movement_id)
    if movement is None:
        raise GammaError(f"Movimento transitorio {movement_id} inesistente")
    if movement.document_id is not None or movement.run.status != "open":
        raise GammaError(f"Movimento transitorio {movement_id}: già trasformato in documento, "
                         "non si modifica")
    return movement


def _line(ctx: Context, line_id: int) -> PeriodicLine:
    line = PeriodicLine.get_or_none(PeriodicLine.company == ctx.require_company(),
                                    PeriodicLine.id == line_id)
    if line is None:
        raise GammaError(f"Riga {line_id} inesistente")
    _open_movement(ctx, line.movement_id)
    return line


def _amount(line_type: str, qty: Decimal, price: Decimal) -> Decimal:
    sign = -1 if line_type == "credit" else 1
    return sign * abs((qty * price).quantize(CENT, rounding=ROUND_HALF_UP))


@operation(functions.PERIODIC_INVOICING)
def change_line(ctx: Context, line_id: int, data: dict[str, Any]) -> PeriodicLine:
    """Change `description`, `amount` (qty 1 at that price) or `qty` and `price`."""
    line = _line(ctx, line_id)
    out: dict[str, Any] = {}
    if "description" in data:
        out["description"] = values.text(data["description"], "description",
                                         LABELS["description"], 200)
    if line.line_type != "text":
        sign = -1 if line.line_type == "credit" else 1
        if data.get("amount") not in (None, ""):
            price = values.decimal(data["amount"], 2, "amount", LABELS["amount"])
            out.update(qty=Decimal(sign), price=abs(price))
        else:
            if data.get("qty") not in (None, ""):
                out["qty"] = sign * abs(values.decimal(data["qty"], 3, "qty", LABELS["qty"]))
            if data.get("price") not in (None, ""):
                out["price"] = values.decimal(data["price"], 6, "price", LABELS["price"])
        qty, price = out.get("qty", line.qty), out.get("price", line.price)
        if qty == 0:
            raise ValidationError("qty", "non può essere zero", LABELS["qty"])
        if price < 0:
            raise ValidationError("price", "non può essere negativo", LABELS["price"])
        out["amount"] = _amount(line.line_type, qty, price)
    return records.update(ctx, line, **out)


@operation(functions.PERIODIC_INVOICING)
def add_line(ctx: Context, movement_id: int, data: dict[str, Any]) -> PeriodicLine:
    """An uncoded line (type charge, credit or text; description; amount or qty and
    price; vat_code), at the end of the movement."""
    movement = _open_movement(ctx, movement_id)
    fields = contracts.item_fields(ctx, {**data, "repeat": "every", "instalments": 0})
    if fields["item_type"] != "text" and not fields["description"]:
        fields["description"] = fields["article"].description
    position = (PeriodicLine.select(PeriodicLine.position)
                .where(PeriodicLine.movement == movement)
                .order_by(PeriodicLine.position.desc()).scalar() or 0) + 1
    line_type = fields["item_type"]
    qty = fields["qty"] * (-1 if line_type == "credit" else 1)
    return records.insert(
        ctx, PeriodicLine, company=ctx.company, movement=movement, position=position,
        line_type=line_type, article=fields["article"], description=fields["description"],
        vat_code=fields["vat_code"] or (tables.find(ctx, "vat_code", "22")
                                        if line_type != "text" and not fields["article"]
                                        else None),
        qty=qty if line_type != "text" else 0, price=fields["price"],
        amount=_amount(line_type, fields["qty"], fields["price"]) if line_type != "text"
        else 0, withholding=fields["withholding"])


@operation(functions.PERIODIC_INVOICING)
def delete_line(ctx: Context, line_id: int) -> None:
    """Delete a line; an instalment or once-only line gives its item's count back, so the
    next generation bills it again."""
    line = _line(ctx, line_id)
    give_back(line)
    records.delete(ctx, line)
