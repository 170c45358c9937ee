"""Favourite commands (preferiti di comando): up to nine functions an operator keeps at
hand, callable from the menu and from inside other functions."""

from __future__ import annotations

from gamma import functions, records
from gamma.access import permissions
from gamma.context import Context
from gamma.errors import ValidationError
from gamma.service import operation
from models import Favourite

POSITIONS = range(1, 10)


def listed(ctx: Context) -> list[tuple[int, functions.Function]]:
    """The operator's favourites the operator may still use, by position."""
    allowed = permissions.allowed_functions(ctx.operator)
    out = []
    for fav in Favourite.select().where(Favourite.operator == ctx.operator).order_by(
            Favourite.position):
        if fav.function_code in allowed:
            out.append((fav.position, functions.get(fav.function_code)))
    return out


# Each operator keeps their own: no grant is needed, but the writes are audited like any.
@operation(None)
def set_favourite(ctx: Context, position: int, code_or_mnemonic: str) -> functions.Function:
    """Put a function at a position (1-9), replacing what was there."""
    if position not in POSITIONS:
        raise ValidationError("position", "deve essere da 1 a 9", "Posizione")
    function = functions.get(code_or_mnemonic)
    permissions.require(ctx, function)
    current = _at(ctx, position)
    if current is None:
        records.insert(ctx, Favourite, operator=ctx.operator, position=position,
                       function_code=function.code)
    else:
        records.update(ctx, current, function_code=function.code)
    return function


@operation(None)
def clear(ctx: Context, position: int) -> None:
    current = _at(ctx, position)
    if current is not None:
        records.delete(ctx, current)


def _at(ctx: Context, position: int) -> Favourite | None:
    return Favourite.get_or_none(Favourite.operator == ctx.operator,
                                 Favourite.position == position)
